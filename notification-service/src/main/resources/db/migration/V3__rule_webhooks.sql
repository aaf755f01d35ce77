-- A rule may name the webhooks it goes to. targeted says it did: a targeted rule whose webhooks were all deleted
-- since delivers nowhere rather than falling back to every webhook of the project (docs/notifications.md). The
-- rows go with their webhook (or rule) by cascade, so a deletion never leaves a rule naming an endpoint that is gone.
alter table notification_rule add column targeted boolean not null default false;

create table notification_rule_webhook (
    rule_id     uuid not null references notification_rule (id) on delete cascade,
    endpoint_id uuid not null references webhook_endpoint (id) on delete cascade,
    primary key (rule_id, endpoint_id)
);
create index notification_rule_webhook_by_endpoint on notification_rule_webhook (endpoint_id);
