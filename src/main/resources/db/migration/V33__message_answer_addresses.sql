-- Where the answer to an inbound mail goes: its Reply-To, else its From; and who else it was copied to (Cc),
-- space separated, kept on the reply.
alter table message add column answer_to varchar(320);
alter table message add column copies varchar(2000);
