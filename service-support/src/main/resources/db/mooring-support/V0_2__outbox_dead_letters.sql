-- An event Kafka can never accept (too large, say) is set aside instead of blocking every event behind it.
alter table mooring_outbox add column dead_at timestamptz;
alter table mooring_outbox add column last_error varchar(1000);
drop index mooring_outbox_unpublished;
create index mooring_outbox_unpublished on mooring_outbox (seq) where published_at is null and dead_at is null;
