/**
 * 年度归档: check the year, choose how to bind it, export the Word volumes, the
 * registers workbook and the PDFs in the background (progress, cancel), then
 * save, print and seal. Earlier exports of the year stay listed below.
 */
import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Checkbox, Collapse, Flex, Form, Input, List, Progress, Radio, Space, Spin, Steps, Table, Tag, Typography } from 'antd';
import { exportIdLabel, REGISTER_KEYS, REGISTER_TITLES, type ExportFileInfo, type ExportJob } from '../../../../shared/archive/model';
import type { VolumeMode } from '../../../../shared/archive/volume';
import { formatSize } from '../../../../shared/print/display';
import { call } from '../../api';
import { useLedger } from '../../context';
import { openPdf, saveFile } from '../../download';
import { showError } from '../../errors';
import { go } from '../../router';
import { scrollToTop } from '../../scroll';
import { useApiData } from '../../useApiData';
import { GapList } from './GapList';
import { SaveAllDialog } from './SaveAllDialog';
import { SealPanel } from './SealPanel';
import { useJob } from './useJob';


const d8 = (s: string) => (s ? `${s.slice(0, 4)}.${s.slice(4, 6)}.${s.slice(6)}` : '—');

/** The files of one export: all saved into a folder at once (a U盘), each to save on its own, and the PDFs to print. */
function ExportFiles({ year, exportId, files, primary = false }: { year: number; exportId: string; files: ExportFileInfo[]; primary?: boolean }) {
  const { message } = AntApp.useApp();
  const [saving, setSaving] = useState(false);
  const fetchFile = (name: string) => call('archive.file', { year, exportId, name });
  const save = async (name: string) => {
    try {
      saveFile(await fetchFile(name));
    } catch (e) {
      showError(e, message.error);
    }
  };
  const print = async (name: string) => {
    try {
      if (!openPdf(await fetchFile(name))) message.warning('浏览器阻止了新窗口，请先“保存”再打开 PDF 打印。');
    } catch (e) {
      showError(e, message.error);
    }
  };
  return (
    <section aria-label={`归档文件 ${exportId}`}>
    <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 4 }}>
      <Typography.Text type="secondary">
        {files.length} 个文件，共 {formatSize(files.reduce((n, f) => n + f.size, 0))}。年终交接时可一次全部保存到U盘。
      </Typography.Text>
      <Button type={primary ? 'primary' : 'default'} onClick={() => setSaving(true)}>
        全部保存到…
      </Button>
    </Flex>
    {saving && <SaveAllDialog year={year} exportId={exportId} files={files} onClose={() => setSaving(false)} />}
    <List
      size="small"
      dataSource={files}
      renderItem={(f) => (
        <List.Item
          actions={[
            <Button key="save" size="small" onClick={() => void save(f.name)}>
              保存
            </Button>,
            ...(f.name.endsWith('.pdf')
              ? [
                  <Button key="print" size="small" onClick={() => void print(f.name)}>
                    打印
                  </Button>,
                ]
              : []),
          ]}
        >
          <Space>
            <Tag color={f.name.endsWith('.pdf') ? 'red' : f.name.endsWith('.xlsx') ? 'green' : 'blue'}>{f.name.split('.').pop()!.toUpperCase()}</Tag>
            <span>{f.name}</span>
            <Typography.Text type="secondary">{formatSize(f.size)}</Typography.Text>
          </Space>
        </List.Item>
      )}
    />
    </section>
  );
}

