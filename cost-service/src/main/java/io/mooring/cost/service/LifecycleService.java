package io.mooring.cost.service;

import io.mooring.cost.repository.ClusterRepository;
import io.mooring.events.MooringEvent;
import io.mooring.events.payload.ClusterDeleted;
import io.mooring.events.payload.ClusterImported;
import io.mooring.events.payload.ModeChanged;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Keeps the local view of clusters that cost reports are scoped by. An imported cluster accrues from its first
 * inventory; a deleted one is marked, and its history stays for billing.
 */
@ApplicationScoped
public class LifecycleService {

    private static final Logger LOG = Logger.getLogger(LifecycleService.class);

    private final ClusterRepository clusters;

    public LifecycleService(ClusterRepository clusters) {
        this.clusters = clusters;
    }

    public Uni<Void> apply(MooringEvent event) {
        if (event.clusterId() == null) {
            LOG.warnf("%s without a cluster id skipped", event.getClass().getSimpleName());
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().flatMap(session -> {
            if (event instanceof ClusterImported imported) {
                if (imported.project() == null) {
                    // Retrying cannot mend it; reports could not be scoped without a project.
                    LOG.warnf("ClusterImported of %s without a project skipped", imported.clusterId());
                    return Uni.createFrom().voidItem();
                }
                String type = ClusterTypes.normalise(imported.cloudType());
                return clusters.imported(session, imported.clusterId(), imported.project(), imported.name(), type,
                        ClusterTypes.provider(type), imported.importMode(), orNow(imported.occurredAt()));
            }
            if (event instanceof ModeChanged changed) {
                return clusters.modeChanged(session, changed.clusterId(), changed.to());
            }
            if (event instanceof ClusterDeleted deleted) {
                // A deletion of a cluster never seen: kept with what is known, visible to admins only if no project.
                return clusters.deleted(session, deleted.clusterId(), deleted.project() == null ? "" : deleted.project(),
                        orNow(deleted.occurredAt()));
            }
            return Uni.createFrom().voidItem();
        });
    }

    private static Instant orNow(Instant at) {
        return at == null ? Instant.now() : at;
    }
}
