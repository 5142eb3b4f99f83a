-- The two appeal_send_counts triggers that look rows up in another table (docs/decisions/055) now
-- plan that lookup each time they run (EXECUTE), instead of keeping the plan PL/pgSQL cached the
-- first time a connection fired them. A worker's connection fires them from the first fan-out page,
-- when email_outbox and appeal_recipients may be nearly empty: the cached plan then read the whole
-- outbox once per new recipient for the rest of the run (bench:appeal-send: 22,047 sequential scans
-- of email_outbox, 231 million rows read, for 22,000 recipients; the fan-out fell from ~1,100 to
-- ~100 recipients a second). Planned per statement (one per page of 1,000), both use the unique
-- indexes on "idempotencyKey" and ("appealId", "donorId"). What they write is unchanged.

CREATE OR REPLACE FUNCTION email_outbox_insert_appeal_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "appeal_send_counts" ("appealId", "status", "skipReason", "delta", "at")
  SELECT split_part(n."idempotencyKey", ':', 2)::uuid, n.status, n."skipReason", count(*)::int, COALESCE(n."sentAt", now())
    FROM new_rows n
   WHERE n."idempotencyKey" LIKE 'appeal:%'
   GROUP BY 1, 2, 3, 5;
  EXECUTE $sql$
    INSERT INTO "appeal_send_counts" ("appealId", "status", "skipReason", "delta", "at")
    SELECT r."appealId", NULL, NULL, -count(*)::int, now()
      FROM new_rows n
      JOIN "appeal_recipients" r ON r."appealId" = split_part(n."idempotencyKey", ':', 2)::uuid
                                AND r."donorId" = split_part(n."idempotencyKey", ':', 3)::uuid
     WHERE n."idempotencyKey" LIKE 'appeal:%' AND r."emailId" IS NULL
     GROUP BY 1
  $sql$;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION appeal_recipients_insert_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE $sql$
    INSERT INTO "appeal_send_counts" ("appealId", "status", "skipReason", "delta", "at")
    SELECT n."appealId", NULL, NULL, count(*)::int, now()
      FROM new_rows n
     WHERE n."emailId" IS NULL
       AND NOT EXISTS (SELECT 1 FROM "email_outbox" e WHERE e."idempotencyKey" = 'appeal:' || n."appealId"::text || ':' || n."donorId"::text)
     GROUP BY 1
  $sql$;
  RETURN NULL;
END $$;
