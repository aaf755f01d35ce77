package io.mooring.addon.service;

import io.mooring.addon.api.AttachRequest;
import io.mooring.addon.api.UpdateAttachmentRequest;
import io.mooring.addon.api.Views;
import io.mooring.addon.domain.LayerDefinition;
import io.mooring.addon.domain.LayerStatuses;
import io.mooring.addon.domain.ObjectIdentity;
import io.mooring.addon.domain.ProfileType;
import io.mooring.addon.domain.RenderedLayer;
import io.mooring.addon.domain.SecretValues;
import io.mooring.addon.repository.AttachmentRecord;
import io.mooring.addon.repository.AttachmentRepository;
import io.mooring.addon.repository.ChartArchiveRepository;
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
import io.mooring.events.capability.Capabilities;
import io.mooring.events.capability.Capability;
import io.mooring.events.capability.Operation;
import io.mooring.events.payload.AddonDeploymentChanged;
import io.mooring.support.api.ProblemException;
import io.mooring.support.outbox.Outbox;
import io.mooring.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Attaching profile versions to clusters, changing and detaching them. Every change of a cluster's attachments
 * runs with the cluster's row locked, re-checks what it planned from (the cluster's mode, the version, other
 * attachments' objects), bumps the cluster's desired-state revision and publishes each layer's new state through
 * the outbox. Rendering with overrides happens in between, on a render worker, outside any transaction.
 */
@ApplicationScoped
public class AttachmentService {

    private final ClusterAccess clusters;
    private final ProfileVersionRepository versions;
    private final ChartArchiveRepository archives;
    private final AttachmentRepository attachments;
    private final LayerStatusRepository statuses;
    private final OwnedObjectRepository owned;
    private final RemovalRepository removals;
    private final Outbox outbox;
    private final LayerRenderer renderer;
    private final RenderWorkers workers;
    private final JsonCodec json;

    public AttachmentService(ClusterAccess clusters, ProfileVersionRepository versions,
            ChartArchiveRepository archives, AttachmentRepository attachments, LayerStatusRepository statuses,
            OwnedObjectRepository owned, RemovalRepository removals, Outbox outbox, LayerRenderer renderer,
            RenderWorkers workers, JsonCodec json) {
        this.clusters = clusters;
        this.versions = versions;
        this.archives = archives;
        this.attachments = attachments;
        this.statuses = statuses;
        this.owned = owned;
        this.removals = removals;
        this.outbox = outbox;
        this.renderer = renderer;
        this.workers = workers;
        this.json = json;
    }

    public record Outcome(Views.Attachment attachment, boolean changed) {
    }

    /** What a change was planned from, read before rendering. */
    private record Plan(UUID clusterId, ProfileVersionRecord version, List<LayerDefinition> definitions,
            List<RenderedLayer> published, Map<String, Map<String, Object>> overrides, Map<String, byte[]> archives,
            Views.Attachment unchanged) {

        static Plan unchanged(Views.Attachment view) {
            return new Plan(null, null, null, null, null, null, view);
        }
    }

    // ---- reading ----------------------------------------------------------------------------------------------

    public Uni<List<Views.Attachment>> list(UUID clusterId, Caller caller, String afterProfile, int limit) {
        return Panache.withSession(() -> visibleCluster(clusterId, caller)
                .flatMap(cluster -> attachments.page(clusterId, afterProfile, limit))
                .flatMap(this::views));
    }

    public Uni<Views.Attachment> get(UUID clusterId, String profile, Caller caller) {
        return Panache.withSession(() -> visibleCluster(clusterId, caller)
                .flatMap(cluster -> attachments.find(clusterId, profile))
                .flatMap(attachment -> {
                    if (attachment == null) {
                        throw notAttached(profile);
                    }
                    return view(attachment);
                }));
    }

    // ---- attach -----------------------------------------------------------------------------------------------

