package io.mooring.agent.service;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mooring.agent.domain.ApplyPlanner;
import io.mooring.agent.domain.ApplyPlanner.ObjectId;
import io.mooring.agent.domain.LayerPlan;
import io.mooring.agent.domain.LayerPlan.Owner;
import io.mooring.agent.domain.LayerPlan.PlannedObject;
import io.mooring.agent.domain.Projection;
import io.mooring.agent.kubernetes.ApiResources;
import io.mooring.agent.kubernetes.Applier;
import io.mooring.agent.kubernetes.Applier.AppliedObject;
import io.mooring.agent.kubernetes.Applier.ApplyException;
import io.mooring.agent.kubernetes.Applier.LiveObject;
import io.mooring.agent.platform.PlatformClient.DesiredAnswer;
import io.mooring.agent.platform.PlatformException;
import io.mooring.agent.platform.StateDirectory;
import io.mooring.events.addons.AddonLabels;
import io.mooring.events.addons.DesiredLayer;
import io.mooring.events.addons.DesiredProfile;
import io.mooring.events.addons.DesiredState;
import io.mooring.events.addons.LayerState;
import io.mooring.events.addons.LayerStatusUpdate;
import io.mooring.events.addons.ObjectRef;
import io.mooring.events.addons.RemovedObjects;
import io.mooring.events.addons.StatusReport;
import io.mooring.events.capability.Capabilities;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * The applier's loop body: polls the desired state (ETag, 304 while unchanged), applies every layer in order when
 * the revision moves or a layer failed, prunes what Mooring's labels claim but no layer holds (and the desired
 * state's {@code removed}), re-checks applied objects on the drift interval and repairs them (Drifted, then
 * Deployed), and reports per layer. A read-only agent polls too, but only to say, per layer, that it cannot apply.
 */
final class AddonController {

    private static final Logger LOG = Logger.getLogger(AddonController.class);
    static final String READ_ONLY_MESSAGE = Capabilities.REQUIRES_FULL_PERMISSION
            + ": the agent holds read-only permissions on this cluster and never applies add-ons";

    /** The two platform calls, with the agent's token handling around them. */
    interface Platform {
        DesiredAnswer desired(String etag);

        void report(StatusReport report);
    }

    private record LayerKey(UUID attachmentId, String layer) {
    }

    private record KindRef(String apiVersion, String kind) {
    }

    /** What is persisted in the state directory: every kind the applier ever applied, to search for orphans. */
    record AppliedKinds(List<String> kinds) {
    }

    private final Platform platform;
    private final Applier applier;
    private final ApiResources resources;
    private final StateDirectory state;
    private final BooleanSupplier fullPermission;
    private final Clock clock;
    private final Duration driftInterval;
    private final ApplyPlanner planner = new ApplyPlanner();

    private String etag;
    private DesiredState desired;
    private long appliedRevision = -1;
    private Long prunedReported;
    private Long prunedToReport;
    private Instant nextDriftCheck = Instant.MIN;
    private final Map<LayerKey, LayerStatusUpdate> reported = new HashMap<>();
    private final Map<LayerKey, LayerStatusUpdate> outbox = new LinkedHashMap<>();
    private final Map<LayerKey, Long> attemptedGeneration = new HashMap<>();
    private final Map<ObjectId, AppliedObject> applied = new HashMap<>();
    private final Set<KindRef> knownKinds = new LinkedHashSet<>();
    private volatile long reconciles;

    AddonController(Platform platform, Applier applier, ApiResources resources, StateDirectory state, BooleanSupplier fullPermission,
            Clock clock, Duration driftInterval) {
        this.platform = platform;
        this.applier = applier;
        this.resources = resources;
        this.state = state;
        this.fullPermission = fullPermission;
        this.clock = clock;
        this.driftInterval = driftInterval;
        state.read(StateDirectory.APPLIED_KINDS_FILE, AppliedKinds.class).ifPresent(k -> k.kinds().forEach(text -> {
            int space = text.indexOf(' ');
            if (space > 0) {
                knownKinds.add(new KindRef(text.substring(0, space), text.substring(space + 1)));
            }
        }));
    }

    long appliedRevision() {
        return appliedRevision;
    }

    long reconciles() {
        return reconciles;
    }

