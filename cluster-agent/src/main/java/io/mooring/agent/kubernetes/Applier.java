package io.mooring.agent.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.mooring.agent.domain.LayerPlan;
import io.mooring.agent.domain.LayerPlan.PlannedObject;
import io.mooring.agent.domain.Projection;
import io.mooring.agent.kubernetes.ApiResources.Resolved;
import io.mooring.events.addons.AddonLabels;
import io.mooring.events.addons.ObjectRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Writes add-on objects to the cluster: server-side apply with field manager {@value AddonLabels#FIELD_MANAGER}
 * and forced conflicts, or, on an API server that does not take apply patches (415), create-or-update (a JSON
 * merge patch of the desired fields). Also reads objects back for drift checks, finds what Mooring owns by label,
 * and deletes. Only a full-permission agent ever gets one of these. Blocking.
 */
public final class Applier {

    private static final Logger LOG = Logger.getLogger(Applier.class);

    /** An object as the server stored it after the apply, projected onto the fields Mooring set. */
    public record AppliedObject(ObjectRef ref, Map<String, Object> projection) {
    }

    /** A live object that carries Mooring's managed-by label; {@code adopted} when Mooring did not create it. */
    public record LiveObject(ObjectRef ref, Map<String, String> labels, boolean adopted) {
    }

    /** Whose an object named by a layer is, as the cluster shows it. */
    public enum Ownership {
        /** Not in the cluster: applying creates it, so it is Mooring's. */
        ABSENT,
        /** Carries Mooring's managed-by label and Mooring created it. */
        MANAGED,
        /** Carries Mooring's managed-by label, and was taken over by a layer that adopts existing objects. */
        ADOPTED,
        /** Exists without Mooring's managed-by label: someone else's. */
        FOREIGN
    }

    /** Applying one object failed; the message names it and says what the server answered. */
    public static final class ApplyException extends RuntimeException {
        public ApplyException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final KubernetesClient client;
    private final ApiResources resources;
    private final KubernetesSerialization serialization;
    private final BooleanSupplier writesAllowed;
    private volatile boolean serverSideApply;

    /**
     * @param writesAllowed asked before every write; false (a read-only agent) refuses the write here, before any
     *                      request reaches the API server
     */
    public Applier(KubernetesClient client, ApiResources resources, boolean serverSideApply, BooleanSupplier writesAllowed) {
        this.client = client;
        this.resources = resources;
        this.serialization = client.getKubernetesSerialization();
        this.serverSideApply = serverSideApply;
        this.writesAllowed = writesAllowed;
    }

    public boolean usesServerSideApply() {
        return serverSideApply;
    }

    /**
     * Whose the object is. Only the managed-by label counts, not the field manager: a released object keeps
     * {@value AddonLabels#FIELD_MANAGER} in its managed fields, and must still count as someone else's.
     */
    public Ownership ownership(ObjectRef ref) {
        Map<String, Object> live = get(ref).orElse(null);
        if (live == null) {
            return Ownership.ABSENT;
        }
        Map<?, ?> metadata = live.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> labels = metadata.get("labels") instanceof Map<?, ?> l ? l : Map.of();
        if (!AddonLabels.MANAGED_BY_VALUE.equals(labels.get(AddonLabels.MANAGED_BY))) {
            return Ownership.FOREIGN;
        }
        return isAdopted(live) ? Ownership.ADOPTED : Ownership.MANAGED;
    }

    /** Whether a live object (as a map) carries the {@value AddonLabels#ADOPTED} mark. */
    public static boolean isAdopted(Map<String, Object> live) {
        Map<?, ?> metadata = live.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> annotations = metadata.get("annotations") instanceof Map<?, ?> a ? a : Map.of();
        return "true".equals(annotations.get(AddonLabels.ADOPTED));
    }

    /** The object as applied when Mooring adopted it: its body carries the {@value AddonLabels#ADOPTED} mark. */
    @SuppressWarnings("unchecked")
    public static PlannedObject markedAdopted(PlannedObject object) {
        Map<String, Object> body = new LinkedHashMap<>(object.body());
        Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) body.get("metadata"));
        Map<String, Object> annotations = metadata.get("annotations") instanceof Map<?, ?> existing
                ? new LinkedHashMap<>((Map<String, Object>) existing)
                : new LinkedHashMap<>();
        annotations.put(AddonLabels.ADOPTED, "true");
        metadata.put("annotations", annotations);
        body.put("metadata", metadata);
        return new PlannedObject(object.ref(), body);
    }

    /**
     * Gives an adopted object back: removes Mooring's labels and its adopted mark, and leaves everything else as it
     * is. Mooring never deletes what it did not create.
     */
    public void release(ObjectRef ref) {
        requireWrites();
        Optional<Resolved> resolved = resources.resolve(ref.apiVersion(), ref.kind());
        if (resolved.isEmpty()) {
            return;
        }
        // A full update at the resourceVersion read (a conflict fails this prune, which is tried again later):
        // only the labels and the mark change.
        GenericKubernetesResource live = getLive(resolved.get(), ref);
        if (live == null) {
            return;
        }
        var meta = live.getMetadata();
        if (meta.getLabels() != null) {
            Map<String, String> labels = new LinkedHashMap<>(meta.getLabels());
            labels.remove(AddonLabels.MANAGED_BY);
            labels.remove(AddonLabels.PROFILE);
            labels.remove(AddonLabels.LAYER);
            meta.setLabels(labels);
        }
        if (meta.getAnnotations() != null) {
            Map<String, String> annotations = new LinkedHashMap<>(meta.getAnnotations());
            annotations.remove(AddonLabels.ADOPTED);
            meta.setAnnotations(annotations);
        }
        meta.setManagedFields(null);
        target(resolved.get(), ref).resource(live).update();
    }

    /**
     * Creates the layer's namespace when it does not exist (it is never deleted by Mooring). It carries the
     * managed-by label, so that a layer naming the namespace itself later finds it Mooring's, not someone else's.
     */
    public void ensureNamespace(String namespace) {
        if (namespace == null || namespace.isEmpty()) {
            return;
        }
        requireWrites();
        try {
            if (client.namespaces().withName(namespace).get() == null) {
                client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                        .addToLabels(AddonLabels.MANAGED_BY, AddonLabels.MANAGED_BY_VALUE).endMetadata().build()).create();
                LOG.infof("Created namespace %s for an add-on layer", namespace);
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw new ApplyException("cannot create namespace " + namespace + ": " + message(e), e);
            }
        }
    }

    /** Applies the layer's objects in order; stops at the first object the server refuses. */
    public List<AppliedObject> apply(LayerPlan plan) {
        List<AppliedObject> applied = new ArrayList<>(plan.objects().size());
        for (PlannedObject object : plan.objects()) {
            applied.add(apply(object));
        }
        return applied;
    }

    public AppliedObject apply(PlannedObject object) {
        requireWrites();
        ObjectRef ref = object.ref();
        Resolved resolved = resolve(ref);
        GenericKubernetesResource desired = serialization.convertValue(object.body(), GenericKubernetesResource.class);
        GenericKubernetesResource result;
        try {
            if (serverSideApply) {
                try {
                    result = target(resolved, ref).resource(desired).fieldManager(AddonLabels.FIELD_MANAGER).forceConflicts().serverSideApply();
                } catch (KubernetesClientException e) {
                    if (e.getCode() == 415) {
                        LOG.infof("The API server does not take server-side apply (415); using create-or-update from now on");
                        serverSideApply = false;
                        result = createOrUpdate(resolved, ref, desired, object.body());
                    } else if (e.getCode() == 404 && getLive(resolved, ref) == null) {
                        // Some servers without apply answer 404 for an object that does not exist yet.
                        result = createOrUpdate(resolved, ref, desired, object.body());
                    } else {
                        throw e;
                    }
                }
            } else {
                result = createOrUpdate(resolved, ref, desired, object.body());
            }
        } catch (KubernetesClientException e) {
            throw new ApplyException(ref + ": " + message(e), e);
        }
        return new AppliedObject(ref, Projection.of(object.body(), asMap(result)));
    }

    /** The live object, or empty when it does not exist. */
    public Optional<Map<String, Object>> get(ObjectRef ref) {
        Optional<Resolved> resolved = resources.resolve(ref.apiVersion(), ref.kind());
        if (resolved.isEmpty()) {
            return Optional.empty();
        }
        GenericKubernetesResource live = getLive(resolved.get(), ref);
        return live == null ? Optional.empty() : Optional.of(asMap(live));
    }

    /** Every object of the kind that carries {@code app.kubernetes.io/managed-by: mooring}; empty for kinds not served. */
    public List<LiveObject> listManaged(String apiVersion, String kind) {
        Optional<Resolved> resolved = resources.resolve(apiVersion, kind);
        if (resolved.isEmpty()) {
            return List.of();
        }
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> op = client
                .genericKubernetesResources(resolved.get().context());
        GenericKubernetesResourceList list = resolved.get().namespaced()
                ? op.inAnyNamespace().withLabel(AddonLabels.MANAGED_BY, AddonLabels.MANAGED_BY_VALUE).list()
                : op.withLabel(AddonLabels.MANAGED_BY, AddonLabels.MANAGED_BY_VALUE).list();
        List<LiveObject> live = new ArrayList<>();
        for (GenericKubernetesResource item : list.getItems()) {
            var meta = item.getMetadata();
            live.add(new LiveObject(new ObjectRef(apiVersion, kind, resolved.get().namespaced() ? meta.getNamespace() : null, meta.getName()),
                    meta.getLabels() == null ? Map.of() : meta.getLabels(),
                    meta.getAnnotations() != null && "true".equals(meta.getAnnotations().get(AddonLabels.ADOPTED))));
        }
        return live;
    }

    /** Deletes an object (background propagation); true when it was there. */
    public boolean delete(ObjectRef ref) {
        requireWrites();
        Optional<Resolved> resolved = resources.resolve(ref.apiVersion(), ref.kind());
        if (resolved.isEmpty()) {
            return false;
        }
        return !target(resolved.get(), ref).withName(ref.name()).delete().isEmpty();
    }

    private void requireWrites() {
        if (!writesAllowed.getAsBoolean()) {
            throw new IllegalStateException("the agent holds read-only permissions: it never writes to the cluster");
        }
    }

    private GenericKubernetesResource createOrUpdate(Resolved resolved, ObjectRef ref, GenericKubernetesResource desired, Map<String, Object> body) {
        GenericKubernetesResource existing = getLive(resolved, ref);
        if (existing == null) {
            try {
                return target(resolved, ref).resource(desired).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                // Created meanwhile: update it below.
            }
        }
        PatchContext merge = new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager(AddonLabels.FIELD_MANAGER).build();
        return target(resolved, ref).withName(ref.name()).patch(merge, serialization.asJson(body));
    }

    private GenericKubernetesResource getLive(Resolved resolved, ObjectRef ref) {
        return target(resolved, ref).withName(ref.name()).get();
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> target(Resolved resolved, ObjectRef ref) {
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> op = client
                .genericKubernetesResources(resolved.context());
        return resolved.namespaced() ? op.inNamespace(ref.namespace()) : op;
    }

    private Resolved resolve(ObjectRef ref) {
        return resources.resolve(ref.apiVersion(), ref.kind())
                .orElseThrow(() -> new ApplyException(ref + ": the API server does not serve " + ref.kind() + " in " + ref.apiVersion(), null));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> asMap(GenericKubernetesResource resource) {
        if (resource == null) {
            return new LinkedHashMap<>();
        }
        return serialization.convertValue(resource, Map.class);
    }

    static String message(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage() + " (" + e.getCode() + ")";
        }
        return e.getMessage();
    }
}
