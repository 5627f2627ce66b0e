-- When each agent last read each conversation: what came in after is unread for them (issue 20).
create table conversation_read (
    agent_id         bigint not null references agent (id) on delete cascade,
    conversation_id  bigint not null references conversation (id) on delete cascade,
    read_at          timestamp with time zone not null,
    constraint conversation_read_pk primary key (agent_id, conversation_id)
);
create index conversation_read_conversation_ix on conversation_read (conversation_id);
