-- The ids each stored message answers (every References id, oldest first, then In-Reply-To): mails of one thread meet through
-- them even when the mail they answer never reached the inbox (Zawinski's threading).
create table message_thread_key (
    message_id   bigint       not null references message (id),
    inbox_id     bigint       not null,
    thread_key   varchar(500) not null,
    position     integer      not null,
    constraint message_thread_key_pk primary key (message_id, thread_key)
);
create index message_thread_key_lookup on message_thread_key (thread_key, inbox_id);
