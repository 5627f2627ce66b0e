-- When the brand first and last answered: service-level clocks (first response, next response) read them.
alter table conversation add column first_reply_at timestamp with time zone;
alter table conversation add column last_reply_at timestamp with time zone;
update conversation c set first_reply_at = (select min(m.created_at) from message m where m.conversation_id = c.id and m.direction = 'out'),
    last_reply_at = (select max(m.created_at) from message m where m.conversation_id = c.id and m.direction = 'out');
