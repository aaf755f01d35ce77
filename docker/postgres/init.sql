-- One database per service (docs/architecture.md#data-ownership: no service reads another's database). The postgres image runs
-- this once, when its data volume is new; each service's Flyway migrations create the tables at start.
CREATE DATABASE mooring_registry;
CREATE DATABASE mooring_health;
CREATE DATABASE mooring_addon;
CREATE DATABASE mooring_cost;
CREATE DATABASE mooring_notification;
