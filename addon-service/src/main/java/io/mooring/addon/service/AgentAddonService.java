package io.mooring.addon.service;

import io.mooring.addon.domain.RenderedLayer;
import io.mooring.addon.repository.AttachmentRecord;
import io.mooring.addon.repository.AttachmentRepository;
import io.mooring.addon.repository.ClusterRecord;
import io.mooring.addon.repository.ClusterRepository;
import io.mooring.addon.repository.LayerStatusRecord;
import io.mooring.addon.repository.LayerStatusRepository;
import io.mooring.addon.repository.RemovalRecord;
import io.mooring.addon.repository.RemovalRepository;
import io.mooring.events.addons.DesiredLayer;
import io.mooring.events.addons.DesiredProfile;
import io.mooring.events.addons.DesiredState;
import io.mooring.events.addons.LayerState;
import io.mooring.events.addons.LayerStatusUpdate;
import io.mooring.events.addons.ObjectRef;
import io.mooring.events.addons.RemovedObjects;
import io.mooring.events.addons.StatusReport;
import io.mooring.events.addons.StatusReportResult;
import io.mooring.events.payload.AddonDeploymentChanged;
import io.mooring.support.api.ProblemException;
import io.mooring.support.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.LongPredicate;

/** What the agents talk to: the desired state of their cluster and their status reports. */
@ApplicationScoped
public class AgentAddonService {

    private final ClusterRepository clusters;
    private final AttachmentRepository attachments;
    private final LayerStatusRepository statuses;
    private final RemovalRepository removals;
    private final Outbox outbox;
    private final StoredJson json;

    public AgentAddonService(ClusterRepository clusters, AttachmentRepository attachments,
            LayerStatusRepository statuses, RemovalRepository removals, Outbox outbox, StoredJson json) {
        this.clusters = clusters;
        this.attachments = attachments;
        this.statuses = statuses;
        this.removals = removals;
        this.outbox = outbox;
        this.json = json;
    }

    /** The desired state, or null (with its revision) when {@code unchangedRevision} says the agent has it. */
    public record Answer(long revision, DesiredState state) {
    }

    /**
     * The cluster's desired state; {@code matches} is asked whether the agent already holds a revision (its
     * {@code If-None-Match}), in which case only the revision is answered. A cluster addon-service has not heard
     * of yet has revision 0 and nothing attached.
     */
    public Uni<Answer> desiredState(UUID clusterId, LongPredicate matches) {
        return Panache.withSession(() -> clusters.findById(clusterId).flatMap(cluster -> {
            long revision = cluster == null ? 0 : cluster.revision;
            if (cluster != null && cluster.deleted) {
                throw deleted();
            }
            if (matches.test(revision)) {
                return Uni.createFrom().item(new Answer(revision, null));
            }
            if (cluster == null) {
                return Uni.createFrom().item(new Answer(0, new DesiredState(clusterId, 0, List.of(), List.of())));
            }
            return attachments.inApplyOrder(clusterId).flatMap(attached -> removals.ofCluster(clusterId)
                    .map(removed -> new Answer(revision,
                            new DesiredState(clusterId, revision, profiles(attached), removed(removed)))));
        }));
    }

    private List<DesiredProfile> profiles(List<AttachmentRecord> attached) {
        List<DesiredProfile> profiles = new ArrayList<>(attached.size());
        for (AttachmentRecord attachment : attached) {
            List<DesiredLayer> layers = new ArrayList<>();
            for (RenderedLayer layer : json.rendered(attachment.rendered)) {
                layers.add(new DesiredLayer(layer.name(), layer.order(), layer.source(), layer.namespace(),
                        layer.objects(), layer.adoptExisting()));
            }
            profiles.add(new DesiredProfile(attachment.id, attachment.profile, attachment.version,
                    attachment.generation, layers));
        }
        return profiles;
    }

    private static List<RemovedObjects> removed(List<RemovalRecord> removed) {
        Map<String, List<RemovalRecord>> groups = new LinkedHashMap<>();
        for (RemovalRecord removal : removed) {
            groups.computeIfAbsent(removal.attachmentId + "/" + removal.layer, k -> new ArrayList<>()).add(removal);
        }
        List<RemovedObjects> result = new ArrayList<>();
        for (List<RemovalRecord> group : groups.values()) {
            RemovalRecord first = group.get(0);
            List<ObjectRef> refs = group.stream().map(r -> r.identity().toRef()).distinct().toList();
            result.add(new RemovedObjects(first.attachmentId, first.profile, first.layer, refs));
        }
        return result;
    }

