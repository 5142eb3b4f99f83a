-- AlterTable
ALTER TABLE "checkout_sessions" ADD COLUMN     "subscriptionStatus" TEXT;

-- AlterTable
ALTER TABLE "processed_webhook_events" ADD COLUMN     "outcome" TEXT NOT NULL DEFAULT 'applied';