export function ArchivePage() {
  const { year, branch } = useLedger();
  const [step, setStep] = useState(0);
  const [mode, setMode] = useState<VolumeMode>('books');
  const [gaps] = useApiData(() => call('completeness.check', { year }), [year]);
  const [preview] = useApiData(() => call('archive.preview', { year, mode }), [year, mode]);
  const [exports, reloadExports] = useApiData(() => call('archive.exports', { year }), [year]);
  const { job, setJob, track } = useJob<ExportJob>((id) => call('archive.job', { id }));
  const [sealKey, setSealKey] = useState(0);
  const [form] = Form.useForm<{ pdf: boolean; fullIds: boolean; compiler: string; checker: string }>();
  const seat = (role: string) => branch.committee.find((c) => c.role === role)?.name ?? '';

  useEffect(() => {
    setStep(0);
    setJob(null);
  }, [year, setJob]);
  // Each step starts at the top of the page (the volume list of step 2 can be long).
  useEffect(scrollToTop, [step]);
  useEffect(() => {
    if (job?.state === 'done') {
      void reloadExports();
      setStep(3);
    }
  }, [job?.state, reloadExports]);

  const start = async () => {
    const v = await form.validateFields();
    if (await track(call('archive.start', { year, mode, ...v }))) setStep(2);
  };
  const cancel = () => job && track(call('archive.cancel', { id: job.id }));
  const retry = async () => {
    if (job && (await track(call('archive.retry', { id: job.id })))) setStep(2);
  };

  const items = preview?.reduce((n, v) => n + v.items.length, 0) ?? 0;

  return (
    <div className="page">
      <Typography.Title level={3}>{year}年度归档</Typography.Title>
      <Typography.Paragraph type="secondary">
        按 DA/T 22-2015、GB/T 9705-2008 整理：Word 卷册（封面、卷内文件目录、制度、每件一页起并加盖归档章、卷内备考表）、台账 Excel 汇总和长期保存用 PDF。完成后可封存本年度，封存后记录只读。
      </Typography.Paragraph>
      <Steps
        current={step}
        style={{ margin: '16px 0 24px' }}
        items={[{ title: '完整性检查' }, { title: '分卷与选项' }, { title: '生成' }, { title: '保存、打印与封存' }]}
      />

      {step === 0 && (
        <Card title="完整性检查" extra={gaps && <Tag color={gaps.length ? 'orange' : 'green'}>{gaps.length ? `${gaps.length}项缺项` : '无缺项'}</Tag>}>
          {gaps ? <GapList gaps={gaps} /> : <Spin />}
          <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
            <Typography.Text type="secondary">{gaps?.length ? '可以先补齐再归档；也可以继续，缺项会写入卷内备考表。' : '制度要求的记录齐全。'}</Typography.Text>
            <Button type="primary" disabled={!gaps} onClick={() => setStep(1)}>
              {gaps?.length ? '带缺项继续' : '下一步'}
            </Button>
          </Flex>
        </Card>
      )}

      {step === 1 && (
        <Card title="分卷与选项">
          <Form form={form} layout="vertical" initialValues={{ pdf: true, fullIds: false, compiler: seat('组织委员') || seat('书记'), checker: seat('书记') }}>
            <Form.Item label="分卷方式">
              <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as VolumeMode)}>
                <Radio value="books">按本分卷（四本记录和支部档案各自成卷）</Radio>
                <Radio value="single">合订（不分本）</Radio>
              </Radio.Group>
              <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
                按 DA/T 22，不同保管期限的文件分别组卷，各自从第0001件编号；一卷超过200件时分为第1卷、第2卷……
              </Typography.Paragraph>
            </Form.Item>
            {preview ? (
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                aria-label="卷册预览"
                dataSource={preview}
                locale={{ emptyText: `${year}年度没有已定稿的记录` }}
                columns={[
                  { title: '案卷题名', dataIndex: 'title' },
                  { title: '件数', render: (_, v) => v.items.length, width: 70 },
                  { title: '起止时间', render: (_, v) => `${d8(v.from)}—${d8(v.to)}`, width: 200 },
                  { title: '保管期限', dataIndex: 'retention', width: 100 },
                ]}
                expandable={{
                  expandedRowRender: (v) => (
                    <Table
                      size="small"
                      rowKey="no"
                      pagination={{ pageSize: 20, hideOnSinglePage: true }}
                      dataSource={v.items}
                      columns={[
                        { title: '件号', dataIndex: 'no', width: 60 },
                        { title: '档号', dataIndex: 'code', width: 230 },
                        { title: '题名', dataIndex: 'title' },
                        { title: '日期', dataIndex: 'date', width: 100 },
                        { title: '附件', dataIndex: 'attachments', width: 60 },
                      ]}
                    />
                  ),
                }}
              />
            ) : (
              <Spin />
            )}
            <Flex gap={24} wrap style={{ marginTop: 16 }}>
              <Form.Item name="compiler" label="立卷人" rules={[{ max: 40, message: '不能超过40个字' }]}>
                <Input style={{ width: 160 }} />
              </Form.Item>
              <Form.Item name="checker" label="检查人" rules={[{ max: 40, message: '不能超过40个字' }]}>
                <Input style={{ width: 160 }} />
              </Form.Item>
              <Form.Item name="pdf" valuePropName="checked" label="长期保存">
                <Checkbox>同时生成 PDF（版式固定）</Checkbox>
              </Form.Item>
              <Form.Item name="fullIds" valuePropName="checked" label="身份证号">
                <Checkbox>打印完整身份证号（默认隐去中间8位）</Checkbox>
              </Form.Item>
            </Flex>
          </Form>
          <Flex justify="space-between">
            <Button onClick={() => setStep(0)}>上一步</Button>
            <Button type="primary" disabled={!items} onClick={() => void start()}>
              开始归档（{items}件）
            </Button>
          </Flex>
        </Card>
      )}

      {step === 2 && job && (
        <Card title="生成">
          <Progress
            percent={Math.round((job.done / Math.max(1, job.total)) * 100)}
            status={job.state === 'failed' ? 'exception' : job.state === 'running' ? 'active' : job.state === 'cancelled' ? 'normal' : 'success'}
            aria-label="归档进度"
          />
          <Typography.Paragraph role="status">{job.phase}</Typography.Paragraph>
          {job.state === 'failed' && <Alert type="error" showIcon title="归档未完成，没有留下不完整的文件" description={job.error} />}
          {job.state === 'cancelled' && <Alert type="info" showIcon title="已取消，没有留下不完整的文件" />}
          <Flex justify="end" gap={8} style={{ marginTop: 16 }}>
            {job.state === 'running' ? (
              <Button danger onClick={() => void cancel()}>
                取消
              </Button>
            ) : (
              <Button onClick={() => setStep(1)}>返回</Button>
            )}
          </Flex>
        </Card>
      )}

      {step === 3 && job?.state === 'done' && (
        <Card title="保存、打印与封存">
          <Alert type="success" showIcon title={`已生成 ${job.files.length} 个文件，保存在数据目录的 archive/${year}/${job.id}/ 中`} style={{ marginBottom: 12 }} />
          {job.failed.length > 0 && (
            <Alert
              type="warning"
              showIcon
              role="alert"
              style={{ marginBottom: 12 }}
              title={`有 ${job.failed.length} 个文件未能生成，其余文件已完整保存`}
              description={
                <>
                  <ul style={{ margin: '4px 0 8px', paddingLeft: 20 }}>
                    {job.failed.map((f) => (
                      <li key={f.name}>
                        {f.name}：{f.reason}
                      </li>
                    ))}
                  </ul>
                  <Button onClick={() => void retry()}>重试未生成的文件</Button>
                </>
              }
            />
          )}
          <ExportFiles year={year} exportId={job.id} files={job.files} primary />
        </Card>
      )}

      <Card title="封存" style={{ marginTop: 16 }}>
        <SealPanel key={sealKey} year={year} exportId={step === 3 && job?.state === 'done' ? job.id : (exports?.[0]?.exportId ?? null)} onChange={() => setSealKey((k) => k + 1)} />
      </Card>

      <Card title="台账打印" style={{ marginTop: 16 }}>
        <Space wrap>
          {REGISTER_KEYS.map((k) => (
            <Button key={k} onClick={() => go(`/print/register/${year}/${k}`)}>
              {REGISTER_TITLES[k]}
            </Button>
          ))}
        </Space>
      </Card>

      <Card title="已生成的归档" style={{ marginTop: 16 }}>
        {exports === null ? (
          <Spin />
        ) : exports.length === 0 ? (
          <Typography.Text type="secondary">{year}年度还没有生成过归档文件。</Typography.Text>
        ) : (
          <Collapse
            key={exports[0]!.exportId}
            defaultActiveKey={[exports[0]!.exportId]}
            items={exports.map((e) => ({
              key: e.exportId,
              label: `${exportIdLabel(e.exportId)} 生成（${e.files.length}个文件）`,
              children: <ExportFiles year={year} exportId={e.exportId} files={e.files} />,
            }))}
          />
        )}
      </Card>
    </div>
  );
}
