-- The row every writer of the mention rollups locks first, so two of them (the collector, a feed, an import,
-- on one node or several) never race to insert the same hour or deadlock on each other's rows.
insert into listening_cursor (name, position) values ('rollups', 0);
