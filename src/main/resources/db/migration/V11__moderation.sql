-- What the brand did to a public comment on its network: hidden, deleted, liked (comma-separated).
alter table message add column moderation varchar(100);
