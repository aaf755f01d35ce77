-- Rules, per project: what to watch (trigger), optionally on one cluster only, and how long to stay quiet after
-- an alert. A budget rule carries its monthly amount and the percentages it alerts at ("80,100").
create table notification_rule (
    id                   uuid primary key,
    project              text not null,
    name                 text not null,
    trigger              text not null,
    cluster_id           uuid,
    quiet_period_seconds bigint not null,
    budget_amount        numeric(18, 4),
    budget_thresholds    text,
    created_by           text not null,
    created_at           timestamptz not null,
    unique (project, name)
);
create index notification_rule_by_project on notification_rule (project, trigger);

-- Webhook endpoints, per project: every rule of the project delivers to every enabled endpoint of it. The
-- secret is kept as issued: signing needs it on every attempt (it is shown to the user once, at creation).
create table webhook_endpoint (
    id                   uuid primary key,
    project              text not null,
    name                 text not null,
    url                  text not null,
    format               text not null,
    secret               text not null,
    enabled              boolean not null,
    disabled_reason      text,
    disabled_at          timestamptz,
    consecutive_failures integer not null default 0,
    created_by           text not null,
    created_at           timestamptz not null,
    unique (project, name)
);

-- What each stateful rule last told about one thing (a cluster's connectivity or health, an add-on layer), and
-- the latest condition seen, held while the rule's quiet period runs. Budget rules keep the highest percentage
-- told per month here too (subject 'budget:<yyyy-mm>'). scope is the cluster id, or 'project' for a project budget.
create table alert_state (
    -- rule_id/scope/subject in one: a single-column key the reactive ORM can lock by.
    id                 text primary key,
    rule_id            uuid not null references notification_rule (id) on delete cascade,
    scope              text not null,
    subject            text not null,
    cluster_id         uuid,
    last_told          text,
    last_told_problem  boolean not null default false,
    last_told_at       timestamptz,
    latest             text,
    latest_problem     boolean not null default false,
    latest_signal      text,
    latest_at          timestamptz,
    -- When the quiet period holding latest_signal ends; null when nothing is held.
    held_until         timestamptz
);
create index alert_state_held on alert_state (held_until) where held_until is not null;

-- The durable delivery queue and its log. One row per alert and endpoint: the CloudEvent id is the idempotency
-- id, so the same alert is never queued twice for an endpoint. order_key keeps one cluster's alerts in order per
-- endpoint (the cluster id, or the project for project-wide alerts).
create table webhook_delivery (
    id               bigserial primary key,
    endpoint_id      uuid not null references webhook_endpoint (id) on delete cascade,
    event_id         uuid not null,
    event_type       text not null,
    rule_id          uuid,
    order_key        text not null,
    body             text not null,
    status           text not null,
    attempts         integer not null default 0,
    redeliveries     integer not null default 0,
    next_attempt_at  timestamptz not null,
    last_attempt_at  timestamptz,
    last_status_code integer,
    last_error       text,
    latency_ms       bigint,
    created_at       timestamptz not null,
    delivered_at     timestamptz,
    unique (endpoint_id, event_id)
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'pending';
create index webhook_delivery_order on webhook_delivery (endpoint_id, order_key, id) where status = 'pending';
create index webhook_delivery_log on webhook_delivery (endpoint_id, id desc);

-- Month-to-date cost per cluster, as cost-service last published it (CostAccrued).
create table cluster_cost (
    cluster_id   uuid not null,
    month        text not null,
    project      text not null,
    amount       numeric(18, 4) not null,
    currency     text not null,
    observed_at  timestamptz not null,
    primary key (cluster_id, month)
);
create index cluster_cost_by_project on cluster_cost (project, month);
