package io.mooring.cost.service;

import io.mooring.cost.repository.ClusterRepository;
import io.mooring.events.payload.ClusterImported;
import io.mooring.support.clusters.ClusterChange;
import io.mooring.support.clusters.ClusterEntry;
import io.mooring.support.clusters.ClusterReactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * cost-service's reactions to the lifecycle events, once the shared cluster directory has taken them in: the
 * pricing columns of its cluster record (the cloud type it is priced as, the provider reports group by) and the
 * project reports are scoped by. An imported cluster accrues from its first inventory; a deleted one is marked,
 * and its history stays for billing.
 */
@ApplicationScoped
public class LifecycleService implements ClusterReactions {

    private static final Logger LOG = Logger.getLogger(LifecycleService.class);

    private final ClusterRepository clusters;
    private final Clock clock;

    public LifecycleService(ClusterRepository clusters, Clock clock) {
        this.clusters = clusters;
        this.clock = clock;
    }

    @Override
    public Uni<Void> react(ClusterChange change) {
        ClusterEntry cluster = change.entry();
        Instant now = clock.instant();
        return Panache.getSession().flatMap(session -> switch (change.kind()) {
            case CREATED, UPDATED -> {
                if (!(change.event() instanceof ClusterImported)) {
                    // ClusterConnected and ModeChanged change only the mode of a cluster cost already prices.
                    yield clusters.modeChanged(session, cluster.clusterId(), cluster.importMode(), now);
                }
                if (cluster.project() == null) {
                    // Retrying cannot mend it; reports could not be scoped without a project.
                    LOG.warnf("ClusterImported of %s without a project skipped", cluster.clusterId());
                    yield Uni.createFrom().voidItem();
                }
                String type = ClusterTypes.normalise(cluster.cloudType());
                yield clusters.imported(session, cluster.clusterId(), cluster.project(), cluster.name(), type,
                        ClusterTypes.provider(type), cluster.importMode(), cluster.importedAt(), now);
            }
            // A deletion of a cluster never seen: kept with what is known, visible to admins only if no project.
            case DELETED -> clusters.deleted(session, cluster.clusterId(),
                    cluster.project() == null ? "" : cluster.project(), cluster.deletedAt(), now);
            case IGNORED, OTHER -> Uni.createFrom().voidItem();
        });
    }
}
