-- DropIndex
DROP INDEX "open_instalments_earmarkType_year_idx";

-- CreateIndex
CREATE INDEX "open_instalments_earmarkType_year_programmeId_openUsdMinor_idx" ON "open_instalments"("earmarkType", "year", "programmeId", "openUsdMinor");
