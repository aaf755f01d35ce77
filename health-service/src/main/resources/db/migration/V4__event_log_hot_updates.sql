-- An event-log entry is updated every time its event recurs, and until now every update moved last_seen, which
-- three indexes held, so no update was HOT: each one wrote a new tuple into all four indexes and left a dead tuple
-- in each, which only VACUUM removes. Under 20,000 events/s from 1,000 clusters that churn, not the rows, made
-- PostgreSQL the bottleneck (decision 0012's amendment "HOT updates").
--
-- The indexes now hold seen_mark instead: last_seen rounded down lazily, moved to last_seen only when last_seen
-- has gone five minutes past it (EventRepository.MARK_LAG), so seen_mark <= last_seen < seen_mark + 5 minutes.
-- An update that moves last_seen alone changes no indexed column and, with room left on its page (fillfactor),
-- is HOT: the new version goes on the same page, no index changes, and the next reader of the page prunes the
-- old one without VACUUM. Each entry moves its mark on its own schedule, so the non-HOT updates are spread out
-- rather than all at a bucket boundary. Readers find the newest entries through the marks and order by last_seen.
alter table cluster_event add column seen_mark timestamptz;
update cluster_event set seen_mark = last_seen;
alter table cluster_event alter column seen_mark set not null;
-- Pages written from now on keep 30% free for the new versions of their rows.
alter table cluster_event set (fillfactor = 70);

drop index cluster_event_newest;
drop index cluster_event_object;
drop index cluster_event_age;
create index cluster_event_newest on cluster_event (cluster_id, seen_mark desc);
create index cluster_event_object on cluster_event (cluster_id, object_kind, object_name, seen_mark desc);
create index cluster_event_age on cluster_event (seen_mark);
