-- Per-person figures (tonality per author, its interval) and the loudest authors need every author's counts
-- over the period, which no rollup can keep. Over long, busy periods they are estimated on random samples
-- instead, drawn by a hash (see Samples): by author (levels 1 and 2: 1/16 and 1/256 of the authors) for
-- per-person figures, by mention (levels 11 and 12: 1/16 and 1/256 of the mentions) for the loudest
-- authors. Their mentions are copied here, narrow, so a sample reads few rows.
create table mention_sample (
    level            smallint not null,
    mention_id       bigint not null,
    published_at     timestamp with time zone not null,
    network          varchar(30) not null,
    language         varchar(8) not null,
    author_key       varchar(400) not null,
    author           varchar(300),
    label            varchar(10) not null,
    sentiment        double precision not null,
    constraint mention_sample_pk primary key (level, mention_id)
);
-- Covering what the samples are read for, so a year of a level is one contiguous index range, read without
-- visiting the table (PostgreSQL's index-only scan).
create index mention_sample_read_ix on mention_sample (level, published_at, author_key, label, sentiment);
