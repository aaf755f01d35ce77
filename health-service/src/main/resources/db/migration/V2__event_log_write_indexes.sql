-- Every event batch updates the entries it touches and last_seen changes each time, so no update is HOT: each adds
-- a tuple to every index of cluster_event. Under 20,000 events/s from 1,000 clusters the six indexes made
-- PostgreSQL the largest consumer of CPU (bin/load-health). The namespace and reason filters are rarely
-- selective within one cluster (a namespace or a reason like BackOff holds a good part of its entries), so a page
-- of them is found quickly by walking cluster_event_newest and filtering; the object filter, which picks a few
-- entries out of many, keeps its index. A rare reason costs at worst a walk over that cluster's entries, which
-- deduplication and retention bound.
drop index cluster_event_namespace;
drop index cluster_event_reason;
