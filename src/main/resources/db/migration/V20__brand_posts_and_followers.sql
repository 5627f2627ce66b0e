-- The brand's own posts with their figures over time, and the followers of its accounts over time: what
-- engagement rates, half-lives and follower growth are computed from (seed 002, the Festina view).
alter table social_post add column own boolean default false not null;

create table social_post_metric (
    post_id          bigint not null references social_post (id),
    observed_at      timestamp with time zone not null,
    likes            bigint,
    comments         bigint,
    shares           bigint,
    impressions      bigint,
    reach            bigint,
    constraint social_post_metric_pk primary key (post_id, observed_at)
);

create table inbox_followers (
    inbox_id         bigint not null references inbox (id),
    observed_at      timestamp with time zone not null,
    followers        bigint not null,
    constraint inbox_followers_pk primary key (inbox_id, observed_at)
);
