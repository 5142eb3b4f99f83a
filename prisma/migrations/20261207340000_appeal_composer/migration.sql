-- The appeal composer (issue #15 item 2; docs/decisions/047): a draft's preview line per language,
-- its fallback language, the saved segment it will go to, and its programme or project blocks.
-- `segment` becomes the copy the send takes, so a draft has none.

-- AlterTable
ALTER TABLE "appeals" ALTER COLUMN "segment" DROP NOT NULL,
ADD COLUMN     "fallbackLocale" VARCHAR(5) NOT NULL DEFAULT 'en',
ADD COLUMN     "preheader" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "segmentId" UUID,
ADD COLUMN     "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "appeal_blocks" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "appealId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "programmeId" UUID,
    "projectId" UUID,

    CONSTRAINT "appeal_blocks_pkey" PRIMARY KEY ("id"),
    -- A block shows one programme or one project, never both or neither (Prisma cannot state it).
    CONSTRAINT "appeal_blocks_one_target" CHECK (("programmeId" IS NULL) <> ("projectId" IS NULL))
);

-- CreateIndex
CREATE UNIQUE INDEX "appeal_blocks_appealId_position_key" ON "appeal_blocks"("appealId", "position");

-- AddForeignKey
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "appeal_segments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appeal_blocks" ADD CONSTRAINT "appeal_blocks_appealId_fkey" FOREIGN KEY ("appealId") REFERENCES "appeals"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appeal_blocks" ADD CONSTRAINT "appeal_blocks_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "programmes"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appeal_blocks" ADD CONSTRAINT "appeal_blocks_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "projects"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
