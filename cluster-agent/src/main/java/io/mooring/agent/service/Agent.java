package io.mooring.agent.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.agent.config.AgentSettings;
import io.mooring.agent.domain.Backoff;
import io.mooring.agent.domain.CleanupPlanner.Self;
import io.mooring.agent.domain.ClusterFacts;
import io.mooring.agent.domain.EventBuffer;
import io.mooring.agent.domain.EventDeduplicator;
import io.mooring.agent.domain.InventoryFingerprint;
import io.mooring.agent.domain.PermissionEvaluator.Verdict;
import io.mooring.agent.domain.ProviderDetector.Detection;
import io.mooring.agent.kubernetes.ApiResources;
import io.mooring.agent.kubernetes.Applier;
import io.mooring.agent.kubernetes.ChangeWatcher;
import io.mooring.agent.kubernetes.CleanupExecutor;
import io.mooring.agent.kubernetes.ClusterReader;
import io.mooring.agent.kubernetes.EventWatcher;
import io.mooring.agent.kubernetes.IdentitySecret;
import io.mooring.agent.kubernetes.InventoryCollector;
import io.mooring.agent.platform.CredentialManager;
import io.mooring.agent.platform.PlatformClient;
import io.mooring.agent.platform.PlatformClient.DesiredAnswer;
import io.mooring.agent.platform.PlatformException;
import io.mooring.agent.platform.PlatformException.Kind;
import io.mooring.agent.platform.PlatformJson;
import io.mooring.agent.platform.StateDirectory;
import io.mooring.events.addons.StatusReport;
import io.mooring.events.agent.AgentFacts;
import io.mooring.events.agent.AgentStatus;
import io.mooring.events.agent.AgentStatusReply;
import io.mooring.events.agent.EventBatch;
import io.mooring.events.agent.Heartbeat;
import io.mooring.events.agent.InventoryReport;
import io.mooring.events.inventory.Inventory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The agent: detects its cluster and its own permissions, registers (or goes on with its stored credential), and
 * then runs its loops on its own worker threads: heartbeat, status (migration, deletion), permission re-checks,
 * inventory (on change and at least every inventory-max), events (watched, buffered, batched in order) and, with
 * full permission only, the add-on applier. Every platform call backs off with jitter on failure; a success wakes
 * the loops that were waiting for the platform. Plain Java: Quarkus only starts and stops it.
 */
