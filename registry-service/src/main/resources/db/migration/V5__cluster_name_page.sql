-- Sorting the cluster list by name pages through this index as the default order pages through cluster_page.
create index cluster_name_page on cluster (name, id);
