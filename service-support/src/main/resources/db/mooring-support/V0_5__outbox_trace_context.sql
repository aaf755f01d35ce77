-- The W3C trace context of the change that wrote the event (the CloudEvents distributed-tracing extension),
-- captured in the business transaction and put on the record by the relay, which publishes later and elsewhere.
-- Null when the service was not tracing.
alter table mooring_outbox add column trace_parent varchar(128);
alter table mooring_outbox add column trace_state  text;
