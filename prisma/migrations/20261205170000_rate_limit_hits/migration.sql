-- CreateTable
CREATE TABLE "rate_limit_hits" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rate_limit_hits_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "rate_limit_hits_key_at_idx" ON "rate_limit_hits"("key", "at");

-- Counts one attempt against several limits at once, atomically across every process: each key is
-- locked (transaction-scoped advisory lock, in a fixed order), its hits older than its window are
-- deleted, and the attempt is counted on every key only when all of them are under their limit,
-- so a refused attempt never extends a lock-out. Returns whether it was allowed, the first key's
-- hits in its window (this one included when allowed), and how long until the limiting key's
-- oldest hit leaves its window (when allowed: the first key's).
CREATE FUNCTION rate_limit_take(p_keys TEXT[], p_limits INTEGER[], p_window_ms INTEGER[], p_now TIMESTAMPTZ)
RETURNS TABLE (allowed BOOLEAN, hits INTEGER, retry_after_ms BIGINT)
LANGUAGE plpgsql AS $$
DECLARE
  i INTEGER;
  counted INTEGER;
  oldest TIMESTAMPTZ;
  windows INTERVAL[] := ARRAY[]::INTERVAL[];
BEGIN
  allowed := TRUE;
  hits := 0;
  retry_after_ms := 0;
  FOR i IN SELECT k FROM generate_subscripts(p_keys, 1) AS k ORDER BY hashtext(p_keys[k]), k LOOP
    PERFORM pg_advisory_xact_lock(727100002, hashtext(p_keys[i]));
  END LOOP;
  FOR i IN 1 .. coalesce(array_length(p_keys, 1), 0) LOOP
    windows := windows || make_interval(secs => p_window_ms[i] / 1000.0);
    DELETE FROM rate_limit_hits WHERE key = p_keys[i] AND at <= p_now - windows[i];
    SELECT count(*), min(at) INTO counted, oldest FROM rate_limit_hits WHERE key = p_keys[i];
    IF i = 1 THEN
      hits := counted;
      retry_after_ms := CASE WHEN oldest IS NULL THEN p_window_ms[i] ELSE floor(extract(epoch FROM oldest + windows[i] - p_now) * 1000) END;
    END IF;
    IF counted >= p_limits[i] AND allowed THEN
      allowed := FALSE;
      hits := counted;
      retry_after_ms := floor(extract(epoch FROM oldest + windows[i] - p_now) * 1000);
    END IF;
  END LOOP;
  IF allowed THEN
    INSERT INTO rate_limit_hits (key, at) SELECT unnest(p_keys), p_now;
    hits := hits + 1;
  END IF;
  RETURN NEXT;
END;
$$;
