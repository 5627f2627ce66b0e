-- The language an agent last chose to read Parlons in: what mails sent to them (a missed
-- service level) are written in. Null: the server's default.
alter table agent_preference add column language varchar(10);
