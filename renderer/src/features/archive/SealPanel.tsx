/**
 * 年度封存: after the year's archive export the year can be sealed. Sealed, it is
 * read-only; the manifest (sha256 of each record, attachment file and exported
 * file) is shown here, 校验 compares it with the data and the disk, and 解除封存
 * needs a reason, which the log keeps (it is printed in the next volume's 备考表).
 */
import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Descriptions, Empty, Form, Input, List, Modal, Space, Spin, Table, Tag, Typography } from 'antd';
import { exportIdLabel, type ManifestEntry, type SealEvent, type SealProblem, type SealStatus } from '../../../../shared/archive/model';
import { call } from '../../api';
import { markFields, showError } from '../../errors';
import { useApiData } from '../../useApiData';
import { lengthLimit } from '../../components/fields/limit';

const KIND_LABEL: Record<ManifestEntry['kind'], string> = { record: '记录', attachment: '附件', file: '导出文件' };

/** What a problem means, in the words the secretary reads. */
const PROBLEM_TEXT: Record<ManifestEntry['kind'], Record<SealProblem['problem'], string>> = {
  record: { changed: '记录被改动', missing: '记录被删除或移出本年度', added: '封存后新增了记录' },
  attachment: { changed: '附件文件被改动', missing: '附件文件缺失', added: '封存后新增了附件' },
  file: { changed: '导出文件被改动', missing: '导出文件缺失', added: '导出文件夹中多了文件' },
};

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

function Sha({ value }: { value: string }) {
  return (
    <Typography.Text code copyable={{ text: value, tooltips: ['复制完整校验值', '已复制'] }} title={value}>
      {value.slice(0, 12)}…
    </Typography.Text>
  );
}

function Manifest({ entries }: { entries: ManifestEntry[] }) {
  const count = (k: ManifestEntry['kind']) => entries.filter((e) => e.kind === k).length;
  return (
    <>
      <Descriptions
        size="small"
        column={3}
        items={[
          { key: 'r', label: '记录', children: `${count('record')} 件` },
          { key: 'a', label: '附件文件', children: `${count('attachment')} 个` },
          { key: 'f', label: '导出文件', children: `${count('file')} 个` },
        ]}
      />
      <Table<ManifestEntry>
        size="small"
        rowKey={(e) => `${e.kind}:${e.ref}`}
        dataSource={entries}
        pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
        columns={[
          { title: '类别', dataIndex: 'kind', width: 90, render: (k: ManifestEntry['kind']) => KIND_LABEL[k] },
          { title: '内容', dataIndex: 'label' },
          { title: 'SHA-256 校验值', dataIndex: 'sha256', width: 190, render: (v: string) => <Sha value={v} /> },
        ]}
      />
    </>
  );
}

function Problems({ problems }: { problems: SealProblem[] }) {
  if (problems.length === 0) {
    return <Alert type="success" showIcon title="校验通过：记录、附件文件和导出文件都与封存时一致。" />;
  }
  return (
    <Alert
      type="error"
      showIcon
      title={`发现${problems.length}处与封存时不一致`}
      description={
        <List<SealProblem>
          size="small"
          dataSource={problems}
          renderItem={(p) => (
            <List.Item>
              <Tag color={p.problem === 'added' ? 'orange' : 'red'}>{PROBLEM_TEXT[p.entry.kind][p.problem]}</Tag>
              {p.entry.label}
            </List.Item>
          )}
        />
      }
    />
  );
}

