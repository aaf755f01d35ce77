-- A record a consumer can never handle (not a Mooring CloudEvent, unreadable data, a handler that refuses it)
-- is parked here with its error, so the rest of its partition carries on and an admin can replay or discard it.
-- Everything needed to rebuild the record is kept: topic, partition, offset, key, headers and value.
create table mooring_dead_letter (
    id             bigint generated always as identity primary key,
    consumer       varchar(100)  not null,
    topic          varchar(249)  not null,
    record_partition int         not null,
    record_offset  bigint        not null,
    record_key     text,
    -- [{"name": "ce_id", "value": "..."}, ...] in record order; values as UTF-8 text (CloudEvent headers are text)
    headers        jsonb         not null,
    record_value   text,
    event_id       uuid,
    event_type     varchar(200),
    error          text          not null,
    attempts       int           not null default 1,
    parked_at      timestamptz   not null default now(),
    failed_at      timestamptz   not null default now(),
    replayed_at    timestamptz
);
-- A record parked again (redelivered before its offset was committed) updates its row instead of adding one.
create unique index mooring_dead_letter_record on mooring_dead_letter (consumer, topic, record_partition, record_offset);
create index mooring_dead_letter_pending on mooring_dead_letter (id) where replayed_at is null;