    /** One poll: fetch, decide, apply or re-check, report. */
    synchronized void poll() {
        DesiredAnswer answer = platform.desired(etag);
        if (!answer.notModified() && answer.state() != null) {
            etag = answer.etag();
            desired = answer.state();
        }
        if (desired == null) {
            return;
        }
        if (!fullPermission.getAsBoolean()) {
            reportReadOnly();
            flush();
            return;
        }
        Instant now = clock.instant();
        boolean changed = desired.revision() > appliedRevision;
        boolean retry = outboxOrReported().values().stream().anyMatch(u -> u.status() == LayerState.FAILED)
                || prunedToReport == null && !Objects.equals(prunedReported, desired.revision()) && !desired.removed().isEmpty();
        if (changed || retry || !now.isBefore(nextDriftCheck)) {
            reconcile(!changed && !retry);
            nextDriftCheck = now.plus(driftInterval);
        }
        flush();
    }

    /** Applies what changed or failed; with {@code driftCheck}, also compares every deployed object with the cluster. */
    private void reconcile(boolean driftCheck) {
        reconciles++;
        DesiredState state = desired;
        List<LayerPlan> plans = planner.plan(state, resources::namespaced);
        Map<ObjectId, Owner> desiredOwners = ApplyPlanner.desiredOwners(plans);
        markPending(plans);
        for (LayerPlan plan : plans) {
            LayerKey key = new LayerKey(plan.attachmentId(), plan.layer());
            boolean newGeneration = !Objects.equals(attemptedGeneration.get(key), plan.generation());
            LayerStatusUpdate last = outboxOrReported().get(key);
            if (!plan.problems().isEmpty()) {
                attemptedGeneration.put(key, plan.generation());
                status(plan, LayerState.FAILED, String.join("; ", plan.problems()));
                continue;
            }
            if (newGeneration || last == null || last.status() == LayerState.FAILED || last.status() == LayerState.PENDING) {
                applyLayer(plan, newGeneration);
            } else if (driftCheck) {
                List<String> drift = drift(plan);
                if (!drift.isEmpty()) {
                    LOG.infof("Layer %s/%s drifted: %s", plan.profile(), plan.layer(), drift);
                    status(plan, LayerState.DRIFTED, cut("changed outside Mooring: " + String.join(", ", drift)));
                    flushQuietly();
                    applyLayer(plan, false);
                }
            }
        }
        boolean pruned = prune(state, plans, desiredOwners);
        if (pruned && !Objects.equals(prunedReported, state.revision())) {
            prunedToReport = state.revision();
        }
        forgetDetached(plans);
        appliedRevision = Math.max(appliedRevision, state.revision());
    }

    private void markPending(List<LayerPlan> plans) {
        for (LayerPlan plan : plans) {
            LayerKey key = new LayerKey(plan.attachmentId(), plan.layer());
            if (!Objects.equals(attemptedGeneration.get(key), plan.generation()) && plan.problems().isEmpty()) {
                status(plan, LayerState.PENDING, null);
            }
        }
    }

    private void applyLayer(LayerPlan plan, boolean announce) {
        LayerKey key = new LayerKey(plan.attachmentId(), plan.layer());
        attemptedGeneration.put(key, plan.generation());
        if (announce) {
            status(plan, LayerState.APPLYING, null);
            flushQuietly();
        }
        try {
            List<PlannedObject> objects = claim(plan);
            if (objects == null) {
                return;
            }
            boolean namespacedInLayer = plan.objects().stream().anyMatch(o -> plan.namespace() != null && plan.namespace().equals(o.ref().namespace()));
            if (namespacedInLayer) {
                applier.ensureNamespace(plan.namespace());
            }
            for (PlannedObject object : objects) {
                AppliedObject result = applier.apply(object);
                applied.put(ObjectId.of(object.ref()), result);
                remember(object.ref());
            }
        } catch (ApplyException | KubernetesClientException | IllegalStateException e) {
            LOG.infof("Layer %s/%s failed: %s", plan.profile(), plan.layer(), e.getMessage());
            status(plan, LayerState.FAILED, cut(e.getMessage()));
            return;
        }
        status(plan, LayerState.DEPLOYED, null);
    }

