-- Ingestion looks up many external ids or identity values at once (`external_id in (...)`). With the
-- inbox or the kind leading the unique keys, a planner without statistics for a new inbox scans the
-- whole inbox and filters each row against the list; with the value leading, every look-up is an
-- index descent whatever the statistics say. Same uniqueness, columns reordered.
alter table message drop constraint message_external_uk;
alter table message add constraint message_external_uk unique (external_id, inbox_id);

alter table customer_identity drop constraint customer_identity_uk;
alter table customer_identity add constraint customer_identity_uk unique (identity_value, kind, namespace);
