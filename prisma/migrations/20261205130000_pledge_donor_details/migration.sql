-- Issue #11 item 2 (decision 022): the donor details typed on /give belong to their pledge until a
-- payment confirms them; a donor the form created stays "pending" (shown as anonymous) until then.

-- AlterTable
ALTER TABLE "donors" ADD COLUMN     "isProfilePending" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "pledge_donor_details" (
    "pledgeId" UUID NOT NULL,
    "type" "DonorType" NOT NULL,
    "displayName" TEXT NOT NULL,
    "givenName" TEXT,
    "familyName" TEXT,
    "organisationName" TEXT,
    "organisationId" TEXT,
    "countryCode" CHAR(2),
    "locale" VARCHAR(5) NOT NULL,
    "isAnonymous" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pledge_donor_details_pkey" PRIMARY KEY ("pledgeId")
);

-- AddForeignKey
ALTER TABLE "pledge_donor_details" ADD CONSTRAINT "pledge_donor_details_pledgeId_fkey" FOREIGN KEY ("pledgeId") REFERENCES "pledges"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- What a form said for one pledge is a fact of that pledge: never rewritten (decision 022).
CREATE TRIGGER pledge_donor_details_append_only BEFORE UPDATE OR DELETE ON "pledge_donor_details"
  FOR EACH ROW EXECUTE FUNCTION forbid_money_fact_change();
