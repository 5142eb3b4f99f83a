// The organisation that receives the gifts: its name, postal address, contact email and the tax
// status it states per country. A deployment replaces these facts here (docs/decisions/053).
// The demo's are placeholders and say so on the contact page (`isPlaceholder`). A tax status is
// listed only where the organisation states one; for every other country the page says none is
// stated and to ask a tax adviser — never add a statement the organisation has not made.
import type { LocalizedText } from '~/platform/i18n.ts';

export interface TaxStatement {
  /** ISO 3166-1 alpha-2 code of the country the statement is about. */
  country: string;
  /** The organisation's own wording, in as many of the six languages as it has (English required). */
  statement: LocalizedText;
}

export interface Organisation {
  /** True for the demo's invented details: the contact page then says they are placeholders. */
  isPlaceholder: boolean;
  name: LocalizedText;
  /** Postal address, one line each, as it is written on an envelope. */
  addressLines: readonly string[];
  email: string;
  taxStatements: readonly TaxStatement[];
}

export const organisation: Organisation = {
  isPlaceholder: true,
  name: {
    en: 'Demo Funding Organisation (placeholder)',
    fr: 'Organisation de financement de démonstration (fictive)',
    es: 'Organización de financiación de demostración (ficticia)',
    ru: 'Демонстрационная организация по финансированию (условное название)',
    zh: '演示筹资组织（占位名称）',
    ar: 'منظمة التمويل التجريبية (اسم افتراضي)',
  },
  addressLines: ['1 Example Street', '0000 Example City', 'Exampleland'],
  email: 'contact@example.org',
  taxStatements: [],
};
