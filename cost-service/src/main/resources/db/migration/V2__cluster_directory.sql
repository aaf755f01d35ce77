-- The cluster directory (service-support's V0_4, mooring_cluster) is now where the lifecycle events are kept.
-- A database migrated before keeps its clusters: those a lifecycle event told cost-service of (imported or
-- deleted) are copied into it, tombstones included. A cluster known only from its inventories is not in the
-- directory until its ClusterImported arrives, as in any service.
insert into mooring_cluster (cluster_id, project, name, cloud_type, import_mode, imported_at, deleted, deleted_at,
    updated_at)
select id, nullif(project, ''), name, cloud_type, import_mode, imported_at, deleted_at is not null, deleted_at,
    updated_at
from cost_cluster
where imported_at is not null or deleted_at is not null
on conflict (cluster_id) do nothing;

-- cost_cluster keeps the pricing state (cloud type priced as, provider, observed nodes); its project, name, mode
-- and deletion follow the directory (io.mooring.cost.service.LifecycleService), for the reports that join it.
