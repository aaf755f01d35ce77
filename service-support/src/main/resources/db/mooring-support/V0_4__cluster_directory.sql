-- The cluster directory: what the registry's lifecycle events say about each cluster, one row per cluster, kept by
-- io.mooring.support.clusters.ClusterDirectory in every service that consumes them. Each service keeps its own
-- per-cluster state (health, accrual, desired state) in its own tables, keyed by cluster_id.
-- A deleted cluster stays as a tombstone (deleted, deleted_at) so that a late or replayed event cannot bring it
-- back. Names are text: an odd value in an event must not stop a consumer.
create table mooring_cluster (
    cluster_id   uuid        primary key,
    project      text,
    name         text,
    cloud_type   text,
    import_mode  text,
    imported_at  timestamptz,
    connected_at timestamptz,
    deleted      boolean     not null default false,
    deleted_at   timestamptz,
    updated_at   timestamptz not null
);
create index mooring_cluster_project on mooring_cluster (project);
