package io.mooring.addon.service;

import io.mooring.addon.repository.AttachmentRepository;
import io.mooring.addon.repository.ClusterRecord;
import io.mooring.addon.repository.ClusterRepository;
import io.mooring.addon.repository.RemovalRepository;
import io.mooring.events.MooringEvent;
import io.mooring.events.payload.ClusterConnected;
import io.mooring.events.payload.ClusterDeleted;
import io.mooring.events.payload.ClusterImported;
import io.mooring.events.payload.ModeChanged;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps what addon-service knows of clusters, from the lifecycle events (never by asking the registry): project,
 * name and mode. A deleted cluster loses its attachments and stays as a tombstone, so nothing brings it back.
 * Runs inside the idempotent consumer's transaction.
 */
@ApplicationScoped
public class ClusterLifecycle {

    private static final Logger LOG = Logger.getLogger(ClusterLifecycle.class);

    private final ClusterRepository clusters;
    private final AttachmentRepository attachments;
    private final RemovalRepository removals;

    public ClusterLifecycle(ClusterRepository clusters, AttachmentRepository attachments, RemovalRepository removals) {
        this.clusters = clusters;
        this.attachments = attachments;
        this.removals = removals;
    }

    public Uni<Void> apply(MooringEvent event) {
        if (event instanceof ClusterImported imported) {
            return upsert(imported.clusterId(), imported.project(), imported.name(), imported.importMode());
        }
        if (event instanceof ClusterConnected connected) {
            return upsert(connected.clusterId(), connected.project(), null, connected.importMode());
        }
        if (event instanceof ModeChanged changed) {
            return upsert(changed.clusterId(), changed.project(), null, changed.to());
        }
        if (event instanceof ClusterDeleted deleted) {
            return delete(deleted.clusterId(), deleted.project());
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> upsert(UUID clusterId, String project, String name, String mode) {
        return clusters.lock(clusterId).flatMap(cluster -> {
            if (cluster == null) {
                ClusterRecord created = new ClusterRecord();
                created.clusterId = clusterId;
                created.project = project;
                created.name = name;
                created.mode = mode;
                created.updatedAt = Instant.now();
                return clusters.persist(created).replaceWithVoid();
            }
            if (cluster.deleted) {
                LOG.debugf("Ignoring a lifecycle event of deleted cluster %s", clusterId);
                return Uni.createFrom().voidItem();
            }
            if (project != null) {
                cluster.project = project;
            }
            if (name != null) {
                cluster.name = name;
            }
            if (mode != null) {
                cluster.mode = mode;
            }
            cluster.updatedAt = Instant.now();
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> delete(UUID clusterId, String project) {
        return clusters.lock(clusterId).flatMap(cluster -> {
            ClusterRecord tombstone = cluster;
            Uni<Void> created = Uni.createFrom().voidItem();
            if (tombstone == null) {
                tombstone = new ClusterRecord();
                tombstone.clusterId = clusterId;
                tombstone.project = project;
                tombstone.mode = "deleted";
                ClusterRecord persisted = tombstone;
                created = clusters.persist(persisted).replaceWithVoid();
            }
            ClusterRecord gone = tombstone;
            gone.deleted = true;
            gone.revision++;
            gone.updatedAt = Instant.now();
            // Layer statuses and owned objects go with their attachments (on delete cascade).
            return created.flatMap(v -> attachments.delete("clusterId", clusterId))
                    .flatMap(count -> removals.deleteOfCluster(clusterId))
                    .replaceWithVoid();
        });
    }
}
