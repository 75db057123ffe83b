import { useLayoutEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import './print.css';

/**
 * A sheet laid out in mm (A4 portrait or landscape) as it shows on screen:
 * scaled down, never up, to the width it is given (CSS zoom, so the page takes
 * the scaled height too), so a 1024 px window shows the whole page. Paper is
 * not scaled: the zoom applies on screen only (print.css).
 */
export function SheetFit({ children }: { children: ReactNode }) {
  const frame = useRef<HTMLDivElement>(null);
  const [zoom, setZoom] = useState(1);
  useLayoutEffect(() => {
    const el = frame.current!;
    const inner = el.firstElementChild as HTMLElement;
    const fit = () => {
      // The sheet's own width: its box on screen over the zoom it has now.
      const applied = Number(getComputedStyle(inner).zoom) || 1;
      const natural = Math.max(...[...inner.children].map((c) => c.getBoundingClientRect().width / applied));
      if (natural > 0) setZoom(Math.min(1, Math.floor((el.clientWidth / natural) * 1000) / 1000));
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={frame} className="sheet-fit">
      <div className="sheet-zoom" style={{ '--sheet-zoom': zoom } as CSSProperties}>
        {children}
      </div>
    </div>
  );
}
