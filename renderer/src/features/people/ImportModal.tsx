/**
 * 导入Excel: pick a roster workbook → see how each column is read (change the
 * mapping, the sheet, the header row) and every row's problems in red →
 * 导入 n 条 → the rows that were skipped, with their reasons.
 */
import { useRef, useState } from 'react';
import { Alert, App as AntApp, Button, InputNumber, Modal, Result, Select, Space, Table, Tag, Typography } from 'antd';
import type { ImportPreview, ImportResult, ImportRow } from '../../../../shared/methods/members';
import { ROSTER_FIELDS, type RosterField } from '../../../../shared/members/roster';
import { call } from '../../api';
import { showError } from '../../errors';
import { fileToBase64 } from '../records/attachmentFiles';
import { options } from '../../options';

type Mapping = Record<string, RosterField | null>;

const COLUMN_WIDTHS: Partial<Record<RosterField, number>> = { name: 100, gender: 90, ethnicity: 100, idNumber: 200, address: 200, notes: 160, phone: 140 };

const mappingOf = (p: ImportPreview): Mapping => Object.fromEntries(p.columns.map((c) => [String(c.index), c.field]));

export function ImportModal({ open, onClose, onImported }: { open: boolean; onClose(): void; onImported(): void }) {
  const { message } = AntApp.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setFile(null);
    setPreview(null);
    setResult(null);
    if (input.current) input.current.value = '';
  };
  const close = () => {
    if (result?.imported) onImported();
    reset();
    onClose();
  };

  const load = async (base64: string, opts: { sheet?: string; headerRow?: number; mapping?: Mapping } = {}) => {
    setBusy(true);
    try {
      setPreview(await call('members.importPreview', { base64, ...opts }));
    } catch (e) {
      showError(e, message.error);
    } finally {
      setBusy(false);
    }
  };

  const pick = async (files: FileList | null) => {
    const f = files?.[0];
    if (!f) return;
    const base64 = await fileToBase64(f);
    setFile({ name: f.name, base64 });
    setResult(null);
    await load(base64);
  };

  const commit = async () => {
    if (!file || !preview) return;
    setBusy(true);
    try {
      const r = await call('members.importCommit', { base64: file.base64, sheet: preview.sheet, headerRow: preview.headerRow, mapping: mappingOf(preview) });
      setResult(r);
      if (r.imported) message.success(`已导入 ${r.imported} 人`);
    } catch (e) {
      showError(e, message.error);
    } finally {
      setBusy(false);
    }
  };

  const setField = (index: number, field: RosterField | null) => {
    if (!file || !preview) return;
    const mapping = mappingOf(preview);
    // a field belongs to one column: taking it elsewhere frees it here
    if (field) for (const [k, v] of Object.entries(mapping)) if (v === field) mapping[k] = null;
    mapping[String(index)] = field;
    void load(file.base64, { sheet: preview.sheet, headerRow: preview.headerRow, mapping });
  };

  const bad = preview ? preview.total - preview.valid : 0;
  const mapped = preview?.columns.filter((c) => c.field) ?? [];

  const footer = result ? (
    <Button type="primary" onClick={close}>
      完成
    </Button>
  ) : (
    <Space>
      <Button onClick={close}>取消</Button>
      {preview && (
        <Button type="primary" loading={busy} disabled={!preview.valid} onClick={commit}>
          导入 {preview.valid} 条
        </Button>
      )}
    </Space>
  );

  return (
    <Modal title="从Excel导入党员花名册" open={open} onCancel={close} width={1200} footer={footer} destroyOnHidden>
      <input
        ref={input}
        type="file"
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        style={{ display: 'none' }}
        aria-label="选择Excel文件"
        onChange={(e) => void pick(e.target.files)}
      />
      {result ? (
        <ImportReport result={result} />
      ) : (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <Button onClick={() => input.current?.click()} loading={busy && !preview}>
              {file ? '换一个文件' : '选择Excel文件'}
            </Button>
            {file && <Typography.Text>{file.name}</Typography.Text>}
            {preview && preview.sheets.length > 1 && (
              <>
                工作表
                <Select
                  aria-label="工作表"
                  value={preview.sheet}
                  style={{ minWidth: 140 }}
                  options={options(preview.sheets)}
                  onChange={(sheet) => file && void load(file.base64, { sheet })}
                />
              </>
            )}
            {preview && (
              <>
                表头在第
                <InputNumber
                  aria-label="表头行"
                  min={1}
                  max={10000}
                  value={preview.headerRow || null}
                  onChange={(n) => file && n && void load(file.base64, { sheet: preview.sheet, headerRow: n })}
                  style={{ width: 72 }}
                />
                行
              </>
            )}
          </Space>
          {!file && (
            <Alert
              type="info"
              showIcon
              title="选择一份花名册（.xlsx）"
              description="第一行可以是“××支部党员花名册”这样的标题；程序会找到表头（姓名、性别、出生年月、公民身份号码、入党时间、转正时间、所在党小组……），逐行检查后再导入。导入前不会改动名册。身份证号一列请设为“文本”格式。"
            />
          )}
          {preview && !preview.headerRow && (
            <Alert type="warning" showIcon title="没有找到表头行：请在上面指定表头所在的行（含“姓名”的那一行）。" />
          )}
          {preview && preview.headerRow > 0 && (
            <>
              <div className="import-summary" data-testid="import-summary">
                共 {preview.total} 行：可导入 <Tag color="green">{preview.valid}</Tag> 行，有问题 <Tag color={bad ? 'red' : 'default'}>{bad}</Tag> 行
                {preview.total > preview.rows.length && <span className="muted">（下表只列出前 {preview.rows.length} 行）</span>}
              </div>
              <PreviewTable preview={preview} loading={busy} onField={setField} />
              {!mapped.some((c) => c.field === 'name') && <Alert type="error" showIcon title="请为“姓名”指定一列。" />}
            </>
          )}
        </>
      )}
    </Modal>
  );
}

