-- PostgreSQL only: the audit log and its chain head refuse what an append-only log must refuse,
-- whoever the database user is (the application never updates or deletes a line; the head row is only
-- moved forward by an append). TRUNCATE is refused too. The one update a line takes is its sealing
-- into the chain when it was written before the chain existed.
create function audit_event_append_only() returns trigger language plpgsql as $$
begin
    -- the one update allowed: sealing a line written before the chain existed into it, once
    if tg_op = 'UPDATE' and old.seq is null and new.seq is not null and new.hash is not null
            and new.id = old.id and new.at = old.at and new.type = old.type
            and new.actor_id is not distinct from old.actor_id
            and new.actor_label is not distinct from old.actor_label
            and new.subject is not distinct from old.subject
            and new.detail is not distinct from old.detail then
        return new;
    end if;
    raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_event_no_update before update or delete on audit_event
    for each row execute function audit_event_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_append_only();

create function audit_chain_head_forward() returns trigger language plpgsql as $$
begin
    if tg_op <> 'UPDATE' or new.seq <= old.seq then
        raise exception 'audit_chain_head only moves forward: % refused', tg_op using errcode = 'insufficient_privilege';
    end if;
    return new;
end
$$;

create trigger audit_chain_head_forward before update or delete on audit_chain_head
    for each row execute function audit_chain_head_forward();
