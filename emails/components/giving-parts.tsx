// Pieces the giving emails share (receipt, bank-transfer instructions, reminders, monthly-gift
// emails): the same type scale as the sign-in email, a label/value table, the payment reference
// that must stand out, and the bank details. All values arrive translated and formatted.
import { Button, Heading, Link, Section, Text } from '@react-email/components';

/** One line of a details table, e.g. { label: 'Amount', value: '€50.00' }. */
export interface DetailRow {
  label: string;
  value: string;
}

export const headingStyle = { color: '#1a1f24', fontSize: '22px', margin: '0 0 16px' };
export const subheadingStyle = { color: '#1a1f24', fontSize: '17px', margin: '24px 0 8px' };
export const paragraphStyle = { color: '#1a1f24', fontSize: '15px', lineHeight: '22px', margin: '0 0 16px' };
export const smallStyle = { color: '#5c6670', fontSize: '13px', lineHeight: '20px', margin: '16px 0 0', wordBreak: 'break-all' as const };
const buttonStyle = {
  backgroundColor: '#0b5cab',
  color: '#ffffff',
  borderRadius: '4px',
  padding: '12px 20px',
  fontSize: '15px',
  fontWeight: 700,
  textDecoration: 'none',
};
const tableStyle = { width: '100%', borderCollapse: 'collapse' as const, margin: '0 0 16px' };
const labelCell = { color: '#5c6670', fontSize: '14px', lineHeight: '20px', padding: '6px 8px', verticalAlign: 'top', width: '40%' };
const valueCell = { color: '#1a1f24', fontSize: '14px', lineHeight: '20px', padding: '6px 8px', fontWeight: 700, verticalAlign: 'top' };
const rowBorder = { borderBottom: '1px solid #e3e7eb' };
const calloutStyle = { backgroundColor: '#fff7e0', border: '2px solid #c98a00', borderRadius: '6px', padding: '16px', margin: '0 0 20px' };
const calloutLabel = { color: '#5c4300', fontSize: '13px', margin: '0 0 4px', fontWeight: 700 };
// Monospace and spaced so the donor copies the reference exactly into their banking app.
const calloutValue = {
  color: '#1a1f24',
  fontSize: '24px',
  fontFamily: 'Consolas, Menlo, monospace',
  letterSpacing: '2px',
  margin: '0 0 8px',
  fontWeight: 700,
};
const calloutNote = { color: '#5c4300', fontSize: '14px', lineHeight: '20px', margin: 0 };

export function DetailTable({ rows }: { rows: DetailRow[] }) {
  return (
    <table role="presentation" cellPadding={0} cellSpacing={0} style={tableStyle}>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label} style={rowBorder}>
            <td style={labelCell}>{row.label}</td>
            <td style={valueCell}>{row.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The payment reference, large and boxed: without it on the transfer, the money cannot be matched. */
export function ReferenceCallout({ label, reference, note }: { label: string; reference: string; note: string }) {
  return (
    <Section style={calloutStyle}>
      <Text style={calloutLabel}>{label}</Text>
      {/* dir="ltr": a Latin reference must not be reordered inside right-to-left text. */}
      <Text style={calloutValue} dir="ltr">
        {reference}
      </Text>
      <Text style={calloutNote}>{note}</Text>
    </Section>
  );
}

export function ActionButton({ href, label, fallback }: { href: string; label: string; fallback: string }) {
  return (
    <>
      <Button href={href} style={buttonStyle}>
        {label}
      </Button>
      <Text style={smallStyle}>
        {fallback} <Link href={href}>{href}</Link>
      </Text>
    </>
  );
}

export function SectionHeading({ children }: { children: string }) {
  return (
    <Heading as="h2" style={subheadingStyle}>
      {children}
    </Heading>
  );
}

/** A details table as plain-text lines ("Amount: €50.00"). */
export function detailLines(rows: DetailRow[]): string[] {
  return rows.map((row) => `${row.label}: ${row.value}`);
}
