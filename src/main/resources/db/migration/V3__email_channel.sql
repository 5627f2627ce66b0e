-- Email: the full text of a message when the shown text is only its new part (quotes and signature
-- stripped), and whether a machine wrote it (auto-reply, bounce, list traffic): never answered
-- automatically.
alter table message add column full_text varchar(1000000);
alter table message add column automated boolean default false not null;

-- Where each mailbox's fetching stands: the IMAP UID validity and the highest UID stored, so that a
-- restart neither misses nor repeats a message.
create table mailbox_state (
    inbox_id      bigint primary key references inbox (id),
    folder        varchar(200) not null,
    uid_validity  bigint not null,
    last_uid      bigint not null,
    updated_at    timestamp with time zone not null
);

-- The state of every inbox's connector as people see it: connected, failing (with the last error and
-- when it will be tried again) or disabled.
create table channel_health (
    inbox_id         bigint primary key references inbox (id),
    state            varchar(20) not null,
    last_error       varchar(2000),
    last_error_at    timestamp with time zone,
    last_success_at  timestamp with time zone,
    failures         integer default 0 not null,
    next_attempt_at  timestamp with time zone,
    updated_at       timestamp with time zone not null
);
