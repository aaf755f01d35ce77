-- Events waiting to be published: written in the same transaction as the state change they describe,
-- published in seq order by the relay, then marked. See io.mooring.support.outbox.
create table mooring_outbox (
    id           uuid primary key,
    seq          bigint generated always as identity,
    topic        varchar(200) not null,
    record_key   varchar(200) not null,
    type         varchar(200) not null,
    source       varchar(200) not null,
    subject      varchar(200) not null,
    occurred_at  timestamptz  not null,
    payload      text         not null,
    created_at   timestamptz  not null default now(),
    published_at timestamptz
);
create unique index mooring_outbox_seq on mooring_outbox (seq);
create index mooring_outbox_unpublished on mooring_outbox (seq) where published_at is null;
create index mooring_outbox_published on mooring_outbox (published_at) where published_at is not null;

-- Event ids a consumer has already handled, so a redelivered event changes nothing.
create table mooring_processed_event (
    consumer     varchar(100) not null,
    event_id     uuid         not null,
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);
create index mooring_processed_event_age on mooring_processed_event (processed_at);
