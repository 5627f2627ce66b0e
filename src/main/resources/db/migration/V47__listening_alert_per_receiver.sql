-- An alert is sent once to each receiver (the webhook, the mail addresses): the key names the receiver, so
-- that mailing an alert already POSTed no longer breaks on the key and is no longer tried again every minute.
update listening_alert set delivery = '' where delivery is null;
alter table listening_alert drop constraint listening_alert_pk;
alter table listening_alert alter column delivery set not null;
alter table listening_alert add constraint listening_alert_pk primary key (hour_start, measure, delivery);
