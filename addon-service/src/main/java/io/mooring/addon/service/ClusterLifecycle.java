package io.mooring.addon.service;

import io.mooring.addon.repository.AttachmentRepository;
import io.mooring.addon.repository.ClusterRecord;
import io.mooring.addon.repository.ClusterRepository;
import io.mooring.addon.repository.RemovalRepository;
import io.mooring.support.clusters.ClusterChange;
import io.mooring.support.clusters.ClusterEntry;
import io.mooring.support.clusters.ClusterReactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * addon-service's reactions to the lifecycle events, once the shared cluster directory has taken them in. Its
 * cluster row carries the desired-state revision and is the lock every attachment change takes; it mirrors the
 * directory's project, name, mode and tombstone so that what is read under that lock is consistent. A deleted
 * cluster loses its attachments and pending removals. Runs inside the idempotent consumer's transaction.
 */
@ApplicationScoped
public class ClusterLifecycle implements ClusterReactions {

    private static final Logger LOG = Logger.getLogger(ClusterLifecycle.class);

    private final ClusterRepository clusters;
    private final AttachmentRepository attachments;
    private final RemovalRepository removals;
    private final Clock clock;

    public ClusterLifecycle(ClusterRepository clusters, AttachmentRepository attachments, RemovalRepository removals,
            Clock clock) {
        this.clusters = clusters;
        this.attachments = attachments;
        this.removals = removals;
        this.clock = clock;
    }

    @Override
    public Uni<Void> react(ClusterChange change) {
        return switch (change.kind()) {
            case CREATED, UPDATED -> mirror(change.entry()).replaceWithVoid();
            case DELETED -> mirror(change.entry()).flatMap(gone -> {
                gone.revision++;
                // Layer statuses and owned objects go with their attachments (on delete cascade).
                return attachments.delete("clusterId", gone.clusterId)
                        .flatMap(count -> removals.deleteOfCluster(gone.clusterId));
            }).replaceWithVoid();
            case IGNORED -> {
                LOG.debugf("Ignoring a lifecycle event of deleted cluster %s", change.event().clusterId());
                yield Uni.createFrom().voidItem();
            }
            case OTHER -> Uni.createFrom().voidItem();
        };
    }

    /** The cluster's row, locked, created if needed, with the directory's view of the cluster. */
    private Uni<ClusterRecord> mirror(ClusterEntry entry) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return clusters.lock(entry.clusterId()).flatMap(found -> {
            ClusterRecord cluster = found != null ? found : new ClusterRecord();
            cluster.clusterId = entry.clusterId();
            cluster.project = entry.project();
            cluster.name = entry.name();
            cluster.mode = entry.importMode();
            cluster.deleted = entry.deleted();
            cluster.updatedAt = now;
            return found != null ? Uni.createFrom().item(cluster) : clusters.persist(cluster);
        });
    }
}
