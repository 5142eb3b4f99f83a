import type { ReactNode } from 'react';

/**
 * A wide table scrolls sideways inside this box on a narrow screen, never the page: a region named
 * like its table, focusable so keyboard users can scroll it (WCAG 2.1.1, 1.4.10).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
