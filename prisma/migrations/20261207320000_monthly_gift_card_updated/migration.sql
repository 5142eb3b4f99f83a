-- A new card saved for a monthly gift is a change recorded from Stripe's webhook like the others
-- (docs/decisions/045). The value is not used in this migration's own transaction.

-- AlterEnum
ALTER TYPE "MonthlyGiftChangeKind" ADD VALUE 'CARD_UPDATED';
