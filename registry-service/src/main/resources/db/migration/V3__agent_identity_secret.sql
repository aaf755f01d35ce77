-- Issue #11: a spent import token is no longer a lasting credential.
--
-- The manifest URL carries its own handle, not the import token: gateway access logs hold the handle, which opens
-- the manifest only until the cluster's agent registered. The token the manifest's Secret holds is kept sealed
-- with the handle (AES-GCM, key derived from the handle, which is stored only hashed), so the database alone does
-- not reveal it, and the seal is dropped once the token is spent. Rows from before have no handle: their URL is
-- the token itself, as before, until they expire.
alter table import_token add column manifest_hash varchar(64) unique;
alter table import_token add column sealed_token bytea;
alter table import_token add column seal_nonce bytea;

-- The re-registration secret a first registration hands the agent (kept in a Secret of the agent's own
-- namespace); a spent token re-registers only with it. A re-registration moves the refresh secret it replaced to
-- superseded_hash: that secret presented again within the conflict window means two agents share the identity.
alter table agent_secret add column re_registration_hash varchar(64);
alter table agent_secret add column superseded_hash varchar(64);
alter table agent_secret add column superseded_at timestamptz;

-- Two agents fighting over the cluster's identity: both are refused until an operator reissues the import command.
alter table cluster add column identity_conflict_at timestamptz;
alter table cluster add column identity_conflict_reason varchar(500);
