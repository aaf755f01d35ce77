-- The identity an agent proves when it comes back without its stored credential (its pod was rescheduled and
-- the emptyDir with the credential is gone): the UID of the cluster's kube-system namespace, recorded when an
-- agent registers with a fresh import token. Clusters that registered before this column existed stay null and
-- need a new import command to be bound.
alter table cluster add column cluster_uid varchar(128);
alter table cluster add column re_registrations integer not null default 0;
alter table cluster add column last_re_registered_at timestamptz;

-- A spent import token is what a rescheduled agent still holds; the purge must keep it while it is the cluster's
-- latest. Looking up "the cluster's latest token" walks this index.
create index import_token_cluster_created on import_token (cluster_id, created_at);
drop index import_token_cluster;
