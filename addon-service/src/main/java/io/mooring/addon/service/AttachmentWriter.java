package io.mooring.addon.service;

import io.mooring.addon.domain.LayerStatuses;
import io.mooring.addon.domain.ObjectIdentity;
import io.mooring.addon.domain.RenderedLayer;
import io.mooring.addon.repository.AttachmentRecord;
import io.mooring.addon.repository.AttachmentRepository;
import io.mooring.addon.repository.ClusterRecord;
import io.mooring.addon.repository.LayerStatusRecord;
import io.mooring.addon.repository.LayerStatusRepository;
import io.mooring.addon.repository.OwnedObjectRecord;
import io.mooring.addon.repository.OwnedObjectRepository;
import io.mooring.addon.repository.ProfileVersionRecord;
import io.mooring.addon.repository.ProfileVersionRepository;
import io.mooring.addon.repository.RemovalRecord;
import io.mooring.addon.repository.RemovalRepository;
import io.mooring.events.addons.LayerState;
import io.mooring.events.capability.Operation;
import io.mooring.events.payload.AddonDeploymentChanged;
import io.mooring.support.api.ProblemException;
import io.mooring.support.outbox.Outbox;
import io.mooring.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Writes a planned change of a cluster's attachments inside the transaction that holds the cluster's row lock: it
 * re-checks what the plan was made from (the version still exists, no other attachment owns the objects), records
 * the objects each attachment owns and those the agent is to prune, bumps the cluster's desired-state revision and
 * publishes each layer's new state through the outbox.
 */
@ApplicationScoped
public class AttachmentWriter {

    private final ProfileVersionRepository versions;
    private final AttachmentRepository attachments;
    private final LayerStatusRepository statuses;
    private final OwnedObjectRepository owned;
    private final RemovalRepository removals;
    private final Outbox outbox;
    private final StoredJson json;
    private final AttachmentReader reader;

    public AttachmentWriter(ProfileVersionRepository versions, AttachmentRepository attachments,
            LayerStatusRepository statuses, OwnedObjectRepository owned, RemovalRepository removals, Outbox outbox,
            StoredJson json, AttachmentReader reader) {
        this.versions = versions;
        this.attachments = attachments;
        this.statuses = statuses;
        this.owned = owned;
        this.removals = removals;
        this.outbox = outbox;
        this.json = json;
        this.reader = reader;
    }

    /** Attaches as planned: the cluster is locked and capable; re-checks the version and the objects' owners. */
    Uni<AttachmentService.Outcome> attach(ClusterRecord cluster, AttachmentPlan plan, List<RenderedLayer> layers,
            String profile, String idempotencyKey, Caller caller, Instant now) {
        return lockedVersion(plan.version())
                .flatMap(version -> attachments.find(cluster.clusterId, profile))
                .flatMap(existing -> {
                    if (existing != null) {
                        if (idempotencyKey != null && idempotencyKey.equals(existing.idempotencyKey)) {
                            return reader.snapshot(existing).map(v -> new AttachmentService.Outcome(v, false));
                        }
                        throw alreadyAttached(profile);
                    }
                    AttachmentRecord attachment = new AttachmentRecord();
                    attachment.id = UUID.randomUUID();
                    attachment.clusterId = cluster.clusterId;
                    attachment.project = cluster.project == null ? "" : cluster.project;
                    attachment.profile = profile;
                    attachment.profileVersionId = plan.version().id;
                    attachment.version = plan.version().version;
                    attachment.overrides = json.write(plan.overrides());
                    attachment.rendered = json.write(layers);
                    attachment.generation = 1;
                    attachment.idempotencyKey = idempotencyKey;
                    attachment.createdAt = now;
                    attachment.createdBy = caller.name();
                    attachment.updatedAt = now;
                    attachment.updatedBy = caller.name();
                    return checkConflicts(cluster.clusterId, null, layers)
                            .flatMap(v -> attachments.persistAndFlush(attachment))
                            .flatMap(v -> own(attachment, layers))
                            .flatMap(v -> forgetRemovals(cluster.clusterId, layers))
                            .flatMap(v -> {
                                cluster.revision++;
                                List<LayerStatusRecord> created = new ArrayList<>();
                                Uni<Void> chain = Uni.createFrom().voidItem();
                                for (RenderedLayer layer : layers) {
                                    LayerStatusRecord status = pending(attachment.id, layer, now);
                                    created.add(status);
                                    chain = chain.flatMap(x -> statuses.persist(status).replaceWithVoid())
                                            .flatMap(x -> publish(cluster, attachment, layer.name(), null,
                                                    status.status, null, now));
                                }
                                return chain.map(x -> new AttachmentService.Outcome(
                                        reader.snapshot(attachment, layers, created), true));
                            });
                });
    }

