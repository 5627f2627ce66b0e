-- Permissions an admin grants an agent on top of their role (merge, import, export of customers), space separated.
alter table agent add column grants varchar(200) not null default '';
