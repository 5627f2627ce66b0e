-- Next responses (issue 19): each answer to a customer who wrote again after an earlier answer, with the
-- histogram of how long they waited (buckets nrt_0..11 as frt_ and res_). Days rolled up before this
-- migration count none until rebuilt (POST /api/v1/reports/rebuild).
alter table report_daily add column next_responses integer default 0 not null;
alter table report_daily add column nrt_0 integer default 0 not null;
alter table report_daily add column nrt_1 integer default 0 not null;
alter table report_daily add column nrt_2 integer default 0 not null;
alter table report_daily add column nrt_3 integer default 0 not null;
alter table report_daily add column nrt_4 integer default 0 not null;
alter table report_daily add column nrt_5 integer default 0 not null;
alter table report_daily add column nrt_6 integer default 0 not null;
alter table report_daily add column nrt_7 integer default 0 not null;
alter table report_daily add column nrt_8 integer default 0 not null;
alter table report_daily add column nrt_9 integer default 0 not null;
alter table report_daily add column nrt_10 integer default 0 not null;
alter table report_daily add column nrt_11 integer default 0 not null;
