// Bank-transfer pledges with CPJ references and a registered bank account, for the bank tests.
import type { PrismaClient } from '~/generated/prisma/client.ts';

const title = (en: string) => ({ en, fr: en, es: en, ru: en, zh: en, ar: en });
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

export const BANK_IBAN = 'CH9300762011623852957';

export async function buildBankFixture(db: PrismaClient) {
  const programme = await db.programme.create({ data: { slug: 'prga', code: 'PRGA', title: title('A'), mandate: title('A') } });
  const project = await db.project.create({
    data: {
      code: 'A1',
      programmeId: programme.id,
      title: title('A1'),
      description: title('A1'),
      regionCode: '001',
      sectorCode: '15130',
      status: 'IMPLEMENTATION',
      startDate: day('2026-01-01'),
      endDate: day('2027-12-31'),
    },
  });
  await db.projectRequirement.create({ data: { projectId: project.id, year: 2026, usdMinor: 100_000_000n } });
  await db.fxRate.create({ data: { currency: 'EUR', month: day('2026-01-01'), usdRate: '1.1' } });
  await db.bankAccount.create({ data: { iban: BANK_IBAN, currency: 'USD', name: 'Programme account' } });
  const staff = await db.staffUser.create({ data: { email: 'finance@example.org', name: 'Fin', roles: ['FINANCE'] } });

  async function pledge(args: { reference: string; donor: string; currency?: string; instalments: bigint[]; project?: boolean }) {
    const donor = await db.donor.create({ data: { type: 'INDIVIDUAL', displayName: args.donor } });
    const total = args.instalments.reduce((sum, amount) => sum + amount, 0n);
    const created = await db.pledge.create({
      data: {
        reference: args.reference,
        donorId: donor.id,
        frequency: args.instalments.length > 1 ? 'INSTALMENTS' : 'ONCE',
        method: 'BANK_TRANSFER',
        currency: args.currency ?? 'USD',
        amountMinor: total,
        usdRate: args.currency === 'EUR' ? '1.1' : '1',
        earmarkType: args.project ? 'PROJECT' : 'GENERAL_PURPOSE',
        programmeId: args.project ? programme.id : null,
        projectId: args.project ? project.id : null,
        pledgedAt: day('2026-01-15'),
      },
    });
    const instalments = [];
    for (const [index, amountMinor] of args.instalments.entries()) {
      instalments.push(
        await db.pledgeInstalment.create({
          data: { pledgeId: created.id, sequence: index + 1, dueOn: day(`2026-0${index + 2}-01`), amountMinor },
        }),
      );
    }
    return { ...created, donor, instalments };
  }
  return { programme, project, staff, pledge };
}
