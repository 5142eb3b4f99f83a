-- Issue #16 item 5 (docs/decisions/058): a project's photo, uploaded by programme officers and
-- resized on the server into WebP renditions kept in PostgreSQL (bytea). One current photo per
-- project; the original upload is not stored (its EXIF/GPS metadata never reaches the database).

-- CreateTable
CREATE TABLE "project_photos" (
    "projectId" UUID NOT NULL,
    "alt" JSONB NOT NULL,
    "sourceWidth" INTEGER NOT NULL,
    "sourceHeight" INTEGER NOT NULL,
    "uploadedById" UUID,
    "uploadedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "project_photos_pkey" PRIMARY KEY ("projectId")
);

-- CreateTable
CREATE TABLE "project_photo_renditions" (
    "projectId" UUID NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "hash" VARCHAR(16) NOT NULL,
    "bytes" BYTEA NOT NULL,
    "byteSize" INTEGER NOT NULL,

    CONSTRAINT "project_photo_renditions_pkey" PRIMARY KEY ("projectId","width")
);

-- CreateIndex
CREATE INDEX "project_photos_uploadedById_idx" ON "project_photos"("uploadedById");

-- AddForeignKey
ALTER TABLE "project_photos" ADD CONSTRAINT "project_photos_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_photos" ADD CONSTRAINT "project_photos_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "staff_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_photo_renditions" ADD CONSTRAINT "project_photo_renditions_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "project_photos"("projectId") ON DELETE CASCADE ON UPDATE CASCADE;

-- WebP is already compressed: TOAST stores the bytes out of line without trying to compress them.
ALTER TABLE "project_photo_renditions" ALTER COLUMN "bytes" SET STORAGE EXTERNAL;

-- Public pages show the photo: a change drops every process's cached page data (decision 005).
CREATE TRIGGER project_photos_notify_public_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON project_photos
  FOR EACH STATEMENT EXECUTE FUNCTION notify_public_data_changed();
