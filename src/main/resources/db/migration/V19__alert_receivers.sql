-- Bad-buzz alerts go to several receivers (the webhook, an email list): each alerting hour and measure is
-- sent once to each of them.
update listening_alert set delivery = 'unknown' where delivery is null;
alter table listening_alert alter column delivery set not null;
alter table listening_alert drop constraint listening_alert_pk;
alter table listening_alert add constraint listening_alert_pk primary key (hour_start, measure, delivery);
