-- The progress of an appeal's send without reading its recipients (issue #15; docs/decisions/055).
-- appeal_send_counts holds changes to the number of the appeal's emails in each status (and skip
-- reason): +n when rows arrive in or move into a status, -n when they leave it. Statement-level
-- triggers on email_outbox write them in the transaction that inserts or updates the rows, one row
-- per appeal, status and time per statement (a fan-out page: one row; a sent batch: two), so the
-- counts are never ahead of or behind the outbox, and writers only append (no counter row that a
-- fan-out page and a drain would queue on). The progress read sums one appeal's rows (a few
-- thousand for 100,000 recipients) instead of joining 100,000 recipients to their emails. `at` is
-- the rows' sentAt for SENT (the send rate over the last seconds), otherwise the statement's time.
-- An appeal's recipient emails are the outbox rows keyed appeal:<appealId>:<donorId> (tests to
-- staff are keyed appeal-test:…). A recipient row with no email, by id or by key (the demo seed's
-- past appeals), counts with no status: +1 when it is inserted so, -1 when an email keyed for it
-- arrives (the email itself counts +1 in its status). The ledger check compares the sums with the
-- recipients' emails.

-- CreateTable
CREATE TABLE "appeal_send_counts" (
    "id" BIGSERIAL NOT NULL,
    "appealId" UUID NOT NULL,
    "status" "EmailStatus",
    "skipReason" "EmailSkipReason",
    "delta" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "appeal_send_counts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "appeal_send_counts_appealId_idx" ON "appeal_send_counts"("appealId");

CREATE FUNCTION email_outbox_insert_appeal_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "appeal_send_counts" ("appealId", "status", "skipReason", "delta", "at")
  SELECT split_part(n."idempotencyKey", ':', 2)::uuid, n.status, n."skipReason", count(*)::int, COALESCE(n."sentAt", now())
    FROM new_rows n
   WHERE n."idempotencyKey" LIKE 'appeal:%'
   GROUP BY 1, 2, 3, 5;
  INSERT INTO "appeal_send_counts" ("appealId", "status", "skipReason", "delta", "at")
  SELECT r."appealId", NULL, NULL, -count(*)::int, now()
    FROM new_rows n
    JOIN "appeal_recipients" r ON r."appealId" = split_part(n."idempotencyKey", ':', 2)::uuid
                              AND r."donorId" = split_part(n."idempotencyKey", ':', 3)::uuid
   WHERE n."idempotencyKey" LIKE 'appeal:%' AND r."emailId" IS NULL
   GROUP BY 1;
  RETURN NULL;
END $$;

CREATE FUNCTION email_outbox_update_appeal_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "appeal_send_counts" ("appealId", "status", "skipReason", "delta", "at")
  SELECT moved."appealId", moved.status, moved."skipReason", sum(moved.delta)::int, moved.at
    FROM (SELECT split_part(n."idempotencyKey", ':', 2)::uuid AS "appealId", o.status, o."skipReason", -1 AS delta,
                 CASE WHEN o.status = 'SENT' THEN COALESCE(o."sentAt", now()) ELSE now() END AS at
            FROM old_rows o JOIN new_rows n ON n.id = o.id
           WHERE n."idempotencyKey" LIKE 'appeal:%' AND (o.status, o."skipReason") IS DISTINCT FROM (n.status, n."skipReason")
          UNION ALL
          SELECT split_part(n."idempotencyKey", ':', 2)::uuid, n.status, n."skipReason", 1, COALESCE(n."sentAt", now())
            FROM old_rows o JOIN new_rows n ON n.id = o.id
           WHERE n."idempotencyKey" LIKE 'appeal:%' AND (o.status, o."skipReason") IS DISTINCT FROM (n.status, n."skipReason")) moved
   GROUP BY 1, 2, 3, 5
  HAVING sum(moved.delta) <> 0;
  RETURN NULL;
END $$;

CREATE TRIGGER email_outbox_insert_appeal_counts AFTER INSERT ON "email_outbox" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION email_outbox_insert_appeal_counts();
CREATE TRIGGER email_outbox_update_appeal_counts AFTER UPDATE ON "email_outbox" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION email_outbox_update_appeal_counts();

CREATE FUNCTION appeal_recipients_insert_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "appeal_send_counts" ("appealId", "status", "skipReason", "delta", "at")
  SELECT n."appealId", NULL, NULL, count(*)::int, now()
    FROM new_rows n
   WHERE n."emailId" IS NULL
     AND NOT EXISTS (SELECT 1 FROM "email_outbox" e WHERE e."idempotencyKey" = 'appeal:' || n."appealId"::text || ':' || n."donorId"::text)
   GROUP BY 1;
  RETURN NULL;
END $$;

CREATE TRIGGER appeal_recipients_insert_counts AFTER INSERT ON "appeal_recipients" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION appeal_recipients_insert_counts();

-- The sends so far: each recipient's email as it stands (found by its key when the recipient row
-- does not name it; a recipient without one counts with no status).
INSERT INTO "appeal_send_counts" ("appealId", "status", "skipReason", "delta", "at")
SELECT r."appealId", COALESCE(e.status, k.status), COALESCE(e."skipReason", k."skipReason"), count(*)::int,
       COALESCE(e."sentAt", k."sentAt", now())
  FROM "appeal_recipients" r
  LEFT JOIN "email_outbox" e ON e.id = r."emailId"
  LEFT JOIN "email_outbox" k ON r."emailId" IS NULL AND k."idempotencyKey" = 'appeal:' || r."appealId"::text || ':' || r."donorId"::text
 GROUP BY 1, 2, 3, 5;
