/**
 * One register (台账) of a year on A4: the branch, the title, and the table
 * with its header row repeated on every printed page; portrait or landscape
 * as the register says. Route: #/print/register/<year>/<key>.
 */
import { useState } from 'react';
import { App as AntApp, Button, Result, Spin } from 'antd';
import type { Register, RegisterKey } from '../../../../shared/archive/model';
import { chineseDate } from '../../../../shared/dates';
import { localToday } from '../../../../shared/dates';
import { call } from '../../api';
import { saveFile } from '../../download';
import { showError } from '../../errors';
import { go } from '../../router';
import { useApiData } from '../../useApiData';
import { PrintToolbar } from '../../components/PrintToolbar';
import { FullIdsSwitch } from '../../components/FullIdsSwitch';
import { SheetFit } from '../../components/SheetFit';
import '../../components/print.css';
import './register.css';

/** The page for the register's orientation, with page numbers at the foot (Chromium's @page margin boxes). */
function pageCss(landscape: boolean) {
  return `@page {
  size: A4 ${landscape ? 'landscape' : 'portrait'};
  margin: 15mm 12mm 16mm 12mm;
  @bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页"; font-size: 9pt; }
}`;
}

/**
 * Type size for the table: a column of Excel width w holds about w digits, so
 * the width of the page over the table's total width gives the size of a digit
 * (half an em); between 9 pt (still readable; wider tables wrap) and 12 pt.
 */
function tableFontSize(r: Register) {
  const total = r.columns.reduce((s, c) => s + c.width, 0) || 1;
  const pagePt = ((r.landscape ? 297 : 210) - 24) * (72 / 25.4);
  const size = Math.round(((2 * 0.9 * pagePt) / total) * 2) / 2;
  return Math.min(12, Math.max(9, size));
}

export function RegisterSheet({ register, org, year }: { register: Register; org: string; year: number }) {
  const total = register.columns.reduce((s, c) => s + c.width, 0) || 1;
  const size = tableFontSize(register);
  return (
    <article className={`register-sheet ${register.landscape ? 'landscape' : 'portrait'}`} aria-label="打印页">
      <div className="register-org">{org}</div>
      <h1 className="register-title">
        {year}年{register.title}
      </h1>
      <div className="register-info">
        <span>共{register.rows.filter((r) => r[0] !== '合计').length}条</span>
        <span>制表日期：{chineseDate(localToday())}</span>
      </div>
      <table className="register-table" style={{ fontSize: `${size}pt`, lineHeight: `${size * 1.35}pt` }}>
        <colgroup>
          {register.columns.map((c, i) => (
            <col key={i} style={{ width: `${((c.width / total) * 100).toFixed(2)}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {register.columns.map((c, i) => (
              <th key={i}>{c.header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {register.rows.length === 0 ? (
            <tr>
              <td className="register-empty" colSpan={register.columns.length}>
                本年度无记录
              </td>
            </tr>
          ) : (
            register.rows.map((row, i) => (
              <tr key={i}>
                {register.columns.map((_, j) => {
                  const v = row[j] ?? '';
                  return (
                    <td key={j} className={v.length > 12 || v.includes('\n') ? 'long' : undefined}>
                      {v}
                    </td>
                  );
                })}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </article>
  );
}

/** A4 print preview of one register of the year; 打印 opens Electron's or the browser's print dialog. */
export function RegisterPrintPage({ year, registerKey }: { year: number; registerKey: RegisterKey }) {
  const { message } = AntApp.useApp();
  const [fullIds, setFullIds] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [branch] = useApiData(() => call('branch.get'), []);
  const [register, , failed] = useApiData(() => call('registers.get', { year, key: registerKey, fullIds }), [year, registerKey, fullIds]);
  const back = () => (window.history.length > 1 ? window.history.back() : go('/'));

  if (failed && !register) return <Result status="warning" title="台账无法读取" extra={<Button onClick={back}>返回</Button>} />;
  if (!register || !branch) return <Spin />;

  const hasIds = register.columns.some((c) => c.header === '身份证号');
  const exportXlsx = async () => {
    setExporting(true);
    try {
      saveFile(await call('registers.exportXlsx', { year, fullIds }));
    } catch (e) {
      showError(e, message.error);
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className="print-page">
      <style>{pageCss(register.landscape)}</style>
      <PrintToolbar
        title={`${year}年${register.title}`}
        hint={`A4 纸${register.landscape ? '横向' : '纵向'}；打印时请在对话框中选择“A4”，表头在每页重复。`}
        onBack={back}
      >
        {hasIds && <FullIdsSwitch checked={fullIds} onChange={setFullIds} />}
        <Button loading={exporting} onClick={() => void exportXlsx()}>
          导出Excel（全年台账）
        </Button>
      </PrintToolbar>
      <div style={{ paddingTop: 16 }}>
        <SheetFit>
          <RegisterSheet register={register} org={branch.name} year={year} />
        </SheetFit>
      </div>
    </div>
  );
}
