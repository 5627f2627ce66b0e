-- Who does a piece of work that must be done once whatever the number of nodes (a timed
-- job, a mailbox, a network stream): the node that holds its lease, until it lapses.
create table lease (
    name varchar(200) primary key,
    holder varchar(200) not null,
    expires_at timestamp with time zone not null,
    taken_at timestamp with time zone not null
);
