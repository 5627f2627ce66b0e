-- What several nodes count together (flood buckets, sign-in failures): one row per key, changed under its lock.
create table shared_state (
    state_key varchar(300) primary key,
    amount double precision not null,
    at timestamp with time zone not null
);
create index shared_state_at on shared_state (at);
