-- cost-service schema. Cost lines carry amounts and quantities with nine decimals, numeric(20,9)
-- (io.mooring.cost.domain.Money); the roll-ups keep the same nine decimals as integers (billionths), and reports
-- sum them exactly. Names coming from clusters are text: an odd name must not stop the consumer.

-- The clusters cost-service knows, from lifecycle events and inventories, so that reports can be scoped by
-- project without asking the registry. A deleted cluster stays (deleted_at set): its history is billed.
create table cost_cluster (
    id                uuid primary key,
    project           text  not null,
    name              text,
    cloud_type        text  not null,
    provider          text  not null,
    import_mode       text,
    imported_at       timestamptz,
    first_observed_at timestamptz,
    last_observed_at  timestamptz,
    last_nodes        text,
    deleted_at        timestamptz,
    updated_at        timestamptz  not null default now()
);
create index cost_cluster_project on cost_cluster (project);

-- Installation-wide unit rates and currency set through the API (one row); absent: the configuration's.
create table cost_installation_rates (
    id                smallint primary key check (id = 1),
    currency          varchar(3)     not null,
    cpu_core_hour     numeric(20, 9) not null check (cpu_core_hour >= 0),
    memory_gib_hour   numeric(20, 9) not null check (memory_gib_hour >= 0),
    gpu_hour          numeric(20, 9) not null check (gpu_hour >= 0),
    storage_gib_month numeric(20, 9) not null check (storage_gib_month >= 0),
    updated_at        timestamptz    not null,
    updated_by        text   not null
);

-- Overrides per project and per cluster: a null rate falls through to the next level.
create table cost_project_rate_override (
    project           text primary key,
    cpu_core_hour     numeric(20, 9) check (cpu_core_hour >= 0),
    memory_gib_hour   numeric(20, 9) check (memory_gib_hour >= 0),
    gpu_hour          numeric(20, 9) check (gpu_hour >= 0),
    storage_gib_month numeric(20, 9) check (storage_gib_month >= 0),
    instance_prices   text         not null default '{}',
    updated_at        timestamptz  not null,
    updated_by        text not null
);

create table cost_cluster_rate_override (
    cluster_id        uuid primary key references cost_cluster (id),
    cpu_core_hour     numeric(20, 9) check (cpu_core_hour >= 0),
    memory_gib_hour   numeric(20, 9) check (memory_gib_hour >= 0),
    gpu_hour          numeric(20, 9) check (gpu_hour >= 0),
    storage_gib_month numeric(20, 9) check (storage_gib_month >= 0),
    instance_prices   text         not null default '{}',
    updated_at        timestamptz  not null,
    updated_by        text not null
);

-- Every inventory accrued, by its natural key (cluster, observation time): a replay under a new event id
-- finds its key here and changes nothing. The window is what it was billed for (empty for a first one).
create table cost_inventory (
    cluster_id   uuid        not null references cost_cluster (id),
    observed_at  timestamptz not null,
    report_id    uuid,
    window_from  timestamptz not null,
    window_to    timestamptz not null,
    capped       boolean     not null,
    lines        integer     not null,
    total_cost   numeric(20, 9) not null,
    warnings     text,
    accrued_at   timestamptz not null default now(),
    primary key (cluster_id, observed_at)
);

-- The ledger: one line per workload, node idle capacity or volume, per clock hour and inventory.
-- id is the name-based UUID of the line's natural key (CostLine.id()), so the primary key is the natural key.
create table cost_line (
    id                          uuid primary key,
    cluster_id                  uuid           not null,
    observed_at                 timestamptz    not null,
    hour_start                  timestamptz    not null,
    period_start                timestamptz    not null,
    period_end                  timestamptz    not null,
    kind                        varchar(12)    not null,
    node                        text,
    namespace                   text,
    workload_kind               text,
    workload_name               text,
    volume                      text,
    storage_class               text,
    pods                        integer        not null,
    currency                    varchar(3)     not null,
    cpu_cost                    numeric(20, 9) not null,
    memory_cost                 numeric(20, 9) not null,
    gpu_cost                    numeric(20, 9) not null,
    storage_cost                numeric(20, 9) not null,
    total_cost                  numeric(20, 9) not null,
    used_cost                   numeric(20, 9) not null,
    cpu_core_hours              numeric(20, 9) not null,
    memory_gib_hours            numeric(20, 9) not null,
    gpu_hours                   numeric(20, 9) not null,
    storage_gib_hours           numeric(20, 9) not null,
    requested_cpu_core_hours    numeric(20, 9),
    requested_memory_gib_hours  numeric(20, 9),
    used_cpu_core_hours         numeric(20, 9),
    used_memory_gib_hours       numeric(20, 9)
);
create index cost_line_cluster_hour on cost_line (cluster_id, hour_start);

-- Pre-aggregated cost per cluster and hour or day, and per namespace, node, workload and label value.
-- Every table has the same measures, summed from the lines in the transaction that writes them, in
-- billionths (the nine decimals of the lines, as integers: summing bigint is several times faster than numeric):
--   idle_cost is the part of total_cost that is idle node capacity (only cluster and node rows, and the
--   '__idle__' rows of the namespace and workload tables have any); used_cost what was actually used
--   (usage where metrics are served, else requests).
-- Reports read whole days from the *_day tables and the hours at the edges of a window from *_hour.
create table cost_cluster_hour (
    cluster_id uuid not null, bucket timestamptz not null, currency varchar(3) not null,
    cpu_cost bigint not null, memory_cost bigint not null, gpu_cost bigint not null,
    storage_cost bigint not null, total_cost bigint not null, idle_cost bigint not null,
    used_cost bigint not null, cpu_core_hours bigint not null,
    memory_gib_hours bigint not null, gpu_hours bigint not null,
    storage_gib_hours bigint not null,
    primary key (cluster_id, bucket, currency)
);
create table cost_cluster_day (like cost_cluster_hour including all);

