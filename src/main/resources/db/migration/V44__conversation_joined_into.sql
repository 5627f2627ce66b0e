-- A conversation whose messages joined an older one of the same thread (a later mail
-- linked them): the one they live in now.
alter table conversation add column joined_into bigint;