function PreviewTable({ preview, loading, onField }: { preview: ImportPreview; loading: boolean; onField(index: number, field: RosterField | null): void }) {
  const fieldOptions = [{ value: '', label: '（不导入）' }, ...ROSTER_FIELDS.map((f) => ({ value: f.key, label: f.label }))];
  return (
    <Table<ImportRow>
      size="small"
      rowKey="row"
      loading={loading}
      dataSource={preview.rows}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={{ x: 'max-content' }}
      rowClassName={(r) => (r.errors.length ? 'import-row-bad' : '')}
      aria-label="导入预览"
      columns={[
        { title: '行号', dataIndex: 'row', width: 56, fixed: 'left' },
        ...preview.columns.map((c) => ({
          key: String(c.index),
          width: c.field ? (COLUMN_WIDTHS[c.field] ?? 120) : 110,
          title: (
            <div className="import-col">
              <div className="import-col-header" title={c.header}>
                {c.header || `第${c.index}列`}
              </div>
              <Select
                size="small"
                aria-label={`第${c.index}列（${c.header || '无表头'}）导入为`}
                value={c.field ?? ''}
                options={fieldOptions}
                onChange={(v: string) => onField(c.index, (v || null) as RosterField | null)}
                style={{ width: '100%' }}
                popupMatchSelectWidth={false}
              />
            </div>
          ),
          render: (_: unknown, r: ImportRow) =>
            c.field ? <span>{r.values[c.field] ?? ''}</span> : <span className="muted">—</span>,
        })),
        {
          title: '问题',
          key: 'errors',
          width: 320,
          fixed: 'right',
          render: (_: unknown, r: ImportRow) =>
            r.errors.length ? (
              <ul className="import-errors">
                {r.errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            ) : (
              <Tag color="green">可导入</Tag>
            ),
        },
      ]}
    />
  );
}

function ImportReport({ result }: { result: ImportResult }) {
  return (
    <>
      <Result
        status={result.skipped.length ? 'warning' : 'success'}
        title={`已导入 ${result.imported} 人`}
        subTitle={result.skipped.length ? `另有 ${result.skipped.length} 行未导入，原因如下；改好后可以再导入这些行（已在名册中的人会被识别为重复，不会重复登记）。` : '全部导入。'}
      />
      {result.skipped.length > 0 && (
        <Table
          size="small"
          rowKey="row"
          aria-label="未导入的行"
          dataSource={result.skipped}
          pagination={false}
          columns={[
            { title: 'Excel行号', dataIndex: 'row', width: 90 },
            { title: '姓名', dataIndex: 'name', width: 120, render: (n: string) => n || <span className="muted">（无）</span> },
            {
              title: '原因',
              dataIndex: 'reasons',
              render: (rs: string[]) => (
                <ul className="import-errors">
                  {rs.map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
