-- The cluster directory (service-support's V0_4, mooring_cluster) is now where the lifecycle events are kept.
-- A database migrated before keeps its clusters: they are copied into the directory, tombstones included. The
-- mode string "deleted" that marked a tombstone of a cluster never seen becomes an unknown mode; the deleted flag
-- is the tombstone.
insert into mooring_cluster (cluster_id, project, name, import_mode, deleted, deleted_at, updated_at)
select cluster_id, project, name, nullif(mode, 'deleted'), deleted, case when deleted then updated_at end, updated_at
from addon_cluster
on conflict (cluster_id) do nothing;

-- addon_cluster keeps the desired-state revision and stays the lock of a cluster's attachment changes; its
-- project, name, mode and deleted mirror the directory (io.mooring.addon.service.ClusterLifecycle).
alter table addon_cluster alter column mode drop not null;
update addon_cluster set mode = null where mode = 'deleted';
