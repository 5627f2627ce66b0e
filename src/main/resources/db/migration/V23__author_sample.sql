-- Per-person figures (tonality per author, its interval) need every author's counts over the period, which
-- no rollup can keep. Over long, busy periods they are estimated on a random sample of authors instead: an
-- author is in level 1 when a hash of their key falls in the first 1/16 of the range, in level 2 when it
-- falls in the first 1/256. Their mentions are copied here, narrow, so a sample reads few rows.
create table mention_sample (
    level            smallint not null,
    mention_id       bigint not null,
    published_at     timestamp with time zone not null,
    network          varchar(30) not null,
    language         varchar(8) not null,
    author_key       varchar(400) not null,
    label            varchar(10) not null,
    constraint mention_sample_pk primary key (level, mention_id)
);
create index mention_sample_published_ix on mention_sample (level, published_at);
