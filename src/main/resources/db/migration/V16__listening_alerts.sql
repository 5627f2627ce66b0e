-- Bad-buzz alerts already sent, so each alerting hour and measure is sent once.
create table listening_alert (
    hour_start       timestamp with time zone not null,
    measure          varchar(40) not null,
    observed         bigint not null,
    expected         double precision not null,
    sent_at          timestamp with time zone not null,
    delivery         varchar(500),
    constraint listening_alert_pk primary key (hour_start, measure)
);
