-- health-service: one row per known cluster (created by ClusterImported), its inventory, the history of its
-- connectivity and health, and its deduplicated event log. Times are the platform's receive times.

create table cluster_health (
    cluster_id            uuid primary key,
    project               varchar(100) not null,
    name                  varchar(253),
    cloud_type            varchar(64),
    import_mode           varchar(32),
    connectivity          varchar(16)  not null default 'Pending',
    connectivity_since    timestamptz  not null,
    first_heartbeat       timestamptz,
    last_heartbeat        timestamptz,
    last_heartbeat_report uuid,
    agent_version         varchar(100),
    agent_permissions     varchar(32),
    health                varchar(16),
    health_since          timestamptz,
    checks                text         not null default '[]',
    evaluated_at          timestamptz,
    -- When the assessment could change without new input (a pending pod crossing its limit, an inventory
    -- going stale, or the periodic refresh); a heartbeat after it evaluates again, so does the sweep.
    next_evaluation_at    timestamptz,
    health_version        bigint       not null default 0,
    imported_at           timestamptz  not null,
    updated_at            timestamptz  not null
);
create index cluster_health_project on cluster_health (project);
-- The sweep: connected clusters whose last heartbeat is older than the threshold.
create index cluster_health_silent on cluster_health (last_heartbeat) where connectivity = 'Connected';
create index cluster_health_due on cluster_health (next_evaluation_at) where next_evaluation_at is not null;
create index cluster_health_attention on cluster_health (project, health, connectivity);

-- A deleted cluster's agent is refused from then on, and a replayed ClusterImported does not bring it back.
-- events_purged_at is set once its event log has been removed (in chunks, by the retention job).
create table deleted_cluster (
    cluster_id       uuid primary key,
    project          varchar(100),
    deleted_at       timestamptz not null,
    events_purged_at timestamptz
);
create index deleted_cluster_purge on deleted_cluster (deleted_at) where events_purged_at is null;

-- The latest inventory of each cluster; inventory is the canonical JSON whose SHA-256 is hash.
create table cluster_inventory (
    cluster_id     uuid primary key,
    report_id      uuid         not null,
    observed_at    timestamptz  not null,
    received_at    timestamptz  not null,
    hash           varchar(64)  not null,
    inventory      text         not null,
    published_hash varchar(64),
    published_at   timestamptz
);
create index cluster_inventory_publish on cluster_inventory (published_at);

-- Connectivity and health transitions, newest first by seq.
create table health_history (
    seq          bigint generated always as identity primary key,
    id           uuid         not null unique,
    cluster_id   uuid         not null,
    kind         varchar(16)  not null,
    previous     varchar(16),
    current      varchar(16)  not null,
    connectivity varchar(16),
    reasons      text         not null default '[]',
    summary      text,
    at           timestamptz  not null,
    recorded_at  timestamptz  not null
);
create index health_history_cluster on health_history (cluster_id, seq desc);

-- The event log: one row per (cluster, namespace, kind, name, reason); id is EventKey.entryId(cluster).
create table cluster_event (
    id          uuid primary key,
    cluster_id  uuid         not null,
    namespace   varchar(253) not null,
    object_kind varchar(63)  not null,
    object_name varchar(253) not null,
    reason      varchar(128) not null,
    type        varchar(16),
    message     text,
    source      varchar(256),
    count       bigint       not null,
    first_seen  timestamptz  not null,
    last_seen   timestamptz  not null,
    recent_uids text         not null default '[]',
    updated_at  timestamptz  not null
);
-- Newest first per cluster (every query), and the selective filters.
create index cluster_event_newest on cluster_event (cluster_id, last_seen desc, id desc);
create index cluster_event_namespace on cluster_event (cluster_id, namespace, last_seen desc, id desc);
create index cluster_event_object on cluster_event (cluster_id, object_kind, object_name, last_seen desc, id desc);
create index cluster_event_reason on cluster_event (cluster_id, reason, last_seen desc, id desc);
-- Retention.
create index cluster_event_age on cluster_event (last_seen);

-- Event batches already applied, so a resent batch (same reportId) changes nothing; kept for a day.
create table event_report (
    report_id   uuid primary key,
    cluster_id  uuid        not null,
    received_at timestamptz not null
);
create index event_report_age on event_report (received_at);
