-- The agent or team a timeline line names (the assignee, the team transferred to), so screens show a name without
-- reading it back out of the line's text; and the priority's default as the code writes it.
alter table conversation_event add column subject_id bigint;
update conversation_event set subject_id = cast(detail as bigint), detail = null where type = 'assigned';
alter table conversation alter column priority set default 'NORMAL';
update conversation set priority = upper(priority) where priority <> upper(priority);
