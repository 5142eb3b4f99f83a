// A coverage bar for email (impact reports, appeals): email clients draw no SVG or CSS charts
// reliably, so it is a two-cell table; its meaning is in the label and in the text beside it.
const barTable = { width: '100%', borderCollapse: 'collapse' as const, height: '10px', margin: '4px 0 12px' };

export function CoverageBar({ percent, label }: { percent: number; label: string }) {
  const filled = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <table role="img" aria-label={label} style={barTable} cellPadding={0} cellSpacing={0}>
      <tbody>
        <tr>
          {filled > 0 ? <td style={{ width: `${filled}%`, backgroundColor: '#0b5cab', height: '10px' }} /> : null}
          {filled < 100 ? <td style={{ width: `${100 - filled}%`, backgroundColor: '#dbe4ee', height: '10px' }} /> : null}
        </tr>
      </tbody>
    </table>
  );
}
