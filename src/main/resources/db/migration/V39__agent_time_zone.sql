-- The time zone each agent reads times in; none: the server's (issue 20).
create table agent_preference (
    agent_id    bigint primary key references agent (id) on delete cascade,
    time_zone   varchar(60)
);
