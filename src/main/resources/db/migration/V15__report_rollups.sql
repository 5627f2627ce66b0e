-- Reports read days, not conversations: one row per day (UTC), inbox, team and agent (0 for none), kept
-- up to date for the recent days and rebuilt on demand. Durations are kept as histograms (minutes, fixed
-- buckets frt_0..11 and res_0..11) so medians and 90th percentiles can be read from any sum of days, summed
-- by the database.
create index conversation_event_type_ix on conversation_event (type, created_at);
create index conversation_first_reply_ix on conversation (first_reply_at);
create index conversation_created_ix on conversation (created_at);
create table report_daily (
    report_day               date not null,
    inbox_id                 bigint not null,
    team_id                  bigint not null,
    agent_id                 bigint not null,
    opened                   integer not null,
    first_responses          integer not null,
    frt_0                    integer not null,
    frt_1                    integer not null,
    frt_2                    integer not null,
    frt_3                    integer not null,
    frt_4                    integer not null,
    frt_5                    integer not null,
    frt_6                    integer not null,
    frt_7                    integer not null,
    frt_8                    integer not null,
    frt_9                    integer not null,
    frt_10                   integer not null,
    frt_11                   integer not null,
    resolved                 integer not null,
    res_0                    integer not null,
    res_1                    integer not null,
    res_2                    integer not null,
    res_3                    integer not null,
    res_4                    integer not null,
    res_5                    integer not null,
    res_6                    integer not null,
    res_7                    integer not null,
    res_8                    integer not null,
    res_9                    integer not null,
    res_10                   integer not null,
    res_11                   integer not null,
    sla_due                  integer not null,
    sla_met                  integer not null,
    complaints               integer not null,
    complaints_answered      integer not null,
    escalations              integer not null,
    approvals                integer not null,
    approvals_decided        integer not null,
    approval_minutes         bigint not null,
    constraint report_daily_pk primary key (report_day, inbox_id, team_id, agent_id)
);
