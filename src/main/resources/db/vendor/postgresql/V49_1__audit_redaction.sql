-- PostgreSQL only: the audit log stays append-only, with two more updates it allows (ADR 25).
-- 1. Redaction: a sealed line loses its detail and nonce, once; nothing else of it changes, its seal
--    stays, so the chain still verifies.
-- 2. Sealing the details of lines written before seals, once, at the start that first runs V49: only
--    nonce, seal and the chain's hashes may change, never what a line says, and only in a transaction
--    that says so (parlons.audit_reseal = on, set by the application for that transaction alone).
create or replace function audit_event_append_only() returns trigger language plpgsql as $$
declare
    same_content boolean;
begin
    if tg_op = 'UPDATE' then
        same_content := new.id = old.id and new.at = old.at and new.type = old.type
            and new.actor_id is not distinct from old.actor_id
            and new.actor_label is not distinct from old.actor_label
            and new.subject is not distinct from old.subject;
        -- sealing a line written before the chain existed into it, once
        if same_content and old.seq is null and new.seq is not null and new.hash is not null
                and new.detail is not distinct from old.detail then
            return new;
        end if;
        -- redaction of a sealed line's detail
        if same_content and old.detail_seal is not null and new.detail_seal = old.detail_seal
                and new.detail is null and new.detail_nonce is null
                and old.redacted_at is null and new.redacted_at is not null
                and new.seq = old.seq and new.hash = old.hash and new.prev_hash = old.prev_hash then
            return new;
        end if;
        -- the one-time sealing of older lines' details, and the chain rewritten after them
        if same_content and coalesce(current_setting('parlons.audit_reseal', true), '') = 'on'
                and new.detail is not distinct from old.detail and new.seq = old.seq
                and old.redacted_at is null and new.redacted_at is null
                and (old.detail_seal is null or new.detail_seal = old.detail_seal) then
            return new;
        end if;
    end if;
    raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;

create or replace function audit_chain_head_forward() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and (new.seq > old.seq
            or (new.seq = old.seq and coalesce(current_setting('parlons.audit_reseal', true), '') = 'on')) then
        return new;
    end if;
    raise exception 'audit_chain_head only moves forward: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;
