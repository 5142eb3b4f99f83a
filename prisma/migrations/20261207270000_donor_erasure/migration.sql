-- Donor erasure (docs/decisions/042): the right to erasure meets append-only money facts.
-- An erased donor's address is suppressed like a bounced one.
ALTER TYPE "EmailSuppressionReason" ADD VALUE 'ERASED';

-- A pledge and the details typed with it stay append-only, except that erasure may blank the
-- personal columns named as the trigger's arguments: each may only become NULL or '' (a NOT
-- NULL name), and every other column must stay exactly as it was. DELETE stays refused.
CREATE FUNCTION allow_only_erasure() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  personal text[] := TG_ARGV;
  old_row jsonb := to_jsonb(OLD);
  new_row jsonb := to_jsonb(NEW);
  col text;
BEGIN
  IF (old_row - personal) IS DISTINCT FROM (new_row - personal) THEN
    RAISE EXCEPTION 'table % is append-only: UPDATE refused (only erasure may blank %)', TG_TABLE_NAME, personal
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  FOREACH col IN ARRAY personal LOOP
    IF (new_row -> col) IS DISTINCT FROM (old_row -> col)
       AND (new_row -> col) IS DISTINCT FROM 'null'::jsonb AND (new_row -> col) IS DISTINCT FROM '""'::jsonb THEN
      RAISE EXCEPTION 'table % is append-only: % may only be blanked', TG_TABLE_NAME, col
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
  END LOOP;
  RETURN NEW;
END;
$$;

DROP TRIGGER pledges_append_only ON "pledges";
CREATE TRIGGER pledges_append_only BEFORE DELETE ON "pledges"
  FOR EACH ROW EXECUTE FUNCTION forbid_money_fact_change();
CREATE TRIGGER pledges_erasure_only BEFORE UPDATE ON "pledges"
  FOR EACH ROW EXECUTE FUNCTION allow_only_erasure('dedication');

DROP TRIGGER pledge_donor_details_append_only ON "pledge_donor_details";
CREATE TRIGGER pledge_donor_details_append_only BEFORE DELETE ON "pledge_donor_details"
  FOR EACH ROW EXECUTE FUNCTION forbid_money_fact_change();
CREATE TRIGGER pledge_donor_details_erasure_only BEFORE UPDATE ON "pledge_donor_details"
  FOR EACH ROW EXECUTE FUNCTION allow_only_erasure('displayName', 'givenName', 'familyName', 'organisationName', 'organisationId');
