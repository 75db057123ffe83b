/**
 * 发展党员: a board of the candidates by stage, each case in a drawer with its 25
 * steps, and the 组织关系转接 with their 回执. Routes: #/development (board),
 * #/development/<case id> (a case over the board), #/development?tab=transfers.
 */
import { useState } from 'react';
import { App as AntApp, Button, Modal, Select, Tabs } from 'antd';
import { call } from '../../api';
import { showError } from '../../errors';
import { go, useRoute } from '../../router';
import { useApiData } from '../../useApiData';
import { Board } from './Board';
import { CaseDrawer } from './CaseDrawer';
import { TransfersTab } from './TransfersTab';
import './development.css';

function NewCase({ open, onClose, busy }: { open: boolean; onClose: () => void; busy: Set<number> }) {
  const { message } = AntApp.useApp();
  const [people] = useApiData(() => (open ? call('people.list') : Promise.resolve([])), [open]);
  const [personId, setPersonId] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    if (personId === null) return message.error('请选择人员');
    setSaving(true);
    try {
      const c = await call('development.open', { personId });
      const status = c.warnings.find((w) => w.code === 'status');
      if (status) message.warning(status.found);
      else message.success(`已为${c.person.name}建立发展党员记录`);
      setPersonId(null);
      onClose();
      go(`/development/${c.id}`);
    } catch (e) {
      showError(e, message.error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal title="新建发展对象" open={open} onCancel={onClose} onOk={submit} okText="建立" confirmLoading={saving} destroyOnHidden>
      <p className="muted">从人员名册中选择递交了入党申请书的人。尚未录入名册的，请先到“人员名册”添加。</p>
      <Select
        aria-label="选择人员"
        showSearch
        style={{ width: '100%' }}
        placeholder="输入姓名查找"
        value={personId}
        onChange={setPersonId}
        optionFilterProp="label"
        options={(people ?? []).map((p) => ({
          value: p.id,
          label: `${p.name}（${p.politicalStatus}）`,
          disabled: busy.has(p.id),
        }))}
      />
    </Modal>
  );
}

export function DevelopmentPage() {
  const route = useRoute();
  const caseId = Number(route.path[1]) || null;
  const tab = route.query.get('tab') === 'transfers' ? 'transfers' : 'board';
  const [cases, reload, failed] = useApiData(() => call('development.list'), []);
  const [creating, setCreating] = useState(false);
  const busy = new Set((cases ?? []).filter((c) => c.closedAt === null).map((c) => c.personId));

  return (
    <>
      <div className="page-toolbar">
        <h2>发展党员</h2>
        <Button onClick={() => go('/rules?part=regulations')}>发展党员工作程序</Button>
        <Button type="primary" onClick={() => setCreating(true)}>
          新建发展对象
        </Button>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => go(k === 'transfers' ? '/development?tab=transfers' : '/development')}
        items={[
          { key: 'board', label: '发展党员看板', children: <Board cases={cases} failed={failed} onOpen={(id) => go(`/development/${id}`)} /> },
          { key: 'transfers', label: '组织关系转接', children: tab === 'transfers' ? <TransfersTab /> : null },
        ]}
      />
      <NewCase open={creating} onClose={() => setCreating(false)} busy={busy} />
      {caseId !== null && <CaseDrawer key={caseId} id={caseId} onClose={() => go('/development')} onChanged={() => void reload()} />}
    </>
  );
}
