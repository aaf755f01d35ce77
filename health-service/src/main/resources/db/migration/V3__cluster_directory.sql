-- The cluster directory (service-support's V0_4, mooring_cluster) now holds what the lifecycle events say of each
-- cluster; cluster_health keeps only health-service's own state (connectivity, heartbeats, assessment).
-- A database migrated before keeps its clusters: they are copied into the directory first, tombstones included.
insert into mooring_cluster (cluster_id, project, name, cloud_type, import_mode, imported_at, deleted, updated_at)
select cluster_id, project, name, cloud_type, import_mode, imported_at, false, updated_at from cluster_health
on conflict (cluster_id) do nothing;
insert into mooring_cluster (cluster_id, project, deleted, deleted_at, updated_at)
select cluster_id, nullif(project, ''), true, deleted_at, deleted_at from deleted_cluster
on conflict (cluster_id) do update set deleted = true, deleted_at = excluded.deleted_at;

-- The fleet queries find a project's clusters through the directory now.
drop index cluster_health_attention;
alter table cluster_health drop column project, drop column name, drop column cloud_type, drop column import_mode,
    drop column imported_at;
create index cluster_health_attention on cluster_health (health, connectivity);

-- deleted_cluster stays as the queue of event logs still to purge (events_purged_at); the tombstone that refuses
-- a deleted cluster's agent is the directory's.
