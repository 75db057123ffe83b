/**
 * 人员名册 and, on the same registry, the 党员花名册: one list with a view per
 * kind of person (全部 / 党员花名册 (正式 and 预备) / 团员 / 群众), each with
 * its own columns; adding and editing in PersonModal; the roster to and from
 * Excel. 身份证号 are masked until the user asks for one.
 */
import { useMemo, useState } from 'react';
import { App as AntApp, Button, Dropdown, Popconfirm, Segmented, Space, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Person } from '../../../../shared/methods/people';
import { POLITICAL_STATUSES } from '../../../../shared/books/vocab';
import { isPartyMember, memberCategory } from '../../../../shared/rules/membership';
import { call } from '../../api';
import { saveFile } from '../../download';
import { showError } from '../../errors';
import { useApiData } from '../../useApiData';
import { IdNumberCell } from './IdNumber';
import { ImportModal } from './ImportModal';
import { PersonModal } from './PersonModal';
import './people.css';

type View = 'all' | 'members' | 'league' | 'masses';

const VIEWS: { value: View; label: string; test: (p: Person) => boolean }[] = [
  { value: 'all', label: '全部', test: () => true },
  { value: 'members', label: '党员花名册', test: (p) => isPartyMember(p.politicalStatus) },
  { value: 'league', label: '团员', test: (p) => p.politicalStatus === '共青团员' },
  { value: 'masses', label: '群众', test: (p) => p.politicalStatus === '群众' },
];

const dash = (s: string | null | undefined) => s || '—';

