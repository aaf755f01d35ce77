package io.mooring.addon.service;

import io.mooring.addon.repository.AttachmentRepository;
import io.mooring.addon.repository.ClusterRecord;
import io.mooring.events.capability.Capabilities;
import io.mooring.events.capability.Capability;
import io.mooring.events.capability.Operation;
import io.mooring.support.api.ProblemException;
import io.mooring.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Attaching profile versions to clusters, changing and detaching them, and reading them back, for a caller who
 * must see the cluster. A change is planned in a session ({@link AttachmentPlanner}), rendered with overrides on a
 * render worker outside any transaction, and written ({@link AttachmentWriter}) in a transaction that holds the
 * cluster's row lock and checks the cluster's mode again.
 */
@ApplicationScoped
public class AttachmentService {

    private final ClusterAccess clusters;
    private final AttachmentRepository attachments;
    private final AttachmentPlanner planner;
    private final AttachmentWriter writer;
    private final AttachmentReader reader;

    public AttachmentService(ClusterAccess clusters, AttachmentRepository attachments, AttachmentPlanner planner,
            AttachmentWriter writer, AttachmentReader reader) {
        this.clusters = clusters;
        this.attachments = attachments;
        this.planner = planner;
        this.writer = writer;
        this.reader = reader;
    }

    /** The attachment after the call, and whether the call changed anything (false: a replay or no change). */
    public record Outcome(AttachmentSnapshot attachment, boolean changed) {
    }

    public Uni<List<AttachmentSnapshot>> list(UUID clusterId, Caller caller, String afterProfile, int limit) {
        return Panache.withSession(() -> visibleCluster(clusterId, caller)
                .flatMap(cluster -> reader.page(clusterId, afterProfile, limit)));
    }

    public Uni<AttachmentSnapshot> get(UUID clusterId, String profile, Caller caller) {
        return Panache.withSession(() -> visibleCluster(clusterId, caller)
                .flatMap(cluster -> reader.get(clusterId, profile)));
    }

    /**
     * Attaches a version with {@code values} overriding chart layers' values (by layer; null: none). A repeated
     * {@code idempotencyKey} answers the first result.
     */
    public Uni<Outcome> attach(UUID clusterId, String profile, String version, Map<String, Object> values,
            String idempotencyKey, Caller caller) {
        // Access first, then the values: a caller who may not attach here costs no parsing. (Without values the
        // capability is checked by plan, which names the infrastructure-profile reason first.)
        return Panache.withSession(() -> visibleCluster(clusterId, caller).flatMap(cluster -> {
                    if (values != null) {
                        requireCapable(cluster, Operation.ATTACH_ADDON_PROFILE);
                    }
                    Map<String, Map<String, Object>> overrides = AttachmentPlanner.readOverrides(values);
                    return planner.replay(clusterId, idempotencyKey, profile, version, overrides)
                                .flatMap(replayed -> replayed != null
                                        ? Uni.createFrom().item(AttachmentPlan.unchanged(replayed))
                                        : planner.plan(cluster, profile, version, overrides,
                                                Operation.ATTACH_ADDON_PROFILE, null));
                }))
                .flatMap(plan -> plan.unchanged() != null
                        ? Uni.createFrom().item(new Outcome(plan.unchanged(), false))
                        : planner.render(profile, plan).flatMap(layers -> Panache.withTransaction(() -> {
                            Instant now = now();
                            return lockedCluster(plan.clusterId(), caller, Operation.ATTACH_ADDON_PROFILE)
                                    .flatMap(cluster -> writer.attach(cluster, plan, layers, profile,
                                            idempotencyKey, caller, now));
                        })));
    }

    /** Replaces the attached version and overrides; the layers are rendered again and go back to Pending. */
    public Uni<Outcome> update(UUID clusterId, String profile, String version, Map<String, Object> values,
            Caller caller) {
        return Panache.withSession(() -> visibleCluster(clusterId, caller).flatMap(cluster ->
                        attachments.find(clusterId, profile).flatMap(existing -> {
                            if (existing == null) {
                                throw AttachmentReader.notAttached(profile);
                            }
                            if (values != null) {
                                requireCapable(cluster, Operation.UPDATE_ADDON_PROFILE);
                            }
                            Map<String, Map<String, Object>> overrides = AttachmentPlanner.readOverrides(values);
                            return planner.plan(cluster, profile, version, overrides,
                                    Operation.UPDATE_ADDON_PROFILE, existing);
                        })))
                .flatMap(plan -> plan.unchanged() != null
                        ? Uni.createFrom().item(new Outcome(plan.unchanged(), false))
                        : planner.render(profile, plan).flatMap(layers -> Panache.withTransaction(() -> {
                            Instant now = now();
                            return lockedCluster(plan.clusterId(), caller, Operation.UPDATE_ADDON_PROFILE)
                                    .flatMap(cluster -> writer.update(cluster, plan, layers, profile, caller, now));
                        })));
    }

    public Uni<Void> detach(UUID clusterId, String profile, Caller caller) {
        Instant now = now();
        return Panache.withTransaction(() -> lockedCluster(clusterId, caller, null)
                .flatMap(cluster -> writer.detach(cluster, profile, now)));
    }

    // ---- the cluster: visible to the caller, and in a mode that allows the operation ------------------------

    /** The cluster when the caller may see it; 404 for an unknown, deleted or invisible cluster alike. */
    Uni<ClusterRecord> visibleCluster(UUID clusterId, Caller caller) {
        return clusters.visible(clusterId, caller);
    }

    private Uni<ClusterRecord> lockedCluster(UUID clusterId, Caller caller, Operation operation) {
        return clusters.locked(clusterId, caller).map(cluster -> {
            if (operation != null) {
                requireCapable(cluster, operation);
            }
            return cluster;
        });
    }

    static void requireCapable(ClusterRecord cluster, Operation operation) {
        Capability capability = Capabilities.check(operation, cluster.mode);
        if (!capability.allowed()) {
            throw ProblemException.notCapable(capability.reason());
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