    /**
     * Records the layers' states the agent reports; a state that did not change is not recorded again nor
     * published. Updates about other clusters' attachments, unknown layers or other generations are ignored and
     * listed as such.
     */
    public Uni<StatusReportResult> report(UUID clusterId, StatusReport report) {
        Violations violations = new Violations();
        for (int i = 0; i < report.layers().size(); i++) {
            LayerStatusUpdate update = report.layers().get(i);
            if (update.status() == LayerState.FAILED && (update.message() == null || update.message().isBlank())) {
                violations.add("layers[" + i + "].message", "a Failed layer needs a message saying why");
            }
        }
        violations.throwIfAny("The status report is not valid.");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> clusters.lock(clusterId).flatMap(cluster -> {
            if (cluster != null && cluster.deleted) {
                throw deleted();
            }
            if (cluster == null) {
                return Uni.createFrom().item(new StatusReportResult(0, report.layers().stream()
                        .map(u -> new StatusReportResult.Ignored(u.attachmentId(), u.layer(),
                                "no add-on profile is attached to this cluster"))
                        .toList()));
            }
            return attachments.list("clusterId", clusterId).flatMap(attached -> {
                Map<UUID, AttachmentRecord> byId = new HashMap<>();
                attached.forEach(a -> byId.put(a.id, a));
                return statuses.of(byId.keySet()).flatMap(layerStatuses -> {
                    Map<String, LayerStatusRecord> byLayer = new HashMap<>();
                    layerStatuses.forEach(s -> byLayer.put(s.attachmentId + "/" + s.layer, s));
                    List<StatusReportResult.Ignored> ignored = new ArrayList<>();
                    int[] changed = {0};
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (LayerStatusUpdate update : report.layers()) {
                        AttachmentRecord attachment = byId.get(update.attachmentId());
                        if (attachment == null) {
                            ignored.add(new StatusReportResult.Ignored(update.attachmentId(), update.layer(),
                                    "no such attachment on this cluster (detached, or never attached)"));
                            continue;
                        }
                        if (update.generation() != attachment.generation) {
                            ignored.add(new StatusReportResult.Ignored(update.attachmentId(), update.layer(),
                                    "generation " + update.generation() + " is not the attachment's current "
                                            + "generation " + attachment.generation));
                            continue;
                        }
                        LayerStatusRecord status = byLayer.get(update.attachmentId() + "/" + update.layer());
                        if (status == null) {
                            ignored.add(new StatusReportResult.Ignored(update.attachmentId(), update.layer(),
                                    "the attachment has no layer '" + update.layer() + "'"));
                            continue;
                        }
                        String message = blankToNull(update.message());
                        String next = update.status().wire();
                        if (next.equals(status.status) && Objects.equals(message, status.message)) {
                            continue;
                        }
                        String previous = status.status;
                        status.status = next;
                        status.message = message;
                        status.updatedAt = now;
                        changed[0]++;
                        chain = chain.flatMap(v -> outbox.add(new AddonDeploymentChanged(clusterId, cluster.project,
                                attachment.id, attachment.profile, attachment.version, status.layer, previous, next,
                                message, now)));
                    }
                    return chain.flatMap(v -> pruned(cluster, report.prunedRevision()))
                            .map(v -> new StatusReportResult(changed[0], ignored));
                });
            });
        }));
    }

    /** Forgets removals the agent has pruned; the desired state changed, so its revision moves on. */
    private Uni<Void> pruned(ClusterRecord cluster, Long prunedRevision) {
        if (prunedRevision == null) {
            return Uni.createFrom().voidItem();
        }
        long through = Math.min(prunedRevision, cluster.revision);
        return removals.prunedThrough(cluster.clusterId, through).map(count -> {
            if (count > 0) {
                cluster.revision++;
                cluster.updatedAt = Instant.now();
            }
            return null;
        });
    }

    private static String blankToNull(String message) {
        return message == null || message.isBlank() ? null : message.strip();
    }

    private static ProblemException deleted() {
        return ProblemException.forbidden("This cluster has been deleted; its agent is refused.");
    }
}