    public Uni<Outcome> attach(UUID clusterId, AttachRequest request, String idempotencyKey, Caller caller) {
        // Access first, then the values: a caller who may not attach here costs no parsing. (Without values the
        // capability is checked by plan, which names the infrastructure-profile reason first.)
        return Panache.withSession(() -> visibleCluster(clusterId, caller).flatMap(cluster -> {
                    if (request.values() != null) {
                        requireCapable(cluster, Operation.ATTACH_ADDON_PROFILE);
                    }
                    Map<String, Map<String, Object>> overrides = readOverrides(request.values());
                    return replay(clusterId, idempotencyKey, request.profile(), request.version(), overrides)
                                .flatMap(replayed -> replayed != null
                                        ? Uni.createFrom().item(Plan.unchanged(replayed))
                                        : plan(cluster, request.profile(), request.version(), overrides,
                                                Operation.ATTACH_ADDON_PROFILE, null));
                }))
                .flatMap(plan -> plan.unchanged() != null
                        ? Uni.createFrom().item(new Outcome(plan.unchanged(), false))
                        : render(request.profile(), plan).flatMap(layers -> Panache.withTransaction(() ->
                                commitAttach(plan, layers, request.profile(), idempotencyKey, caller))));
    }

    private Uni<Views.Attachment> replay(UUID clusterId, String key, String profile, String version,
            Map<String, Map<String, Object>> overrides) {
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        return attachments.findByIdempotencyKey(clusterId, key).flatMap(existing -> {
            if (existing == null) {
                return Uni.createFrom().nullItem();
            }
            if (!existing.profile.equals(profile) || !existing.version.equals(version)
                    || !json.canonical(json.overrides(existing.overrides)).equals(json.canonical(overrides))) {
                throw new ProblemException(422, "idempotency-key-reused", "Idempotency key reused",
                        "This Idempotency-Key was used for a different request on this cluster.");
            }
            return view(existing);
        });
    }

    private Uni<Outcome> commitAttach(Plan plan, List<RenderedLayer> layers, String profile, String idempotencyKey,
            Caller caller) {
        Instant now = now();
        return lockedCluster(plan.clusterId(), caller, Operation.ATTACH_ADDON_PROFILE)
                .flatMap(cluster -> lockedVersion(plan.version())
                        .flatMap(version -> attachments.find(cluster.clusterId, profile))
                        .flatMap(existing -> {
                            if (existing != null) {
                                if (idempotencyKey != null && idempotencyKey.equals(existing.idempotencyKey)) {
                                    return view(existing).map(v -> new Outcome(v, false));
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
                                        return chain.map(x -> new Outcome(view(attachment, layers, created), true));
                                    });
                        }));
    }

    // ---- update -----------------------------------------------------------------------------------------------

    public Uni<Outcome> update(UUID clusterId, String profile, UpdateAttachmentRequest request, Caller caller) {
        return Panache.withSession(() -> visibleCluster(clusterId, caller).flatMap(cluster ->
                        attachments.find(clusterId, profile).flatMap(existing -> {
                            if (existing == null) {
                                throw notAttached(profile);
                            }
                            if (request.values() != null) {
                                requireCapable(cluster, Operation.UPDATE_ADDON_PROFILE);
                            }
                            Map<String, Map<String, Object>> overrides = readOverrides(request.values());
                            return plan(cluster, profile, request.version(), overrides,
                                    Operation.UPDATE_ADDON_PROFILE, existing);
                        })))
                .flatMap(plan -> plan.unchanged() != null
                        ? Uni.createFrom().item(new Outcome(plan.unchanged(), false))
                        : render(profile, plan).flatMap(layers -> Panache.withTransaction(() ->
                                commitUpdate(plan, layers, profile, caller))));
    }

