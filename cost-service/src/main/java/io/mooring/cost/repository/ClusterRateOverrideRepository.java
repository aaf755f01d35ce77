package io.mooring.cost.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ClusterRateOverrideRepository implements PanacheRepositoryBase<ClusterRateOverrideRecord, UUID> {

    /** A cluster override with the cluster it belongs to. */
    public record WithCluster(ClusterRateOverrideRecord override, ClusterRecord cluster) {
    }

    /** Every cluster override with its cluster, by project, cluster name and id. */
    public Uni<List<WithCluster>> listWithClusters() {
        return getSession().flatMap(session -> session
                .createSelectionQuery("select o, c from ClusterRateOverrideRecord o, ClusterRecord c"
                        + " where c.id = o.clusterId order by c.project, c.name, c.id", Object[].class)
                .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new WithCluster((ClusterRateOverrideRecord) row[0], (ClusterRecord) row[1]))
                        .toList());
    }
}
