-- Where a polled network was read up to (a since_id, a timestamp): the next poll starts there.
create table channel_cursor (
    inbox_id         bigint primary key references inbox (id),
    position         varchar(1000),
    updated_at       timestamp with time zone not null
);
