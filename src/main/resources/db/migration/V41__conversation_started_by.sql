-- A conversation an agent started (an outbound email, SMS or WhatsApp template): who
-- started it and the address they wrote to. Both null when the customer wrote first.
-- Its first message is no response to anyone: the first-response figures leave it out.
alter table conversation add column started_by bigint;
alter table conversation add column started_to varchar(320);