    /**
     * The layer's objects as they are to be applied, after asking the cluster whose each one is; null when the
     * layer names objects that exist without Mooring's labels and does not adopt existing objects (the layer is
     * then Failed with their names, and nothing of it is applied). Adopted objects carry the adopted mark, so that
     * pruning later releases them instead of deleting them.
     */
    private List<PlannedObject> claim(LayerPlan plan) {
        List<PlannedObject> objects = new ArrayList<>(plan.objects().size());
        List<String> foreign = new ArrayList<>();
        for (PlannedObject object : plan.objects()) {
            switch (applier.ownership(object.ref())) {
                case ABSENT, MANAGED -> objects.add(object);
                case ADOPTED -> objects.add(Applier.markedAdopted(object));
                case FOREIGN -> {
                    if (plan.adoptExisting()) {
                        LOG.infof("Layer %s/%s adopts %s, which exists without Mooring's labels", plan.profile(), plan.layer(), object.ref());
                        objects.add(Applier.markedAdopted(object));
                    } else {
                        foreign.add(object.ref().toString());
                    }
                }
            }
        }
        if (!foreign.isEmpty()) {
            String message = "not managed by Mooring: " + String.join(", ", foreign) + (foreign.size() == 1 ? " exists" : " exist")
                    + " in the cluster without the " + AddonLabels.MANAGED_BY + "=" + AddonLabels.MANAGED_BY_VALUE
                    + " label, so Mooring leaves " + (foreign.size() == 1 ? "it" : "them") + " untouched; set adoptExisting on layer '"
                    + plan.layer() + "' to take " + (foreign.size() == 1 ? "it" : "them") + " over";
            LOG.infof("Layer %s/%s failed: %s", plan.profile(), plan.layer(), message);
            status(plan, LayerState.FAILED, cut(message));
            return null;
        }
        return objects;
    }

    /** The objects of a deployed layer that are missing or differ from what was applied. */
    private List<String> drift(LayerPlan plan) {
        List<String> drifted = new ArrayList<>();
        for (PlannedObject object : plan.objects()) {
            AppliedObject record = applied.get(ObjectId.of(object.ref()));
            Optional<Map<String, Object>> live = applier.get(object.ref());
            if (live.isEmpty()) {
                drifted.add(object.ref().kind() + " " + object.ref().name() + " missing");
            } else if (record == null || !Projection.same(record.projection(),
                    Projection.of((Applier.isAdopted(live.get()) ? Applier.markedAdopted(object) : object).body(), live.get()))) {
                drifted.add(object.ref().kind() + " " + object.ref().name() + (record == null ? " unverified" : " changed"));
            }
        }
        return drifted;
    }

    /**
     * Deletes what Mooring's labels claim and no layer holds: found by label among every kind Mooring applies or
     * applied, plus the desired state's {@code removed}. True when nothing was left that should have gone.
     */
    private boolean prune(DesiredState state, List<LayerPlan> plans, Map<ObjectId, Owner> desiredOwners) {
        boolean complete = true;
        Set<KindRef> kinds = new LinkedHashSet<>(knownKinds);
        for (LayerPlan plan : plans) {
            plan.objects().forEach(o -> kinds.add(new KindRef(o.ref().apiVersion(), o.ref().kind())));
        }
        for (RemovedObjects removed : state.removed()) {
            removed.objects().forEach(o -> kinds.add(new KindRef(o.apiVersion(), o.kind())));
        }
        Set<ObjectId> deleted = new HashSet<>();
        for (KindRef kind : kinds) {
            try {
                for (LiveObject live : applier.listManaged(kind.apiVersion(), kind.kind())) {
                    Optional<Owner> owner = ApplyPlanner.ownerOf(live.labels());
                    ObjectId id = ObjectId.of(live.ref());
                    if (owner.isPresent() && ApplyPlanner.shouldPrune(id, live.labels(), owner.get(), desiredOwners)) {
                        remove(live.ref(), live.adopted(), "no layer of " + owner.get().profile() + " holds it any more");
                        deleted.add(id);
                        applied.remove(id);
                    }
                }
            } catch (KubernetesClientException | IllegalStateException e) {
                LOG.infof("Could not prune %s: %s", kind, e.getMessage());
                complete = false;
            }
        }
        for (RemovedObjects removed : state.removed()) {
            Owner owner = new Owner(removed.profile(), removed.layer());
            for (ObjectRef ref : removed.objects()) {
                ObjectId id = ObjectId.of(ref);
                if (deleted.contains(id)) {
                    continue;
                }
                try {
                    Optional<Map<String, Object>> live = applier.get(ref);
                    if (live.isPresent() && ApplyPlanner.shouldPrune(id, labels(live.get()), owner, desiredOwners)) {
                        remove(ref, Applier.isAdopted(live.get()), "removed from " + removed.profile() + "/" + removed.layer());
                        applied.remove(id);
                    }
                } catch (KubernetesClientException | IllegalStateException e) {
                    LOG.infof("Could not prune %s: %s", ref, e.getMessage());
                    complete = false;
                }
            }
        }
        return complete;
    }