export function PeoplePage({ highlight }: { highlight: number | null }) {
  const { message, modal } = AntApp.useApp();
  const [loaded, reload] = useApiData(() => call('people.list'), []);
  const people = useMemo(() => loaded ?? [], [loaded]);
  const [view, setView] = useState<View>('all');
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);

  const shown = people.filter(VIEWS.find((v) => v.value === view)!.test);
  const regular = shown.filter((p) => p.politicalStatus === '中共党员').length;

  const exportXlsx = async (fullId: boolean) => {
    setExporting(true);
    try {
      saveFile(await call('members.exportXlsx', { fullId }));
    } catch (e) {
      showError(e, message.error);
    } finally {
      setExporting(false);
    }
  };
  const confirmFullExport = () =>
    modal.confirm({
      title: '导出完整身份证号？',
      content: '导出的文件将包含每位党员的完整身份证号，请妥善保管，不要通过网络或即时通讯工具随意传送。',
      okText: '导出',
      cancelText: '取消',
      onOk: () => exportXlsx(true),
    });

  const remove = async (p: Person) => {
    try {
      await call('people.remove', { id: p.id });
      await reload();
    } catch (e) {
      showError(e, message.error);
    }
  };

  const name: ColumnsType<Person>[number] = {
    title: '姓名',
    dataIndex: 'name',
    fixed: 'left',
    width: 110,
    render: (n: string, p) => (
      <>
        {n}
        {p.mobileWhere && isPartyMember(p.politicalStatus) && (
          <Tooltip title={p.mobileWhere === '是' ? '流动党员' : `流动党员：${p.mobileWhere}`}>
            <Tag color="orange" className="mobile-tag">
              流动党员
            </Tag>
          </Tooltip>
        )}
      </>
    ),
  };
  const gender: ColumnsType<Person>[number] = { title: '性别', dataIndex: 'gender', width: 60 };
  const birth: ColumnsType<Person>[number] = { title: '出生日期', dataIndex: 'birthDate', width: 110, render: dash };
  const group: ColumnsType<Person>[number] = { title: '党小组', dataIndex: 'groupName', width: 110, render: dash };
  const position: ColumnsType<Person>[number] = {
    title: '职务',
    width: 150,
    render: (_, p) => (
      <>
        {p.committeeRole && <Tag color="red">支部{p.committeeRole}</Tag>}
        {p.position}
      </>
    ),
  };
  const phone: ColumnsType<Person>[number] = { title: '电话', dataIndex: 'phone', width: 130 };
  const actions: ColumnsType<Person>[number] = {
    title: '操作',
    width: 130,
    fixed: 'right',
    render: (_, p) => (
      <span className="row-actions">
        <Button type="link" size="small" onClick={() => setEditing(p)}>
          编辑
        </Button>
        <Popconfirm title={`把“${p.name}”移出名册？`} description="已有会议记录中的姓名不受影响。" onConfirm={() => remove(p)}>
          <Button type="link" size="small" danger>
            移出
          </Button>
        </Popconfirm>
      </span>
    ),
  };

  const columns: Record<View, ColumnsType<Person>> = {
    all: [
      name,
      gender,
      birth,
      {
        title: '政治面貌',
        dataIndex: 'politicalStatus',
        width: 120,
        filters: POLITICAL_STATUSES.map((s) => ({ text: s, value: s })),
        onFilter: (v, p) => p.politicalStatus === v,
      },
      group,
      position,
      phone,
      actions,
    ],
    members: [
      name,
      gender,
      birth,
      {
        title: '身份证号',
        dataIndex: 'idNumber',
        width: 210,
        render: (v: string, p) => <IdNumberCell key={`${p.id}:${v}`} personId={p.id} name={p.name} masked={v} />,
      },
      { title: '入党日期', dataIndex: 'joinDate', width: 110, render: dash, sorter: (a, b) => a.joinDate.localeCompare(b.joinDate) },
      { title: '转正日期', dataIndex: 'fullDate', width: 110, render: dash },
      {
        title: '党龄',
        dataIndex: 'partyYears',
        width: 70,
        render: (y: number | null) => (y === null ? '—' : `${y}年`),
        sorter: (a, b) => (a.partyYears ?? -1) - (b.partyYears ?? -1),
      },
      {
        title: '类别',
        dataIndex: 'politicalStatus',
        width: 70,
        render: (s: string) => <Tag color={s === '中共党员' ? 'red' : 'gold'}>{memberCategory(s)}</Tag>,
        filters: [
          { text: '正式', value: '中共党员' },
          { text: '预备', value: '中共预备党员' },
        ],
        onFilter: (v, p) => p.politicalStatus === v,
      },
      group,
      position,
      actions,
    ],
    league: [name, gender, birth, { title: '民族', dataIndex: 'ethnicity', width: 80, render: dash }, { title: '学历', dataIndex: 'education', width: 100, render: dash }, position, phone, actions],
    masses: [name, gender, birth, { title: '民族', dataIndex: 'ethnicity', width: 80, render: dash }, { title: '学历', dataIndex: 'education', width: 100, render: dash }, position, phone, actions],
  };

  return (
    <>
      <div className="page-toolbar">
        <h2>人员名册</h2>
        <Space wrap>
          <Button onClick={() => setImporting(true)}>导入Excel</Button>
          <Space.Compact>
            <Button onClick={() => exportXlsx(false)} loading={exporting}>
              导出Excel
            </Button>
            <Dropdown menu={{ items: [{ key: 'full', label: '导出（含完整身份证号）…' }], onClick: confirmFullExport }}>
              <Button aria-label="更多导出方式">▾</Button>
            </Dropdown>
          </Space.Compact>
          <Button type="primary" onClick={() => setEditing('new')}>
            添加人员
          </Button>
        </Space>
      </div>
      <div className="people-views">
        <Segmented<View>
          aria-label="名册视图"
          value={view}
          onChange={setView}
          options={VIEWS.map((v) => ({ value: v.value, label: `${v.label}（${people.filter(v.test).length}）` }))}
        />
        <span className="muted" data-testid="people-count">
          {view === 'members' ? `共 ${shown.length} 名党员（正式党员 ${regular} 名，预备党员 ${shown.length - regular} 名）` : `共 ${shown.length} 人`}
        </span>
      </div>
      <Table<Person>
        rowKey="id"
        size="middle"
        dataSource={shown}
        columns={columns[view]}
        scroll={{ x: 'max-content' }}
        rowClassName={(p) => (p.id === highlight ? 'row-highlight' : '')}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        aria-label={VIEWS.find((v) => v.value === view)!.label}
      />
      {editing !== null && (
        // Mounted for one person at a time: every opening starts from that person's stored data, or empty.
        <PersonModal
          key={editing === 'new' ? 'new' : editing.id}
          person={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void reload();
          }}
        />
      )}
      <ImportModal open={importing} onClose={() => setImporting(false)} onImported={() => void reload()} />
    </>
  );
}
