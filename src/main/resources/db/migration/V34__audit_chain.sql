-- The audit log as a hash chain: each line holds its place in the chain (seq), the hash of the line
-- before it and its own, so that a changed, removed or inserted line is found by
-- GET /api/v1/audit/verify. The head row is locked by every append, which orders the chain.
-- Lines written before this migration are sealed into the chain once, at the next start.
alter table audit_event add column seq bigint;
alter table audit_event add column prev_hash varchar(64);
alter table audit_event add column hash varchar(64);
create unique index audit_event_seq_uk on audit_event (seq);

create table audit_chain_head (
    id       int primary key,
    seq      bigint      not null,
    hash     varchar(64) not null
);
insert into audit_chain_head (id, seq, hash)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
