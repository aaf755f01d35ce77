-- Issue #12: agents behind a corporate proxy or a private CA.
--
-- The import request may give an HTTPS proxy (http://host:port, never credentials), hosts reached without it, and
-- CA certificates the agent trusts for the platform besides its JVM's. They stay with the cluster, so every import
-- command issued later (a reissue, a migration) carries them; PATCH replaces them. The bundle holds only the PEM of
-- its certificates (public material); nothing here is a secret.
alter table cluster add column agent_https_proxy varchar(2048);
-- Comma separated, as NO_PROXY has it: at most 100 entries of at most 253 characters.
alter table cluster add column agent_no_proxy varchar(25400);
alter table cluster add column agent_ca_bundle varchar(65536);
