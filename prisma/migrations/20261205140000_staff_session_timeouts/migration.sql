-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "signedInAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- Sessions open before this migration: the sign-in time is the row's creation (a rotation
-- started a new row), the last use its last rotation. Those older than the timeouts end now.
UPDATE "sessions" SET "signedInAt" = "createdAt", "lastSeenAt" = "rotatedAt";
