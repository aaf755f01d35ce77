-- Imported clusters, their import and cleanup tokens (hashed), agent refresh secrets (hashed),
-- tombstones of deleted clusters and the stored first answers of idempotent requests.

create table cluster (
    id                     uuid primary key,
    project                varchar(63)   not null,
    name                   varchar(63)   not null,
    description            varchar(1000),
    labels                 jsonb         not null default '{}'::jsonb,
    cloud_type             varchar(32)   not null,
    import_mode            varchar(32)   not null,
    status                 varchar(16)   not null,
    pending_mode           varchar(32),
    migration_requested_by varchar(255),
    migration_requested_at timestamptz,
    detected_provider      varchar(63),
    detected_platform      varchar(63),
    kubernetes_version     varchar(64),
    agent_version          varchar(64),
    agent_permissions      varchar(32),
    created_by             varchar(255)  not null,
    created_at             timestamptz   not null,
    updated_at             timestamptz   not null,
    connected_at           timestamptz,
    last_seen_at           timestamptz,
    deletion_requested_by  varchar(255),
    deletion_requested_at  timestamptz,
    version                bigint        not null default 0,
    constraint cluster_name_per_project unique (project, name),
    constraint cluster_status_known check (status in ('Pending', 'Running', 'Deleting')),
    constraint cluster_mode_known check (import_mode in ('read-only', 'full-permission'))
);
-- Keyset pagination walks (created_at, id); most lists are filtered by project first.
create index cluster_page on cluster (created_at, id);
create index cluster_project_page on cluster (project, created_at, id);
create index cluster_labels on cluster using gin (labels);

create table import_token (
    id          uuid primary key,
    cluster_id  uuid         not null references cluster (id) on delete cascade,
    token_hash  varchar(64)     not null unique,
    import_mode varchar(32)  not null,
    created_by  varchar(255) not null,
    created_at  timestamptz  not null,
    expires_at  timestamptz  not null,
    spent_at    timestamptz,
    revoked_at  timestamptz
);
create index import_token_cluster on import_token (cluster_id);
create index import_token_expiry on import_token (expires_at);

-- No foreign key: a cleanup manifest is still needed after a forced deletion removed the cluster.
create table cleanup_token (
    token_hash varchar(64)    primary key,
    cluster_id uuid        not null,
    created_at timestamptz not null,
    expires_at timestamptz not null
);
create index cleanup_token_expiry on cleanup_token (expires_at);

create table agent_secret (
    cluster_id           uuid primary key references cluster (id) on delete cascade,
    secret_hash          varchar(64)    not null,
    previous_hash        varchar(64),
    previous_valid_until timestamptz,
    registered_at        timestamptz not null,
    rotated_at           timestamptz not null
);

create table cluster_tombstone (
    cluster_id uuid primary key,
    project    varchar(63)  not null,
    name       varchar(63)  not null,
    forced     boolean      not null,
    deleted_by varchar(255) not null,
    deleted_at timestamptz  not null
);

create table idempotency_record (
    key_hash     varchar(64)      primary key,
    request_hash varchar(64)      not null,
    status       integer       not null,
    location     varchar(1000),
    nonce        bytea         not null,
    body         bytea         not null,
    created_at   timestamptz   not null,
    expires_at   timestamptz   not null
);
create index idempotency_record_expiry on idempotency_record (expires_at);
