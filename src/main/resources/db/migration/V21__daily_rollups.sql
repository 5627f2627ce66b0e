-- Mentions per UTC day, network and language (and per topic), kept beside the hourly counts: dashboards
-- ask for whole days, so a year reads a few thousand rows; the hourly counts stay for bad-buzz alerts.
-- Filled from the hourly counts by the next (Java) migration, then kept as mentions arrive.
create table mention_daily (
    day_start        timestamp with time zone not null,
    network          varchar(30) not null,
    language         varchar(8) not null,
    mentions         integer not null,
    positive         integer not null,
    negative         integer not null,
    constraint mention_daily_pk primary key (day_start, network, language)
);

create table topic_daily (
    topic_id         bigint not null references listening_topic (id) on delete cascade,
    day_start        timestamp with time zone not null,
    network          varchar(30) not null,
    language         varchar(8) not null,
    mentions         integer not null,
    positive         integer not null,
    negative         integer not null,
    constraint topic_daily_pk primary key (topic_id, day_start, network, language)
);
