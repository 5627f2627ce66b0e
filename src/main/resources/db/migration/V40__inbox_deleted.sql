-- A deleted inbox stops (no intake, no sending, no polling) and its secrets are wiped;
-- its conversations stay, readable, under its name.
alter table inbox add column deleted_at timestamp;