    private Uni<Outcome> commitUpdate(Plan plan, List<RenderedLayer> layers, String profile, Caller caller) {
        Instant now = now();
        return lockedCluster(plan.clusterId(), caller, Operation.UPDATE_ADDON_PROFILE)
                .flatMap(cluster -> lockedVersion(plan.version())
                        .flatMap(version -> attachments.find(cluster.clusterId, profile))
                        .flatMap(attachment -> {
                            if (attachment == null) {
                                throw notAttached(profile);
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
                        }));
    }

    private Uni<Outcome> resetStatuses(ClusterRecord cluster, AttachmentRecord attachment, List<RenderedLayer> layers,
            Instant now) {
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
            return chain.map(x -> new Outcome(view(attachment, layers, current), true));
        });
    }

    // ---- detach -----------------------------------------------------------------------------------------------

    public Uni<Void> detach(UUID clusterId, String profile, Caller caller) {
        Instant now = now();
        return Panache.withTransaction(() -> lockedCluster(clusterId, caller, null).flatMap(cluster ->
                attachments.find(clusterId, profile).flatMap(attachment -> {
                    if (attachment == null) {
                        throw notAttached(profile);
                    }
                    requireCapable(cluster, Operation.DETACH_ADDON_PROFILE);
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
                })));
    }

    // ---- shared steps -----------------------------------------------------------------------------------------

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

    private static void requireCapable(ClusterRecord cluster, Operation operation) {
        Capability capability = Capabilities.check(operation, cluster.mode);
        if (!capability.allowed()) {
            throw ProblemException.notCapable(capability.reason());
        }
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

    private Uni<Plan> plan(ClusterRecord cluster, String profile, String versionText,
            Map<String, Map<String, Object>> overrides, Operation operation, AttachmentRecord existing) {
        return versions.byNameAndVersion(profile, versionText).flatMap(version -> {
            if (version == null) {
                throw ProfileService.versionNotFound(profile, versionText);
            }
            if (ProfileType.INFRASTRUCTURE.wire().equals(version.type)) {
                requireCapable(cluster, Operation.ATTACH_INFRASTRUCTURE_PROFILE);
            }
            requireCapable(cluster, operation);
            Uni<Void> notYetAttached = existing != null ? Uni.createFrom().voidItem()
                    : attachments.find(cluster.clusterId, profile).map(other -> {
                        if (other != null) {
                            throw alreadyAttached(profile);
                        }
                        return null;
                    });
            List<LayerDefinition> definitions = json.definitions(version.definition);
            checkOverrides(definitions, overrides);
            if (existing != null && existing.profileVersionId.equals(version.id)
                    && json.canonical(json.overrides(existing.overrides)).equals(json.canonical(overrides))) {
                return view(existing).map(Plan::unchanged);
            }
            return notYetAttached.flatMap(v -> archivesFor(definitions, overrides)).map(bytes -> new Plan(
                    cluster.clusterId, version, definitions, json.rendered(version.rendered), overrides, bytes,
                    null));
        });
    }

    private Uni<Map<String, byte[]>> archivesFor(List<LayerDefinition> definitions,
            Map<String, Map<String, Object>> overrides) {
        Map<String, byte[]> loaded = new HashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (LayerDefinition layer : definitions) {
            if (layer.isChart() && overrides.containsKey(layer.name()) && layer.chart().archiveDigest() != null) {
                String digest = layer.chart().archiveDigest();
                chain = chain.flatMap(v -> archives.findById(digest).map(archive -> {
                    if (archive != null) {
                        loaded.put(digest, archive.content);
                    }
                    return null;
                }));
            }
        }
        return chain.map(v -> loaded);
    }

    private Uni<List<RenderedLayer>> render(String profile, Plan plan) {
        if (plan.overrides().isEmpty()) {
            return Uni.createFrom().item(plan.published());
        }
        return workers.run(() -> renderer.renderAttachment(profile, plan.definitions(), plan.published(),
                plan.overrides(), plan.archives()));
    }

    private static void checkOverrides(List<LayerDefinition> definitions, Map<String, Map<String, Object>> overrides) {
        Map<String, LayerDefinition> byName = new LinkedHashMap<>();
        definitions.forEach(d -> byName.put(d.name(), d));
        Violations violations = new Violations();
        for (String layer : overrides.keySet()) {
            LayerDefinition definition = byName.get(layer);
            if (definition == null) {
                violations.add("values." + layer, "this profile version has no layer '" + layer + "' (it has "
                        + String.join(", ", byName.keySet()) + ")");
            } else if (!definition.isChart()) {
                violations.add("values." + layer, "layer '" + layer + "' is a manifests layer; only chart layers "
                        + "take values");
            }
        }
        violations.throwIfAny("The value overrides are not valid.");
    }

    private static Map<String, Map<String, Object>> readOverrides(Map<String, Object> values) {
        Map<String, Map<String, Object>> overrides = new LinkedHashMap<>();
        if (values == null) {
            return overrides;
        }
        Violations violations = new Violations();
        values.forEach((layer, layerValues) -> {
            try {
                Map<String, Object> read = ValuesReader.read(layerValues);
                if (!read.isEmpty()) {
                    overrides.put(layer, read);
                }
            } catch (IllegalArgumentException e) {
                violations.add("values." + layer, e.getMessage());
            }
        });
        violations.throwIfAny("The value overrides are not valid.");
        return overrides;
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

    private Uni<List<Views.Attachment>> views(List<AttachmentRecord> records) {
        return statuses.of(records.stream().map(a -> a.id).toList()).map(all -> {
            Map<UUID, List<LayerStatusRecord>> byAttachment = all.stream()
                    .collect(Collectors.groupingBy(s -> s.attachmentId));
            return records.stream().map(a -> view(a, json.rendered(a.rendered),
                    byAttachment.getOrDefault(a.id, List.of()))).toList();
        });
    }

    Uni<Views.Attachment> view(AttachmentRecord attachment) {
        return views(List.of(attachment)).map(list -> list.get(0));
    }

    private Views.Attachment view(AttachmentRecord attachment, List<RenderedLayer> layers,
            List<LayerStatusRecord> layerStatuses) {
        Map<String, LayerStatusRecord> byLayer = new HashMap<>();
        layerStatuses.forEach(s -> byLayer.put(s.layer, s));
        Map<String, List<String>> secrets = new HashMap<>();
        layers.forEach(l -> secrets.put(l.name(), l.secretValues()));
        Map<String, Object> values = new LinkedHashMap<>();
        json.overrides(attachment.overrides).forEach((layer, layerValues) ->
                values.put(layer, SecretValues.mask(layerValues, secrets.get(layer))));
        List<Views.AttachedLayer> views = new ArrayList<>();
        for (RenderedLayer layer : layers) {
            LayerStatusRecord status = byLayer.get(layer.name());
            views.add(new Views.AttachedLayer(layer.name(), layer.order(), layer.source(), layer.namespace(),
                    status == null ? LayerState.PENDING.wire() : status.status,
                    status == null ? null : status.message, status == null ? null : status.updatedAt,
                    layer.adoptExisting(), layer.identities().stream().map(ObjectIdentity::toRef).toList()));
        }
        String overall = LayerStatuses.overall(views.stream().map(Views.AttachedLayer::status).toList());
        return new Views.Attachment(attachment.id, attachment.clusterId, attachment.profile, attachment.version,
                attachment.generation, values, overall, views,
                attachment.createdAt, attachment.createdBy, attachment.updatedAt, attachment.updatedBy);
    }

    private static ProblemException notAttached(String profile) {
        return ProblemException.notFound("Add-on profile '" + profile + "' is not attached to this cluster");
    }

    private static ProblemException alreadyAttached(String profile) {
        return ProblemException.conflict("Add-on profile '" + profile + "' is already attached to this cluster; "
                + "change its version or values with PUT.");
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
