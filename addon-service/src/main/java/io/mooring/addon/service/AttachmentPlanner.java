package io.mooring.addon.service;

import io.mooring.addon.domain.LayerDefinition;
import io.mooring.addon.domain.ProfileType;
import io.mooring.addon.domain.RenderedLayer;
import io.mooring.addon.repository.AttachmentRecord;
import io.mooring.addon.repository.AttachmentRepository;
import io.mooring.addon.repository.ChartArchiveRepository;
import io.mooring.addon.repository.ClusterRecord;
import io.mooring.addon.repository.ProfileVersionRepository;
import io.mooring.events.capability.Operation;
import io.mooring.support.api.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Plans a change of an attachment before anything is locked: reads the overrides, finds the version and checks the
 * cluster may take it, loads the pinned chart archives, and renders the layers with the overrides on a render
 * worker (outside any transaction). A repeated attach with the same Idempotency-Key is answered from here.
 */
@ApplicationScoped
public class AttachmentPlanner {

    private final ProfileVersionRepository versions;
    private final ChartArchiveRepository archives;
    private final AttachmentRepository attachments;
    private final LayerRenderer renderer;
    private final RenderWorkers workers;
    private final StoredJson json;
    private final AttachmentReader reader;

    public AttachmentPlanner(ProfileVersionRepository versions, ChartArchiveRepository archives,
            AttachmentRepository attachments, LayerRenderer renderer, RenderWorkers workers, StoredJson json,
            AttachmentReader reader) {
        this.versions = versions;
        this.archives = archives;
        this.attachments = attachments;
        this.renderer = renderer;
        this.workers = workers;
        this.json = json;
        this.reader = reader;
    }

    /** The attachment this key made when the same request was made before; null when the key is new. */
    Uni<AttachmentSnapshot> replay(UUID clusterId, String key, String profile, String version,
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
            return reader.snapshot(existing);
        });
    }

    Uni<AttachmentPlan> plan(ClusterRecord cluster, String profile, String versionText,
            Map<String, Map<String, Object>> overrides, Operation operation, AttachmentRecord existing) {
        return versions.byNameAndVersion(profile, versionText).flatMap(version -> {
            if (version == null) {
                throw ProfileService.versionNotFound(profile, versionText);
            }
            if (ProfileType.INFRASTRUCTURE.wire().equals(version.type)) {
                AttachmentService.requireCapable(cluster, Operation.ATTACH_INFRASTRUCTURE_PROFILE);
            }
            AttachmentService.requireCapable(cluster, operation);
            Uni<Void> notYetAttached = existing != null ? Uni.createFrom().voidItem()
                    : attachments.find(cluster.clusterId, profile).map(other -> {
                        if (other != null) {
                            throw AttachmentWriter.alreadyAttached(profile);
                        }
                        return null;
                    });
            List<LayerDefinition> definitions = json.definitions(version.definition);
            checkOverrides(definitions, overrides);
            if (existing != null && existing.profileVersionId.equals(version.id)
                    && json.canonical(json.overrides(existing.overrides)).equals(json.canonical(overrides))) {
                return reader.snapshot(existing).map(AttachmentPlan::unchanged);
            }
            return notYetAttached.flatMap(v -> archivesFor(definitions, overrides)).map(bytes -> new AttachmentPlan(
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

    /** The published rendering when there are no overrides; otherwise a rendering with them, on a render worker. */
    Uni<List<RenderedLayer>> render(String profile, AttachmentPlan plan) {
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

    /** The overrides by layer, each read as a mapping (a map, or a string of YAML holding one); empty ones left out. */
    static Map<String, Map<String, Object>> readOverrides(Map<String, Object> values) {
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
}
