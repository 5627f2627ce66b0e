-- The dashboard filters by inbox (a source of mentions; feeds and imports are sources too): mentions per UTC day,
-- source, network and language, kept beside the other daily rollups and filled from the mentions by the next
-- (Java) migration; the samples and the mentions learn their source too, so per-person figures and the
-- drill-down of one inbox read only its rows.
create table mention_source_daily (
    source           varchar(10) not null,
    source_id        bigint not null,
    day_start        timestamp with time zone not null,
    network          varchar(30) not null,
    language         varchar(8) not null,
    mentions         integer not null,
    positive         integer not null,
    negative         integer not null,
    constraint mention_source_daily_pk primary key (source, source_id, day_start, network, language)
);

delete from mention_sample where not exists (select 1 from mention m where m.id = mention_sample.mention_id);
alter table mention_sample add column source varchar(10);
alter table mention_sample add column source_id bigint;
update mention_sample set source = (select m.source from mention m where m.id = mention_sample.mention_id),
    source_id = (select m.source_id from mention m where m.id = mention_sample.mention_id);
alter table mention_sample alter column source set not null;
alter table mention_sample alter column source_id set not null;
create index mention_sample_source_ix on mention_sample (level, source_id, source, published_at, author_key, label, sentiment);

create index mention_source_ix on mention (source_id, source, published_at);
