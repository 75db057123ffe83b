import type { PrintDoc } from '../../../shared/print/record';
import './print.css';

export interface PrintImage {
  name: string;
  src: string;
}

/** An A4 sheet in the official look, laid out from the shared PrintDoc (the Word export reads the same). */
export function PrintSheet({ doc, images = [], others = [] }: { doc: PrintDoc; images?: PrintImage[]; others?: string[] }) {
  return (
    <article className="sheet" aria-label="打印页">
      <div className="sheet-org">{doc.org}</div>
      <h1 className="sheet-title">{doc.title}</h1>
      {doc.subtitle ? <div className="sheet-subtitle">{doc.subtitle}</div> : <div className="sheet-gap" />}
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
                row.map((c) => [<th key={`${c.label}-l`}>{c.label}</th>, <td key={`${c.label}-v`}>{c.value}</td>])
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
          {s.table && (
            <table className="sheet-table sheet-subtable">
              <thead>
                <tr>
                  {s.table.columns.map((c) => (
                    <th key={c}>{c}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {s.table.rows.map((r, i) => (
                  <tr key={i}>
                    {r.map((v, j) => (
                      <td key={j} className="pre">
                        {v}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
      {doc.signatures.length > 0 && (
        <div className="sheet-signatures">
          {doc.signatures.map((s) => (
            <div key={s}>
              {s}：<span className="sheet-sign-line" />
            </div>
          ))}
        </div>
      )}
      {(images.length > 0 || others.length > 0) && (
        <section className="sheet-section sheet-attachments">
          <h2>附件：</h2>
          {others.map((n) => (
            <p key={n}>{n}</p>
          ))}
          {images.map((im) => (
            <figure key={im.src}>
              <img src={im.src} alt={im.name} />
              <figcaption>{im.name}</figcaption>
            </figure>
          ))}
        </section>
      )}
    </article>
  );
}
