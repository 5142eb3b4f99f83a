/**
 * How much of a requirement is funded, drawn with SVG attributes (the CSP forbids inline styles).
 * `label` is the full text equivalent for screen readers; the visible percentage sits beside it.
 * In right-to-left pages the stylesheet mirrors the bar so it fills from the start edge.
 */
export function CoverageBar({ basisPoints, label }: { basisPoints: number; label: string }) {
  const width = Math.min(10_000, Math.max(0, basisPoints)) / 100;
  return (
    <svg className="coverage-bar" role="img" aria-label={label} viewBox="0 0 100 10" preserveAspectRatio="none">
      <rect className="coverage-bar__track" x="0" y="0" width="100" height="10" />
      <rect className="coverage-bar__fill" x="0" y="0" width={width} height="10" />
    </svg>
  );
}
