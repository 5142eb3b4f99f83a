-- Donor pages (docs/decisions/048): a named institutional donor's public address /donors/<slug>.
-- The slug is derived from the display name the first time the donor is eligible for a page and
-- kept from then on (a later change of name does not move the page). Eligible: a Member State,
-- intergovernmental body, company or foundation that is not anonymous, not pending and not
-- erased. Readers check eligibility again, so a donor who later asks to stay anonymous has a
-- slug but no page. A trigger sets it, so every writer (finance forms, give form, seed, scripts)
-- gets it without code of its own.
ALTER TABLE "donors" ADD COLUMN "publicSlug" TEXT;
CREATE UNIQUE INDEX "donors_publicSlug_key" ON "donors"("publicSlug");

CREATE FUNCTION donor_public_slug(p_name text, p_id uuid) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  base text;
  candidate text;
BEGIN
  base := lower(translate(coalesce(p_name, ''),
    'ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŠšŽž',
    'AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyySsZz'));
  base := left(trim(BOTH '-' FROM regexp_replace(base, '[^a-z0-9]+', '-', 'g')), 60);
  base := trim(BOTH '-' FROM base);
  -- Names in other scripts (e.g. Arabic or Chinese only) give no Latin letters: the id's start.
  IF base = '' THEN
    RETURN 'donor-' || left(p_id::text, 8);
  END IF;
  candidate := base;
  IF EXISTS (SELECT 1 FROM donors d WHERE d."publicSlug" = candidate AND d.id <> p_id) THEN
    candidate := base || '-' || left(p_id::text, 8);
  END IF;
  RETURN candidate;
END;
$$;

CREATE FUNCTION donors_set_public_slug() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."publicSlug" IS NULL
     AND NEW.type IN ('MEMBER_STATE', 'INTERGOVERNMENTAL', 'COMPANY', 'FOUNDATION')
     AND NOT NEW."isAnonymous" AND NOT NEW."isProfilePending" AND NEW."erasedAt" IS NULL THEN
    NEW."publicSlug" := donor_public_slug(NEW."displayName", NEW.id);
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER donors_set_public_slug BEFORE INSERT OR UPDATE ON "donors"
  FOR EACH ROW EXECUTE FUNCTION donors_set_public_slug();

-- Donors already eligible get theirs now, oldest first (the first of two equal names keeps the plain slug).
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT id FROM donors
           WHERE type IN ('MEMBER_STATE', 'INTERGOVERNMENTAL', 'COMPANY', 'FOUNDATION')
             AND NOT "isAnonymous" AND NOT "isProfilePending" AND "erasedAt" IS NULL
           ORDER BY "createdAt", id LOOP
    UPDATE donors SET "publicSlug" = donor_public_slug("displayName", id) WHERE id = r.id;
  END LOOP;
END;
$$;
