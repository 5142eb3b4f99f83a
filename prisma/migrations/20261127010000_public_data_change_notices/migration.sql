-- Every change to data that public pages show sends a notice on channel 'public_data_changed'
-- (delivered at commit, once per table and transaction). Each web process listens and drops its
-- cached page data, so caches stay right whichever process (web, worker, script) made the change.
CREATE FUNCTION notify_public_data_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('public_data_changed', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'programmes', 'projects', 'project_requirements', 'regular_budget_entries', 'donors',
    'pledges', 'pledge_instalments', 'pledge_events', 'payments', 'reversals', 'allocations',
    'fx_rates', 'funding_summaries', 'impact_updates', 'indicators', 'indicator_values', 'appeals'
  ] LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
         FOR EACH STATEMENT EXECUTE FUNCTION notify_public_data_changed()',
      t || '_notify_public_data_changed', t);
  END LOOP;
END;
$$;
