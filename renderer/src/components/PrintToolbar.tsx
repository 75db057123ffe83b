import type { ReactNode } from 'react';
import { Button } from 'antd';

/**
 * The bar above every A4 print preview (hidden on paper): the title, a hint on
 * how to print, 打印 (Electron's or the browser's print dialog), the page's own
 * controls, and 返回.
 */
export function PrintToolbar({ title, hint, onBack, children }: { title: string; hint: string; onBack: () => void; children?: ReactNode }) {
  return (
    <div className="page-toolbar no-print" style={{ padding: '12px 24px', background: '#fff', flexWrap: 'wrap' }}>
      <h2>打印预览 · {title}</h2>
      <span className="muted">{hint}</span>
      <Button type="primary" onClick={() => window.print()}>
        打印
      </Button>
      {children}
      <Button onClick={onBack}>返回</Button>
    </div>
  );
}