    /** Deletes what Mooring created; releases what it adopted (it never deletes an object it did not create). */
    private void remove(ObjectRef ref, boolean adopted, String why) {
        if (adopted) {
            applier.release(ref);
            LOG.infof("Released %s, which Mooring adopted and did not create (%s)", ref, why);
        } else {
            applier.delete(ref);
            LOG.infof("Pruned %s (%s)", ref, why);
        }
    }

    private void reportReadOnly() {
        for (DesiredProfile profile : desired.profiles()) {
            for (DesiredLayer layer : profile.layers()) {
                status(profile.attachmentId(), profile.generation(), layer.name(), LayerState.FAILED, READ_ONLY_MESSAGE);
            }
        }
    }

    private void forgetDetached(List<LayerPlan> plans) {
        Set<LayerKey> current = new HashSet<>();
        plans.forEach(p -> current.add(new LayerKey(p.attachmentId(), p.layer())));
        reported.keySet().retainAll(current);
        attemptedGeneration.keySet().retainAll(current);
        outbox.keySet().retainAll(current);
        Set<ObjectId> desiredIds = ApplyPlanner.desiredOwners(plans).keySet();
        applied.keySet().retainAll(desiredIds);
    }

    // ---------------------------------------------------------------- status reports

    private void status(LayerPlan plan, LayerState state, String message) {
        status(plan.attachmentId(), plan.generation(), plan.layer(), state, message);
    }

    private void status(UUID attachmentId, long generation, String layer, LayerState state, String message) {
        LayerKey key = new LayerKey(attachmentId, layer);
        LayerStatusUpdate update = new LayerStatusUpdate(attachmentId, generation, layer, state, message);
        LayerStatusUpdate last = outboxOrReported().get(key);
        if (update.equals(last)) {
            return;
        }
        outbox.remove(key);
        outbox.put(key, update);
    }

    private Map<LayerKey, LayerStatusUpdate> outboxOrReported() {
        Map<LayerKey, LayerStatusUpdate> all = new HashMap<>(reported);
        all.putAll(outbox);
        return all;
    }

    /** Sends what changed; kept for the next poll when the platform does not take it. */
    private void flush() {
        if (outbox.isEmpty() && prunedToReport == null) {
            return;
        }
        Map<LayerKey, LayerStatusUpdate> sending = new LinkedHashMap<>(outbox);
        Long pruned = prunedToReport;
        try {
            platform.report(new StatusReport(new ArrayList<>(sending.values()), pruned));
        } catch (PlatformException e) {
            if (e.retryable() || e.kind() == PlatformException.Kind.UNAUTHORIZED) {
                throw e;
            }
            // The platform refused the report itself: sending it again would be refused again.
            LOG.warnf("The add-on status report was refused and is dropped: %s", e.getMessage());
        }
        sending.forEach((key, update) -> {
            reported.put(key, update);
            if (update.equals(outbox.get(key))) {
                outbox.remove(key);
            }
        });
        if (pruned != null) {
            prunedReported = pruned;
            if (pruned.equals(prunedToReport)) {
                prunedToReport = null;
            }
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (PlatformException e) {
            LOG.debugf("Status not sent now, kept for later: %s", e.getMessage());
        }
    }

    private void remember(ObjectRef ref) {
        if (knownKinds.add(new KindRef(ref.apiVersion(), ref.kind()))) {
            state.write(StateDirectory.APPLIED_KINDS_FILE,
                    new AppliedKinds(knownKinds.stream().map(k -> k.apiVersion() + " " + k.kind()).toList()));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> labels(Map<String, Object> object) {
        Object metadata = object.get("metadata");
        if (metadata instanceof Map<?, ?> meta && meta.get("labels") instanceof Map<?, ?> labels) {
            return (Map<String, String>) labels;
        }
        return Map.of();
    }

    private static String cut(String message) {
        if (message == null) {
            return null;
        }
        return message.length() <= 4000 ? message : message.substring(0, 3999) + "…";
    }
}
