-- Whether an agent takes new work: online (the default, no row), away or offline (issue 20).
create table agent_availability (
    agent_id    bigint primary key references agent (id) on delete cascade,
    status      varchar(20) not null,
    changed_at  timestamp with time zone not null
);
