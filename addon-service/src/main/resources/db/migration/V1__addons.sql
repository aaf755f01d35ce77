-- What addon-service knows of each cluster, from the lifecycle events only. A deleted cluster stays as a
-- tombstone so that its agent keeps being refused and a late event cannot bring it back.
-- revision numbers the changes of the cluster's desired state (it is the agent's ETag).
create table addon_cluster (
    cluster_id uuid        primary key,
    project    text,
    name       text,
    mode       text        not null,
    deleted    boolean     not null default false,
    revision   bigint      not null default 0,
    updated_at timestamptz not null
);

-- One row per profile name: its type (every version has it) and its latest version, for listing.
create table addon_profile (
    name            text        primary key,
    type            text        not null,
    description     text,
    latest_version  text        not null,
    latest_sort_key text        collate "C" not null,
    version_count   integer     not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);

-- Published versions never change. definition is the layers as published (JSON, chart archives by digest),
-- rendered the objects each layer renders to with its own values (JSON); content_hash identifies the content.
create table addon_profile_version (
    id           uuid        primary key,
    name         text        not null references addon_profile (name),
    version      text        not null,
    sort_key     text        collate "C" not null,
    type         text        not null,
    description  text,
    content_hash text        not null,
    definition   text        not null,
    rendered     text        not null,
    created_at   timestamptz not null,
    created_by   text        not null,
    constraint addon_profile_version_name_version unique (name, version)
);
create index addon_profile_version_order on addon_profile_version (name, sort_key);

-- Chart archives, uploaded or downloaded at publish time, by content digest: versions are rendered again from
-- exactly these bytes when an attachment overrides values.
create table addon_chart_archive (
    digest     text        primary key,
    content    bytea       not null,
    size       integer     not null,
    created_at timestamptz not null
);

-- A profile version attached to a cluster, with the values overriding its layers' and the objects it renders to.
create table addon_attachment (
    id                 uuid        primary key,
    cluster_id         uuid        not null references addon_cluster (cluster_id),
    project            text        not null,
    profile            text        not null,
    profile_version_id uuid        not null references addon_profile_version (id),
    version            text        not null,
    overrides          text        not null,
    rendered           text        not null,
    generation         bigint      not null,
    idempotency_key    text,
    created_at         timestamptz not null,
    created_by         text        not null,
    updated_at         timestamptz not null,
    updated_by         text        not null,
    constraint addon_attachment_cluster_profile unique (cluster_id, profile)
);
create unique index addon_attachment_idempotency on addon_attachment (cluster_id, idempotency_key)
    where idempotency_key is not null;
create index addon_attachment_version on addon_attachment (profile_version_id);

-- The state of each layer of an attachment, as the agent last reported it (Pending until then).
create table addon_layer_status (
    id            uuid        primary key,
    attachment_id uuid        not null references addon_attachment (id) on delete cascade,
    layer         text        not null,
    layer_order   integer     not null,
    status        text        not null,
    message       text,
    updated_at    timestamptz not null,
    constraint addon_layer_status_layer unique (attachment_id, layer)
);

-- Which attachment owns which object in a cluster: one owner per object, enforced here as well.
create table addon_owned_object (
    id            uuid primary key,
    cluster_id    uuid not null,
    attachment_id uuid not null references addon_attachment (id) on delete cascade,
    layer         text not null,
    api_group     text not null,
    kind          text not null,
    namespace     text not null,
    name          text not null,
    api_version   text not null,
    constraint addon_owned_object_identity unique (cluster_id, api_group, kind, namespace, name)
);
create index addon_owned_object_attachment on addon_owned_object (attachment_id);

-- Objects that were desired and no longer are, listed in the desired state until the agent reports it pruned
-- through the revision that removed them.
create table addon_removal (
    id            uuid        primary key,
    cluster_id    uuid        not null,
    attachment_id uuid        not null,
    profile       text        not null,
    layer         text        not null,
    api_group     text        not null,
    kind          text        not null,
    namespace     text        not null,
    name          text        not null,
    api_version   text        not null,
    revision      bigint      not null,
    created_at    timestamptz not null
);
create index addon_removal_cluster on addon_removal (cluster_id, revision);
