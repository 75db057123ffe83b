import type { PrintDoc } from '../../../shared/print/meeting';
import './print.css';

/** An A4 sheet in the official look, laid out from the shared PrintDoc (the Word export reads the same). */
export function PrintSheet({ doc }: { doc: PrintDoc }) {
  return (
    <article className="sheet" aria-label="打印页">
      <div className="sheet-org">{doc.org}</div>
      <h1 className="sheet-title">{doc.title}</h1>
      <div className="sheet-subtitle">{doc.subtitle}</div>
      <table className="sheet-table">
        <colgroup>
          <col style={{ width: '20%' }} />
          <col style={{ width: '30%' }} />
          <col style={{ width: '20%' }} />
          <col style={{ width: '30%' }} />
        </colgroup>
        <tbody>
          {doc.rows.map((row, i) => (
            <tr key={i}>
              {row.length === 1 ? (
                <>
                  <th>{row[0].label}</th>
                  <td colSpan={3} className="pre">
                    {row[0].value}
                  </td>
                </>
              ) : (
                row.map((c) => [
                  <th key={`${c.label}-l`}>{c.label}</th>,
                  <td key={`${c.label}-v`}>{c.value}</td>,
                ])
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {doc.sections.map((s) => (
        <section key={s.heading} className="sheet-section">
          <h2>{s.heading}：</h2>
          {s.paragraphs.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </section>
      ))}
      <div className="sheet-signatures">
        {doc.signatures.map((s) => (
          <div key={s}>
            {s}：<span className="sheet-sign-line" />
          </div>
        ))}
      </div>
    </article>
  );
}