public final class Agent implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Agent.class);

    public enum Phase {
        /** Reading the cluster and its own permissions. */
        STARTING,
        /** Exchanging the import token or refreshing the stored credential. */
        REGISTERING,
        RUNNING,
        /** The cluster was deleted (or the agent was told to stop for good): nothing runs any more. */
        STOPPED
    }

    private final AgentSettings settings;
    private final Clock clock;
    private final ObjectMapper json;
    private final PlatformClient platform;
    private final StateDirectory state;
    private final CredentialManager credentials;
    private final ClusterReader reader;
    private final InventoryCollector collector;
    private final EventBuffer events;
    private final EventDeduplicator dedupe;
    private final ScheduledExecutorService executor;
    private final Random random = new Random();
    private final Runnable onStopped;
    private final KubernetesClient kubernetes;
    private final Applier applier;
    private final ApiResources apiResources;

    private volatile Phase phase = Phase.STARTING;
    private volatile Verdict verdict;
    private volatile Detection detection;
    private volatile String kubernetesVersion;
    private volatile String clusterUid;
    private volatile AgentStatusReply lastReply;
    private volatile String stopReason;
    private volatile Instant lastHeartbeat;
    private volatile Instant lastInventory;
    private volatile Instant lastCollection;
    private final AtomicLong heartbeatsSent = new AtomicLong();
    private final AtomicLong inventoriesSent = new AtomicLong();
    private final AtomicLong eventsSent = new AtomicLong();
    private volatile long lastInventoryBytes;

    private final AtomicBoolean inventoryDirty = new AtomicBoolean(true);
    private String lastInventoryHash;
    private InventoryReport pendingInventory;
    private String pendingInventoryHash;
    private EventBatch inflight;
    /** The latest last-seen time of the events the platform accepted (kept in the state directory across restarts). */
    private volatile Instant eventsDelivered;
    private volatile boolean cleaningUp;
    private boolean registrationRefused;

    private final List<Loop> loops = new ArrayList<>();
    private Loop startup;
    private Loop heartbeatLoop;
    private Loop statusLoop;
    private Loop addonLoop;
    private ChangeWatcher changeWatcher;
    private EventWatcher eventWatcher;
    private AddonController addons;

    /**
     * @param kubernetes the agent's client (its service account, or a kubeconfig in development)
     * @param onStopped  run once when the agent stops for good (the application may end the process)
     */
    public Agent(AgentSettings settings, KubernetesClient kubernetes, Clock clock, Runnable onStopped) {
        this.settings = settings;
        this.kubernetes = kubernetes;
        this.clock = clock;
        this.onStopped = onStopped;
        this.json = PlatformJson.mapper();
        this.platform = new PlatformClient(settings.platformUrl(), settings.connectTimeout(), settings.requestTimeout(), settings.gzip(), json,
                settings.agentVersion());
        this.state = new StateDirectory(StateDirectory.usable(settings.stateDir()), json);
        this.credentials = new CredentialManager(platform, state, settings.importToken(), settings.refreshMargin(), clock,
                new Backoff(settings.backoffInitial(), settings.backoffMax(), settings.backoffMultiplier(), settings.backoffJitter(), random),
                new IdentitySecret(kubernetes, settings.namespace(), settings.name()));
        this.reader = new ClusterReader(kubernetes, settings.inventoryPageSize());
        this.collector = new InventoryCollector(reader, settings.maxProblemPods());
        this.events = new EventBuffer(settings.eventBufferSize());
        this.dedupe = new EventDeduplicator(settings.eventDedupeEntries());
        this.apiResources = new ApiResources(kubernetes);
        this.applier = new Applier(kubernetes, apiResources, settings.serverSideApply(), this::mayWrite);
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(4, threads());
        pool.setRemoveOnCancelPolicy(true);
        this.executor = pool;
    }

    /** Starts the agent's work on its own threads and returns at once. */
    public synchronized void start() {
        String tokenHash = credentials.importTokenHash();
        var stopped = state.stopped();
        if (stopped.isPresent() && (tokenHash == null || tokenHash.equals(stopped.get().importTokenHash()))) {
            phase = Phase.STOPPED;
            stopReason = stopped.get().reason();
            LOG.infof("The agent stopped for good earlier (%s); it stays stopped. Apply a new import manifest to import the cluster again.",
                    stopReason);
            return;
        }
        if (stopped.isPresent()) {
            // A new import token in the Secret: the cluster was imported again, the old stop no longer applies.
            state.delete(StateDirectory.STOPPED_FILE);
        }
        eventsDelivered = state.eventsDelivered().orElse(null);
        startup = loop("startup", this::startUp, null);
        startup.start(Duration.ZERO);
    }

    public Phase phase() {
        return phase;
    }

    public EventBuffer eventBuffer() {
        return events;
    }

    public PlatformClient platform() {
        return platform;
    }

    public AgentSnapshot snapshot() {
        AgentStatusReply reply = lastReply;
        Verdict v = verdict;
        Detection d = detection;
        List<String> failing = new ArrayList<>();
        synchronized (loops) {
            for (Loop loop : loops) {
                if (loop.failing()) {
                    failing.add(loop.name() + ": " + loop.lastFailure());
                }
            }
        }
        AddonController a = addons;
        return new AgentSnapshot(phase, credentials.clusterId().orElse(null), v == null ? null : v.permissions(),
                d == null ? null : d.provider(), d == null ? null : d.platform(), kubernetesVersion,
                reply == null ? null : reply.status(), reply == null ? null : reply.importMode(), reply == null ? null : reply.pendingMigration(),
                lastHeartbeat, lastInventory, lastCollection, heartbeatsSent.get(), inventoriesSent.get(), lastInventoryBytes, eventsSent.get(), events.size(),
                events.capacity(), events.droppedTotal(), a == null ? -1 : a.appliedRevision(), stopReason, clusterUid,
                credentials.reRegistrations(), failing);
    }

    // ---------------------------------------------------------------- start-up

    private Duration startUp() {
        reader.warmUp();
        ClusterFacts facts = collector.facts();
        kubernetesVersion = facts.serverGitVersion();
        detection = collector.detect(facts);
        verdict = reader.permissions(settings.namespace());
        clusterUid = reader.clusterUid();
        LOG.infof("Cluster: Kubernetes %s, provider %s, platform %s; the agent's permissions: %s%s", kubernetesVersion,
                detection.provider(), detection.platform(), verdict.permissions(),
                verdict.missingReads().isEmpty() ? "" : " (cannot: " + String.join(", ", verdict.missingReads()) + ")");
        if (clusterUid == null) {
            LOG.warnf("Cannot read the %s namespace: the agent registers without its cluster's identity, and if it loses its"
                    + " state directory it needs a new import command", ClusterReader.IDENTITY_NAMESPACE);
        }
        phase = Phase.REGISTERING;
        try {
            UUID clusterId = credentials.establish(facts(), clusterUid);
            LOG.infof("Reporting to %s as cluster %s", platform.base(), clusterId);
        } catch (PlatformException e) {
            if (e.kind() == Kind.GONE && credentials.clusterId().isPresent()) {
                stop("the platform deleted this cluster");
                return null;
            }
            if (!e.retryable() && !registrationRefused) {
                registrationRefused = true;
                LOG.errorf("Cannot register with the platform (%s); waiting for a valid import token or credential", e.getMessage());
            }
            throw e;
        }
        phase = Phase.RUNNING;
        startLoops();
        return null;
    }

    private void startLoops() {
        Duration heartbeat = settings.heartbeatInterval();
        heartbeatLoop = loop("heartbeat", this::heartbeat, heartbeat);
        statusLoop = loop("status", this::status, settings.statusInterval());
        Loop permissionsLoop = loop("permissions", this::recheckPermissions, settings.permissionsInterval());
        Loop inventoryLoop = loop("inventory", this::inventory, null);
        Loop eventsLoop = loop("events", this::sendEvents, null);
        addons = new AddonController(new AddonController.Platform() {
            @Override
            public DesiredAnswer desired(String etag) {
                return withToken(token -> platform.desiredState(token, etag));
            }

            @Override
            public void report(StatusReport report) {
                withToken(token -> {
                    platform.addonStatus(token, report);
                    return null;
                });
            }
        }, applier, apiResources, state, this::mayWrite, clock, settings.driftInterval());
        addonLoop = loop("add-ons", this::pollAddons, null);

        statusLoop.start(Duration.ZERO);
        heartbeatLoop.start(Duration.ZERO);
        inventoryLoop.start(Duration.ZERO);
        eventsLoop.start(settings.eventsFlushInterval());
        permissionsLoop.start(settings.permissionsInterval());
        if (settings.applierEnabled()) {
            addonLoop.start(Duration.ZERO);
        }
        executor.execute(this::startWatches);
    }

    private void startWatches() {
        try {
            synchronized (this) {
                if (phase == Phase.STOPPED || cleaningUp) {
                    return;
                }
                eventWatcher = new EventWatcher(reader, events, dedupe, executor, settings.backoffMax(), () -> eventsDelivered);
                changeWatcher = new ChangeWatcher(kubernetes, () -> inventoryDirty.set(true), executor, settings.backoffMax());
            }
            eventWatcher.start();
            changeWatcher.start();
        } catch (RuntimeException e) {
            LOG.warnf("Watching the cluster failed (%s); trying again", e.getMessage());
            closeWatches();
            try {
                executor.schedule(this::startWatches, settings.backoffMax().toMillis() / 10 + 1, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException ignored) {
                // Shutting down.
            }
        }
    }

    // ---------------------------------------------------------------- loops

    private Duration heartbeat() {
        Instant now = clock.instant();
        withToken(token -> {
            platform.heartbeat(token, new Heartbeat(UUID.randomUUID(), now, settings.agentVersion(), verdict.permissions()));
            return null;
        });
        lastHeartbeat = now;
        heartbeatsSent.incrementAndGet();
        return settings.heartbeatInterval();
    }

    private Duration status() {
        AgentStatusReply reply;
        try {
            reply = withToken(token -> platform.status(token, new AgentStatus(facts(), false)));
        } catch (PlatformException e) {
            if (e.kind() == Kind.GONE) {
                stop("the platform deleted this cluster");
                return null;
            }
            throw e;
        }
        return handle(reply);
    }

    private Duration handle(AgentStatusReply reply) {
        lastReply = reply;
        if (AgentStatusReply.DELETED.equals(reply.status())) {
            stop("the platform deleted this cluster");
            return null;
        }
        if (reply.cleanup()) {
            return cleanUp(reply);
        }
        if (reply.pendingMigration() != null && !reply.pendingMigration().equals(verdict.permissions())) {
            String before = verdict.permissions();
            recheckPermissions();
            if (!before.equals(verdict.permissions())) {
                // Tell the registry at once: the migration is confirmed by the facts of the next status.
                return Duration.ZERO;
            }
        }
        return settings.statusInterval();
    }

    private Duration recheckPermissions() {
        Verdict now = reader.permissions(settings.namespace());
        Verdict before = verdict;
        verdict = now;
        if (before != null && !before.permissions().equals(now.permissions())) {
            LOG.infof("The agent's permissions changed from %s to %s", before.permissions(), now.permissions());
            wake(statusLoop);
            wake(heartbeatLoop);
            wake(addonLoop);
        }
        return settings.permissionsInterval();
    }

    private Duration inventory() {
        Instant now = clock.instant();
        boolean due = lastInventory == null || !now.isBefore(lastInventory.plus(settings.inventoryMaxInterval()));
        if (inventoryDirty.getAndSet(false) || due && pendingInventory == null) {
            InventoryCollector.Collection collection;
            try {
                collection = collector.collect();
            } catch (RuntimeException e) {
                inventoryDirty.set(true);
                throw e;
            }
            lastCollection = now;
            updateDetection(collection.detection(), collection.facts());
            Inventory inventory = collection.inventory();
            String hash = InventoryFingerprint.of(json, inventory);
            if (due || !hash.equals(lastInventoryHash)) {
                // Only the latest inventory is kept: an older one that was never sent is simply replaced.
                pendingInventory = new InventoryReport(UUID.randomUUID(), now, inventory);
                pendingInventoryHash = hash;
            }
            LOG.debugf("Inventory collected in %d ms (%d nodes, %d pods)%s", collection.took().toMillis(), inventory.nodes().size(),
                    inventory.pods().total(), pendingInventory == null ? ", unchanged" : "");
        }
        if (pendingInventory != null) {
            InventoryReport report = pendingInventory;
            try {
                withToken(token -> {
                    platform.inventory(token, report);
                    return null;
                });
            } catch (PlatformException e) {
                if (e.kind() != Kind.REJECTED && e.kind() != Kind.TOO_LARGE) {
                    throw e;
                }
                // Sending the same document again would be refused again: wait for the next change or the maximum interval.
                LOG.warnf("The platform refused the inventory: %s", e.getMessage());
                lastInventory = report.observedAt();
                lastInventoryHash = pendingInventoryHash;
                pendingInventory = null;
                return settings.inventoryMinInterval();
            }
            var body = platform.lastInventoryBody();
            lastInventoryBytes = body == null ? 0 : body.bytes();
            lastInventory = report.observedAt();
            lastInventoryHash = pendingInventoryHash;
            pendingInventory = null;
            inventoriesSent.incrementAndGet();
        }
        return settings.inventoryMinInterval();
    }

    private Duration sendEvents() {
        if (inflight == null) {
            EventBuffer.Batch batch = events.drain(settings.eventBatchSize());
            if (batch.isEmpty()) {
                return settings.eventsFlushInterval();
            }
            inflight = new EventBatch(UUID.randomUUID(), batch.events(), batch.dropped());
        }
        EventBatch batch = inflight;
        try {
            withToken(token -> {
                platform.events(token, batch);
                return null;
            });
        } catch (PlatformException e) {
            if (e.kind() == Kind.REJECTED || e.kind() == Kind.TOO_LARGE) {
                LOG.warnf("An event batch of %d was refused and is dropped: %s", batch.events().size(), e.getMessage());
                events.undelivered(new EventBuffer.Batch(batch.events(), batch.dropped()));
                inflight = null;
                return settings.eventsFlushInterval();
            }
            throw e;
        }
        inflight = null;
        eventsSent.addAndGet(batch.events().size());
        rememberDelivered(batch);
        return events.size() >= settings.eventBatchSize() ? Duration.ZERO : settings.eventsFlushInterval();
    }

    private Duration pollAddons() {
        if (cleaningUp) {
            return null;
        }
        addons.poll();
        return settings.addonsPollInterval();
    }

    private void rememberDelivered(EventBatch batch) {
        Instant latest = eventsDelivered;
        for (var event : batch.events()) {
            if (event.lastSeen() != null && (latest == null || event.lastSeen().isAfter(latest))) {
                latest = event.lastSeen();
            }
        }
        if (latest != null && !latest.equals(eventsDelivered)) {
            eventsDelivered = latest;
            try {
                state.eventsDelivered(latest);
            } catch (RuntimeException e) {
                LOG.debugf("Could not record the delivered events: %s", e.getMessage());
            }
        }
    }

    // ---------------------------------------------------------------- deletion

    private Duration cleanUp(AgentStatusReply reply) {
        if (!cleaningUp) {
            cleaningUp = true;
            LOG.infof("The cluster is being deleted: %s", verdict.full() ? "removing what the import installed" : "read-only, nothing to remove");
            synchronized (loops) {
                for (Loop loop : loops) {
                    if (loop != statusLoop) {
                        loop.stop();
                    }
                }
            }
            closeWatches();
        }
        if (mayWrite()) {
            CleanupExecutor.Result result = new CleanupExecutor(applier).remove(reply.remove(),
                    new Self(settings.namespace(), settings.name(), settings.name()));
            if (!result.complete()) {
                LOG.warnf("Cleanup incomplete, trying again: %s", result.failures());
                return settings.statusInterval();
            }
        }
        AgentStatusReply done;
        try {
            done = withToken(token -> platform.status(token, new AgentStatus(facts(), true)));
        } catch (PlatformException e) {
            if (e.kind() == Kind.GONE) {
                stop("the platform deleted this cluster");
                return null;
            }
            throw e;
        }
        lastReply = done;
        stop("the platform deleted this cluster");
        return null;
    }

    /** Stops for good: remembered in the state directory, so a restarted agent does not start over. */
    void stop(String reason) {
        synchronized (this) {
            if (phase == Phase.STOPPED) {
                return;
            }
            phase = Phase.STOPPED;
            stopReason = reason;
        }
        LOG.infof("The agent stops: %s", reason);
        try {
            state.stopped(new StateDirectory.Stopped(reason, clock.instant(), credentials.importTokenHash()));
        } catch (RuntimeException e) {
            LOG.warnf("Could not record the stop in the state directory: %s", e.getMessage());
        }
        stopLoops();
        closeWatches();
        if (onStopped != null) {
            onStopped.run();
        }
    }

    @Override
    public void close() {
        stopLoops();
        closeWatches();
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Writes are for a full-permission agent only: a read-only agent never writes to its cluster. */
    boolean mayWrite() {
        Verdict v = verdict;
        return v != null && v.full();
    }

    private AgentFacts facts() {
        Detection d = detection;
        return new AgentFacts(settings.agentVersion(), kubernetesVersion, d.provider(), d.platform(), verdict.permissions());
    }

    private void updateDetection(Detection detected, ClusterFacts facts) {
        Detection before = detection;
        detection = detected;
        kubernetesVersion = facts.serverGitVersion();
        if (before != null && !before.equals(detected)) {
            LOG.infof("Detection changed from %s to %s", before, detected);
            wake(statusLoop);
        }
    }

    /**
     * Runs a platform call with a valid token; a 401 gets one fresh token and one more try. A success wakes the
     * loops that were waiting out a failure: the platform is back.
     */
    private <T> T withToken(Function<String, T> call) {
        String token = credentials.accessToken();
        T result;
        try {
            result = call.apply(token);
        } catch (PlatformException e) {
            if (e.kind() != Kind.UNAUTHORIZED) {
                throw e;
            }
            result = call.apply(credentials.refreshAfterRefusal(token));
        }
        synchronized (loops) {
            for (Loop loop : loops) {
                loop.wakeUpIfFailing();
            }
        }
        return result;
    }

    private Loop loop(String name, Loop.Body body, Duration maxBackoff) {
        Backoff backoff = new Backoff(settings.backoffInitial(), settings.backoffMax(), settings.backoffMultiplier(), settings.backoffJitter(),
                random);
        Loop loop = new Loop(name, executor, body, backoff, maxBackoff);
        synchronized (loops) {
            loops.add(loop);
        }
        return loop;
    }

    private static void wake(Loop loop) {
        if (loop != null) {
            loop.wakeUp();
        }
    }

    private void stopLoops() {
        synchronized (loops) {
            loops.forEach(Loop::stop);
        }
    }

    private synchronized void closeWatches() {
        if (eventWatcher != null) {
            eventWatcher.close();
        }
        if (changeWatcher != null) {
            changeWatcher.close();
        }
    }

    private static ThreadFactory threads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "mooring-agent-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