create table cost_namespace_hour (
    cluster_id uuid not null, bucket timestamptz not null, namespace text not null, currency varchar(3) not null,
    cpu_cost bigint not null, memory_cost bigint not null, gpu_cost bigint not null,
    storage_cost bigint not null, total_cost bigint not null, idle_cost bigint not null,
    used_cost bigint not null, cpu_core_hours bigint not null,
    memory_gib_hours bigint not null, gpu_hours bigint not null,
    storage_gib_hours bigint not null,
    primary key (cluster_id, bucket, namespace, currency)
);
create table cost_namespace_day (like cost_namespace_hour including all);

create table cost_node_hour (
    cluster_id uuid not null, bucket timestamptz not null, node text not null, currency varchar(3) not null,
    cpu_cost bigint not null, memory_cost bigint not null, gpu_cost bigint not null,
    storage_cost bigint not null, total_cost bigint not null, idle_cost bigint not null,
    used_cost bigint not null, cpu_core_hours bigint not null,
    memory_gib_hours bigint not null, gpu_hours bigint not null,
    storage_gib_hours bigint not null,
    primary key (cluster_id, bucket, node, currency)
);
create table cost_node_day (like cost_node_hour including all);

create table cost_workload_hour (
    cluster_id uuid not null, bucket timestamptz not null, namespace text not null,
    workload_kind text not null, workload_name text not null, currency varchar(3) not null,
    cpu_cost bigint not null, memory_cost bigint not null, gpu_cost bigint not null,
    storage_cost bigint not null, total_cost bigint not null, idle_cost bigint not null,
    used_cost bigint not null, cpu_core_hours bigint not null,
    memory_gib_hours bigint not null, gpu_hours bigint not null,
    storage_gib_hours bigint not null,
    primary key (cluster_id, bucket, namespace, workload_kind, workload_name, currency)
);
create table cost_workload_day (like cost_workload_hour including all);

create table cost_label_hour (
    cluster_id uuid not null, bucket timestamptz not null, label_key text not null,
    label_value text not null, currency varchar(3) not null,
    cpu_cost bigint not null, memory_cost bigint not null, gpu_cost bigint not null,
    storage_cost bigint not null, total_cost bigint not null, idle_cost bigint not null,
    used_cost bigint not null, cpu_core_hours bigint not null,
    memory_gib_hours bigint not null, gpu_hours bigint not null,
    storage_gib_hours bigint not null,
    primary key (cluster_id, bucket, label_key, label_value, currency)
);
create table cost_label_day (like cost_label_hour including all);

-- The same by project, for fleet reports by namespace, workload and label: a fleet month then reads one row
-- per project, day and name instead of one per cluster. A cluster's cost counts for the project it was in
-- when it accrued.
create table cost_project_namespace_hour (
    project text not null, bucket timestamptz not null, namespace text not null, currency varchar(3) not null,
    cpu_cost bigint not null, memory_cost bigint not null, gpu_cost bigint not null,
    storage_cost bigint not null, total_cost bigint not null, idle_cost bigint not null,
    used_cost bigint not null, cpu_core_hours bigint not null,
    memory_gib_hours bigint not null, gpu_hours bigint not null,
    storage_gib_hours bigint not null,
    primary key (project, bucket, namespace, currency)
);
create table cost_project_namespace_day (like cost_project_namespace_hour including all);

create table cost_project_workload_hour (
    project text not null, bucket timestamptz not null, namespace text not null,
    workload_kind text not null, workload_name text not null, currency varchar(3) not null,
    cpu_cost bigint not null, memory_cost bigint not null, gpu_cost bigint not null,
    storage_cost bigint not null, total_cost bigint not null, idle_cost bigint not null,
    used_cost bigint not null, cpu_core_hours bigint not null,
    memory_gib_hours bigint not null, gpu_hours bigint not null,
    storage_gib_hours bigint not null,
    primary key (project, bucket, namespace, workload_kind, workload_name, currency)
);
create table cost_project_workload_day (like cost_project_workload_hour including all);

create table cost_project_label_hour (
    project text not null, bucket timestamptz not null, label_key text not null,
    label_value text not null, currency varchar(3) not null,
    cpu_cost bigint not null, memory_cost bigint not null, gpu_cost bigint not null,
    storage_cost bigint not null, total_cost bigint not null, idle_cost bigint not null,
    used_cost bigint not null, cpu_core_hours bigint not null,
    memory_gib_hours bigint not null, gpu_hours bigint not null,
    storage_gib_hours bigint not null,
    primary key (project, bucket, label_key, label_value, currency)
);
create table cost_project_label_day (like cost_project_label_hour including all);

-- Fleet reports read a time range across every cluster or project: an index by bucket for the tables they
-- read (the primary keys, led by the cluster, serve the reports of one cluster).
create index cost_cluster_hour_bucket on cost_cluster_hour (bucket);
create index cost_cluster_day_bucket on cost_cluster_day (bucket);
create index cost_node_hour_bucket on cost_node_hour (bucket);
create index cost_node_day_bucket on cost_node_day (bucket);
create index cost_project_namespace_hour_bucket on cost_project_namespace_hour (bucket);
create index cost_project_namespace_day_bucket on cost_project_namespace_day (bucket);
create index cost_project_workload_hour_bucket on cost_project_workload_hour (bucket);
create index cost_project_workload_day_bucket on cost_project_workload_day (bucket);
create index cost_project_label_hour_bucket on cost_project_label_hour (label_key, bucket);
create index cost_project_label_day_bucket on cost_project_label_day (label_key, bucket);
