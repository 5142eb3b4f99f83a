-- Suggested amounts per programme and currency on /give, each with what it pays for in six
-- languages and one preselected (issue #16 item 2; docs/decisions/057). Written by programme
-- officers; not a money fact. The CHECKs repeat what the staff form validates.

-- CreateTable
CREATE TABLE "suggested_amounts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "programmeId" UUID NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "position" INTEGER NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "isPreselected" BOOLEAN NOT NULL DEFAULT false,
    "text" JSONB NOT NULL DEFAULT '{}',
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "suggested_amounts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "suggested_amounts_amount_positive" CHECK ("amountMinor" > 0),
    CONSTRAINT "suggested_amounts_position_range" CHECK ("position" >= 0 AND "position" < 6)
);

-- CreateIndex
CREATE UNIQUE INDEX "suggested_amounts_programmeId_currency_position_key" ON "suggested_amounts"("programmeId", "currency", "position");

-- CreateIndex
CREATE UNIQUE INDEX "suggested_amounts_programmeId_currency_amountMinor_key" ON "suggested_amounts"("programmeId", "currency", "amountMinor");

-- AddForeignKey
ALTER TABLE "suggested_amounts" ADD CONSTRAINT "suggested_amounts_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "programmes"("id") ON DELETE CASCADE ON UPDATE CASCADE;