function Log({ log }: { log: SealEvent[] }) {
  if (log.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有封存记录" />;
  return (
    <List<SealEvent>
      size="small"
      dataSource={log}
      renderItem={(e) => (
        <List.Item>
          <Space wrap>
            <span>{when(e.at)}</span>
            {e.action === 'seal' ? (
              <>
                <Tag color="green">封存</Tag>
                {e.exportId && <span className="muted">导出批次 {exportIdLabel(e.exportId)}</span>}
              </>
            ) : (
              <>
                <Tag color="orange">解除封存</Tag>
                <span>原因：{e.reason}</span>
              </>
            )}
          </Space>
        </List.Item>
      )}
    />
  );
}

function UnsealModal({ year, open, onClose, onDone }: { year: number; open: boolean; onClose: () => void; onDone: (s: SealStatus) => void }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    let reason: string;
    try {
      reason = (await form.validateFields()).reason;
    } catch {
      return;
    }
    setBusy(true);
    try {
      const s = await call('seal.unseal', { year, reason });
      message.success(`已解除${year}年度的封存`);
      form.resetFields();
      onDone(s);
    } catch (e) {
      showError(e, message.error, (f) => markFields(form, f));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={`解除${year}年度的封存`} open={open} onCancel={onClose} onOk={submit} okText="解除封存" okButtonProps={{ danger: true }} confirmLoading={busy} destroyOnHidden>
      <Typography.Paragraph>
        解除后本年度的记录、附件和党费可以再次修改。解除的时间和原因将记入封存记录，并打印在下一次归档的卷内备考表中。修改完成后请重新导出并封存。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label="解除原因"
          rules={[
            { required: true, whitespace: true, message: '请写明解除封存的原因' },
            { validator: (_, v: string | undefined) => (Array.from((v ?? '').trim()).length >= 4 ? Promise.resolve() : Promise.reject(new Error('原因至少4个字'))) },
            { max: 200, message: '原因不能超过200个字' },
          ]}
        >
          <Input.TextArea rows={3} {...lengthLimit(200)} placeholder="例如：补录遗漏的第三季度支部党员大会记录" aria-label="解除原因" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function SealPanel({ year, exportId, onChange }: { year: number; exportId: string | null; onChange?: () => void }) {
  const { message, modal } = AntApp.useApp();
  const [status, reload, failed] = useApiData(() => call('seal.status', { year }), [year]);
  const [current, setCurrent] = useState<SealStatus | null>(null);
  const [problems, setProblems] = useState<SealProblem[] | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [sealing, setSealing] = useState(false);
  const [unsealing, setUnsealing] = useState(false);
  useEffect(() => {
    setCurrent(status);
    setProblems(null);
  }, [status]);
  // A sealed year is checked whenever it is shown, so a change behind the app's back is reported without asking.
  useEffect(() => {
    if (!status?.sealed) return;
    let live = true;
    call('seal.verify', { year }).then(
      (p) => live && setProblems(p),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [status, year]);

  if (failed) return <Alert type="error" showIcon title="无法读取封存状态" action={<Button onClick={() => void reload()}>重试</Button>} />;
  if (!current) return <Spin />;

  const changed = (s: SealStatus) => {
    setCurrent(s);
    setProblems(null);
    onChange?.();
  };

  const seal = () => {
    if (!exportId) return;
    modal.confirm({
      title: `封存${year}年度？`,
      content: (
        <>
          <p>封存后，{year}年度的所有记录、附件和党费台账都变为只读，不能新增、修改、删除或恢复。</p>
          <p>系统将为每条记录、每个附件文件和本次导出（{exportIdLabel(exportId)}）的每个文件计算 SHA-256 校验值并保存，以后可随时校验是否被改动。</p>
          <p>如确需修改，须先解除封存并写明原因，解除记录会打印在下一次归档的卷内备考表中。</p>
        </>
      ),
      okText: '封存',
      cancelText: '取消',
      onOk: async () => {
        setSealing(true);
        try {
          changed(await call('seal.seal', { year, exportId }));
          message.success(`${year}年度已封存`);
        } catch (e) {
          showError(e, message.error);
        } finally {
          setSealing(false);
        }
      },
    });
  };

  const verify = async () => {
    setVerifying(true);
    try {
      setProblems(await call('seal.verify', { year }));
    } catch (e) {
      showError(e, message.error);
    } finally {
      setVerifying(false);
    }
  };

  return (
    <div className="seal-panel" data-testid="seal-panel">
      <Space wrap style={{ marginBottom: 12 }}>
        <strong>{year}年度</strong>
        {current.sealed ? <Tag color="green">已封存</Tag> : <Tag>未封存</Tag>}
        {current.sealed && current.sealedAt && <span className="muted">封存时间：{when(current.sealedAt)}</span>}
        {current.sealed && current.exportId && <span className="muted">导出批次：{exportIdLabel(current.exportId)}</span>}
      </Space>

      {current.sealed ? (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <Button type="primary" onClick={verify} loading={verifying}>
              校验
            </Button>
            <Button danger onClick={() => setUnsealing(true)}>
              解除封存
            </Button>
          </Space>
          {problems && (
            <div style={{ marginBottom: 12 }}>
              <Problems problems={problems} />
            </div>
          )}
          <Typography.Title level={5}>封存清单</Typography.Title>
          <Manifest entries={current.manifest} />
        </>
      ) : exportId ? (
        <Space orientation="vertical" style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">
            本次导出（{exportIdLabel(exportId)}）完成后即可封存：封存后本年度只读，并保存每条记录、附件和导出文件的校验值。
          </Typography.Text>
          <Button type="primary" onClick={seal} loading={sealing}>
            封存本年度
          </Button>
        </Space>
      ) : (
        <Typography.Paragraph type="secondary">请先完成本年度的归档导出，再封存。</Typography.Paragraph>
      )}

      <Typography.Title level={5}>封存记录</Typography.Title>
      <Log log={current.log} />

      <UnsealModal
        year={year}
        open={unsealing}
        onClose={() => setUnsealing(false)}
        onDone={(s) => {
          setUnsealing(false);
          changed(s);
        }}
      />
    </div>
  );
}
