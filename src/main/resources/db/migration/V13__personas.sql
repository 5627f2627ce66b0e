-- Under which persona an outbound message spoke: the brand's voice, the agent within the brand, or a
-- representative; author_name keeps the name shown to the customer.
alter table message add column persona varchar(20);
