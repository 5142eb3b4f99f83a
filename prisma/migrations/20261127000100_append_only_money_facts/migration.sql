-- Money facts are append-only (DOMAIN.md, money rule 2): a correction is a new row, never an
-- UPDATE or DELETE. This guard makes the database itself refuse both, whatever the application
-- does. TRUNCATE (used only to empty test databases) is a statement, not a row change.
CREATE FUNCTION forbid_money_fact_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER pledges_append_only BEFORE UPDATE OR DELETE ON "pledges"
  FOR EACH ROW EXECUTE FUNCTION forbid_money_fact_change();
CREATE TRIGGER pledge_instalments_append_only BEFORE UPDATE OR DELETE ON "pledge_instalments"
  FOR EACH ROW EXECUTE FUNCTION forbid_money_fact_change();
CREATE TRIGGER pledge_events_append_only BEFORE UPDATE OR DELETE ON "pledge_events"
  FOR EACH ROW EXECUTE FUNCTION forbid_money_fact_change();
CREATE TRIGGER payments_append_only BEFORE UPDATE OR DELETE ON "payments"
  FOR EACH ROW EXECUTE FUNCTION forbid_money_fact_change();
CREATE TRIGGER reversals_append_only BEFORE UPDATE OR DELETE ON "reversals"
  FOR EACH ROW EXECUTE FUNCTION forbid_money_fact_change();
CREATE TRIGGER allocations_append_only BEFORE UPDATE OR DELETE ON "allocations"
  FOR EACH ROW EXECUTE FUNCTION forbid_money_fact_change();
CREATE TRIGGER regular_budget_entries_append_only BEFORE UPDATE OR DELETE ON "regular_budget_entries"
  FOR EACH ROW EXECUTE FUNCTION forbid_money_fact_change();
CREATE TRIGGER donor_consents_append_only BEFORE UPDATE OR DELETE ON "donor_consents"
  FOR EACH ROW EXECUTE FUNCTION forbid_money_fact_change();
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION forbid_money_fact_change();
