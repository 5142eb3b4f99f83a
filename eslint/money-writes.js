// ESLint rule: money tables are written only by app/ledger (docs/decisions/013).
//
// Outside the files the config exempts (app/ledger/**, prisma/seed*.ts, tests/**, bench/**) it
// reports
//   - a Prisma write on a money model: `<anything>.<moneyModel>.<writeMethod>`, e.g. `tx.donor.update`,
//     `getPrisma().payment.create` (called or not, so passing `tx.payment.create` along is caught too);
//   - SQL text that writes a money table: any template literal (tagged — `$executeRaw`, `$queryRaw`,
//     `Prisma.sql` — or plain) or string literal containing INSERT INTO / UPDATE … SET / DELETE FROM /
//     MERGE INTO / TRUNCATE followed by a money table's name (its @@map), quoted or not, optionally
//     schema-qualified.
// Not seen (static analysis): a table name spliced in through `${Prisma.raw(table)}`, or a model
// delegate stored in a variable first (`const d = tx.donor; d.update()`).
//
// The list below is the decision of which models are money; the table names are checked against
// prisma/schema.prisma when the rule loads, so a renamed model or table fails the lint run loudly.
import { readFileSync } from 'node:fs';

/** Prisma client property (model name, lower camel case) → table name (@@map). */
export const MONEY_TABLES = {
  // money facts
  donor: 'donors',
  donorConsent: 'donor_consents',
  pledge: 'pledges',
  pledgeInstalment: 'pledge_instalments',
  pledgeEvent: 'pledge_events',
  payment: 'payments',
  reversal: 'reversals',
  allocation: 'allocations',
  poolAllocation: 'pool_allocations',
  instalmentWriteOff: 'instalment_write_offs',
  fxRate: 'fx_rates',
  regularBudgetEntry: 'regular_budget_entries',
  monthlyGiftChange: 'monthly_gift_changes',
  // summaries derived from them
  fundingSummary: 'funding_summaries',
  openInstalment: 'open_instalments',
  unallocatedBalance: 'unallocated_balances',
  donorAllocationSummary: 'donor_allocation_summaries',
  programmeDonorAllocation: 'programme_donor_allocations',
  projectDonorGroup: 'project_donor_groups',
  countryDonorYear: 'country_donor_years',
  countryDonorBound: 'country_donor_bounds',
  donorContributionSummary: 'donor_contribution_summaries',
  contributionYearTotal: 'contribution_year_totals',
  donorYearContribution: 'donor_year_contributions',
  donorContributionTotal: 'donor_contribution_totals',
  donorYearCount: 'donor_year_counts',
};

const WRITE_METHODS = new Set([
  'create',
  'createMany',
  'createManyAndReturn',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'upsert',
  'delete',
  'deleteMany',
]);

const MESSAGE = 'money tables are written only by app/ledger (docs/decisions/013)';

function checkAgainstSchema() {
  const schemaUrl = new URL('../prisma/schema.prisma', import.meta.url);
  const schema = readFileSync(schemaUrl, 'utf8');
  const tables = new Map();
  for (const [, name, body] of schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const mapped = /@@map\(\s*"([^"]+)"\s*\)/.exec(body);
    tables.set(name[0].toLowerCase() + name.slice(1), mapped ? mapped[1] : name);
  }
  for (const [model, table] of Object.entries(MONEY_TABLES)) {
    if (!tables.has(model)) {
      throw new Error(`eslint/money-writes.js: money model '${model}' is not in prisma/schema.prisma; update MONEY_TABLES.`);
    }
    if (tables.get(model) !== table) {
      throw new Error(
        `eslint/money-writes.js: model '${model}' maps to table '${tables.get(model)}' in prisma/schema.prisma, not '${table}'; update MONEY_TABLES.`,
      );
    }
  }
}
checkAgainstSchema();

const tableName = `(?:${Object.values(MONEY_TABLES).join('|')})`;
// Optional schema, optional double quotes, and not followed by more of an identifier.
const tableRef = `(?:"?public"?\\.)?"?(${tableName})"?(?![\\w"$])`;
const WRITE_SQL = new RegExp(
  [
    `\\bINSERT\\s+INTO\\s+${tableRef}`,
    // UPDATE must be followed by SET (after an optional alias) so prose such as 'Update payments' is not SQL.
    `\\bUPDATE\\s+(?:ONLY\\s+)?${tableRef}\\s+(?:(?:AS\\s+)?\\w+\\s+)?SET\\b`,
    `\\bDELETE\\s+FROM\\s+(?:ONLY\\s+)?${tableRef}`,
    `\\bMERGE\\s+INTO\\s+(?:ONLY\\s+)?${tableRef}`,
    `\\bTRUNCATE\\s+(?:TABLE\\s+)?(?:ONLY\\s+)?${tableRef}`,
  ].join('|'),
  'i',
);

/** The static name of a member expression's property, or undefined. */
function propertyName(node) {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.property.type === 'Literal' && typeof node.property.value === 'string') return node.property.value;
  if (node.property.type === 'TemplateLiteral' && node.property.expressions.length === 0) return node.property.quasis[0].value.cooked;
  return undefined;
}

function reportSql(context, node, text) {
  const match = WRITE_SQL.exec(text);
  if (!match) return;
  const table = match.slice(1).find(Boolean);
  context.report({ node, messageId: 'sql', data: { table } });
}

/** @type {import('eslint').Rule.RuleModule} */
export const moneyWrites = {
  meta: {
    type: 'problem',
    docs: { description: 'Money tables are written only by app/ledger' },
    schema: [],
    messages: {
      prisma: `${MESSAGE}: \`.{{model}}.{{method}}\` writes a money model outside app/ledger — call a ledger command instead.`,
      sql: `${MESSAGE}: this SQL writes the money table \`{{table}}\` outside app/ledger — call a ledger command instead.`,
    },
  },
  create(context) {
    return {
      MemberExpression(node) {
        const method = propertyName(node);
        if (!method || !WRITE_METHODS.has(method)) return;
        let object = node.object;
        if (object.type === 'TSNonNullExpression') object = object.expression;
        if (object.type !== 'MemberExpression') return;
        const model = propertyName(object);
        if (model && Object.hasOwn(MONEY_TABLES, model)) context.report({ node, messageId: 'prisma', data: { model, method } });
      },
      TemplateLiteral(node) {
        reportSql(context, node, node.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw).join(' $ '));
      },
      Literal(node) {
        if (typeof node.value === 'string') reportSql(context, node, node.value);
      },
    };
  },
};
