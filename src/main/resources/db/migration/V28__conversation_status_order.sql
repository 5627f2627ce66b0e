-- "All inboxes, one status, latest first" (a supervisor's or an administrator's list, e.g. the resolved ones)
-- had no index: PostgreSQL scanned and sorted every conversation, 29 ms for 115,000 and the list's 99th
-- percentile in the benchmark. The inbox's own order stays in conversation_inbox_status_ix.
create index conversation_status_last_ix on conversation (status, last_message_at);