    /** Changes the version or overrides as planned: objects no longer rendered are listed for pruning. */
    Uni<AttachmentService.Outcome> update(ClusterRecord cluster, AttachmentPlan plan, List<RenderedLayer> layers,
            String profile, Caller caller, Instant now) {
        return lockedVersion(plan.version())
                .flatMap(version -> attachments.find(cluster.clusterId, profile))
                .flatMap(attachment -> {
                    if (attachment == null) {
                        throw AttachmentReader.notAttached(profile);
                    }
                    return checkConflicts(cluster.clusterId, attachment.id, layers)
                            .flatMap(v -> owned.list("attachmentId", attachment.id))
                            .flatMap(before -> {
                                cluster.revision++;
                                Set<String> after = layers.stream()
                                        .flatMap(l -> l.identities().stream())
                                        .map(ObjectIdentity::key).collect(Collectors.toSet());
                                List<RemovalRecord> dropped = before.stream()
                                        .filter(o -> !after.contains(o.identity().key()))
                                        .map(o -> RemovalRecord.of(cluster.clusterId, attachment.id, profile,
                                                o.layer, o.identity(), cluster.revision, now))
                                        .toList();
                                attachment.profileVersionId = plan.version().id;
                                attachment.version = plan.version().version;
                                attachment.overrides = json.write(plan.overrides());
                                attachment.rendered = json.write(layers);
                                attachment.generation++;
                                attachment.updatedAt = now;
                                attachment.updatedBy = caller.name();
                                // Bulk delete first: it runs at once, before the new rows are inserted.
                                return owned.deleteOfAttachment(attachment.id)
                                        .flatMap(x -> own(attachment, layers))
                                        .flatMap(x -> forgetRemovals(cluster.clusterId, layers))
                                        // persist() of nothing fails ("The Uni set is empty").
                                        .flatMap(x -> dropped.isEmpty() ? Uni.createFrom().voidItem()
                                                : removals.persist(dropped))
                                        .flatMap(x -> resetStatuses(cluster, attachment, layers, now));
                            });
                });
    }

    private Uni<AttachmentService.Outcome> resetStatuses(ClusterRecord cluster, AttachmentRecord attachment,
            List<RenderedLayer> layers, Instant now) {
        return statuses.list("attachmentId", attachment.id).flatMap(existing -> {
            Map<String, LayerStatusRecord> byLayer = new HashMap<>();
            existing.forEach(s -> byLayer.put(s.layer, s));
            Set<String> kept = layers.stream().map(RenderedLayer::name).collect(Collectors.toSet());
            List<LayerStatusRecord> current = new ArrayList<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (RenderedLayer layer : layers) {
                LayerStatusRecord status = byLayer.get(layer.name());
                if (status == null) {
                    LayerStatusRecord created = pending(attachment.id, layer, now);
                    current.add(created);
                    chain = chain.flatMap(x -> statuses.persist(created).replaceWithVoid())
                            .flatMap(x -> publish(cluster, attachment, layer.name(), null, created.status, null, now));
                } else {
                    String previous = status.status;
                    status.layerOrder = layer.order();
                    status.status = LayerState.PENDING.wire();
                    status.message = null;
                    status.updatedAt = now;
                    current.add(status);
                    chain = chain.flatMap(x -> publish(cluster, attachment, layer.name(), previous, status.status,
                            null, now));
                }
            }
            for (LayerStatusRecord status : existing) {
                if (!kept.contains(status.layer)) {
                    chain = chain.flatMap(x -> statuses.delete(status))
                            .flatMap(x -> publish(cluster, attachment, status.layer, status.status,
                                    LayerStatuses.REMOVED, null, now));
                }
            }
            return chain.map(x -> new AttachmentService.Outcome(reader.snapshot(attachment, layers, current), true));
        });
    }

    /** Detaches: every object the attachment owned is listed for pruning, and its layers are published as removed. */
    Uni<Void> detach(ClusterRecord cluster, String profile, Instant now) {
        UUID clusterId = cluster.clusterId;
        return attachments.find(clusterId, profile).flatMap(attachment -> {
            if (attachment == null) {
                throw AttachmentReader.notAttached(profile);
            }
            AttachmentService.requireCapable(cluster, Operation.DETACH_ADDON_PROFILE);
            cluster.revision++;
            return owned.list("attachmentId", attachment.id)
                    .flatMap(objects -> removals.persist(objects.stream()
                            .map(o -> RemovalRecord.of(clusterId, attachment.id, profile, o.layer,
                                    o.identity(), cluster.revision, now))
                            .toList()))
                    .flatMap(x -> statuses.list("attachmentId = ?1 order by layerOrder", attachment.id))
                    .flatMap(layerStatuses -> {
                        Uni<Void> chain = Uni.createFrom().voidItem();
                        for (LayerStatusRecord status : layerStatuses) {
                            chain = chain.flatMap(x -> publish(cluster, attachment, status.layer,
                                    status.status, LayerStatuses.REMOVED, null, now));
                        }
                        return chain;
                    })
                    .flatMap(x -> owned.deleteOfAttachment(attachment.id))
                    .flatMap(x -> statuses.delete("attachmentId", attachment.id))
                    .flatMap(x -> attachments.delete(attachment));
        });
    }

    /** The version, share-locked so it cannot be deleted before this transaction commits. */
    private Uni<ProfileVersionRecord> lockedVersion(ProfileVersionRecord planned) {
        return versions.findById(planned.id, LockModeType.PESSIMISTIC_READ).map(version -> {
            if (version == null) {
                throw ProfileService.versionNotFound(planned.name, planned.version);
            }
            return version;
        });
    }

    /** Refuses objects another attachment of the cluster owns (409 naming the object and its owner). */
    private Uni<Void> checkConflicts(UUID clusterId, UUID self, List<RenderedLayer> layers) {
        return owned.ofCluster(clusterId).map(objects -> {
            Map<String, OwnedObjectRecord> byKey = new HashMap<>();
            for (OwnedObjectRecord object : objects) {
                if (!object.attachmentId.equals(self)) {
                    byKey.put(object.identity().key(), object);
                }
            }
            if (byKey.isEmpty()) {
                return null;
            }
            return byKey;
        }).flatMap(byKey -> {
            if (byKey == null) {
                return Uni.createFrom().voidItem();
            }
            for (RenderedLayer layer : layers) {
                for (ObjectIdentity identity : layer.identities()) {
                    OwnedObjectRecord owner = byKey.get(identity.key());
                    if (owner != null) {
                        return attachments.findById(owner.attachmentId).map(other -> {
                            throw ProblemException.conflict(identity.describe() + " of layer '" + layer.name()
                                    + "' is already owned by add-on profile '"
                                    + (other == null ? "?" : other.profile) + "' (layer '" + owner.layer
                                    + "') on this cluster; two profiles cannot own the same object.");
                        });
                    }
                }
            }
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> own(AttachmentRecord attachment, List<RenderedLayer> layers) {
        List<OwnedObjectRecord> records = new ArrayList<>();
        for (RenderedLayer layer : layers) {
            for (ObjectIdentity identity : layer.identities()) {
                records.add(OwnedObjectRecord.of(attachment.clusterId, attachment.id, layer.name(), identity));
            }
        }
        return records.isEmpty() ? Uni.createFrom().voidItem() : owned.persist(records);
    }

    /** Objects wanted again are no longer to be pruned. */
    private Uni<Void> forgetRemovals(UUID clusterId, List<RenderedLayer> layers) {
        Set<String> wanted = new HashSet<>();
        layers.forEach(l -> l.identities().forEach(i -> wanted.add(i.key())));
        return removals.ofCluster(clusterId).flatMap(pending -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (RemovalRecord removal : pending) {
                if (wanted.contains(removal.identity().key())) {
                    chain = chain.flatMap(v -> removals.delete(removal));
                }
            }
            return chain;
        });
    }

    private Uni<Void> publish(ClusterRecord cluster, AttachmentRecord attachment, String layer, String previous,
            String status, String message, Instant now) {
        return outbox.add(new AddonDeploymentChanged(cluster.clusterId, cluster.project, attachment.id,
                attachment.profile, attachment.version, layer, previous, status, message, now));
    }

    private static LayerStatusRecord pending(UUID attachmentId, RenderedLayer layer, Instant now) {
        LayerStatusRecord status = new LayerStatusRecord();
        status.id = UUID.randomUUID();
        status.attachmentId = attachmentId;
        status.layer = layer.name();
        status.layerOrder = layer.order();
        status.status = LayerState.PENDING.wire();
        status.updatedAt = now;
        return status;
    }

    static ProblemException alreadyAttached(String profile) {
        return ProblemException.conflict("Add-on profile '" + profile + "' is already attached to this cluster; "
                + "change its version or values with PUT.");
    }
}
