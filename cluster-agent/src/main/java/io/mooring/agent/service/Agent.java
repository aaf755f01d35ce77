package io.mooring.agent.service;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.agent.config.AgentSettings;
import io.mooring.agent.domain.ClusterFacts;
import io.mooring.agent.domain.EventBuffer;
import io.mooring.agent.domain.PermissionEvaluator.Verdict;
import io.mooring.agent.domain.ProviderDetector.Detection;
import io.mooring.agent.kubernetes.ChangeWatcher;
import io.mooring.agent.kubernetes.ClusterReader;
import io.mooring.agent.kubernetes.EventWatcher;
import io.mooring.agent.platform.PlatformClient;
import io.mooring.agent.platform.PlatformClient.DesiredAnswer;
import io.mooring.agent.platform.PlatformException;
import io.mooring.agent.platform.PlatformException.Kind;
import io.mooring.agent.platform.StateDirectory;
import io.mooring.events.addons.StatusReport;
import io.mooring.events.agent.AgentStatusReply;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The agent: detects its cluster and its own permissions, registers (or goes on with its stored credential), and
 * then runs its loops on its own worker threads: heartbeat, status (migration, deletion), permission re-checks,
 * inventory (on change and at least every inventory-max), events (watched, buffered, batched in order) and, with
 * full permission only, the add-on applier. Every platform call backs off with jitter on failure; a success wakes
 * the loops that were waiting for the platform. Plain Java: Quarkus only starts and stops it.
 *
 * <p>Its collaborators are built by {@link AgentAssembly}; each loop keeps its own state ({@link HeartbeatLoop},
 * {@link StatusLoop}, {@link PermissionsLoop}, {@link InventoryLoop}, {@link EventsLoop}, the {@link AddonController});
 * the agent owns its life: start-up, the watches, the stop for good.
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

    private final AgentAssembly parts;
    private final AgentSettings settings;
    private final Loops loops;
    private final Runnable onStopped;

    private final HeartbeatLoop heartbeat;
    private final PermissionsLoop permissions;
    private final StatusLoop status;
    private final InventoryLoop inventory;
    private final EventsLoop events;

    private volatile Phase phase = Phase.STARTING;
    private volatile String stopReason;
    private boolean registrationRefused;

    private Loop heartbeatLoop;
    private Loop statusLoop;
    private Loop addonLoop;
    private ChangeWatcher changeWatcher;
    private EventWatcher eventWatcher;
    private volatile AddonController addons;

    /**
     * @param kubernetes the agent's client (its service account, or a kubeconfig in development)
     * @param onStopped  run once when the agent stops for good (the application may end the process)
     */
    public Agent(AgentSettings settings, KubernetesClient kubernetes, Clock clock, Runnable onStopped) {
        this.parts = new AgentAssembly(settings, kubernetes, clock);
        this.settings = settings;
        this.loops = parts.loops;
        this.onStopped = onStopped;
        this.heartbeat = new HeartbeatLoop(parts);
        this.permissions = new PermissionsLoop(parts, () -> {
            Loops.wake(statusLoop);
            Loops.wake(heartbeatLoop);
            Loops.wake(addonLoop);
        });
        this.status = new StatusLoop(parts, permissions, () -> {
            loops.stopAllBut(statusLoop);
            closeWatches();
        }, this::stop);
        this.inventory = new InventoryLoop(parts, () -> Loops.wake(statusLoop));
        this.events = new EventsLoop(parts);
    }

    /** Starts the agent's work on its own threads and returns at once. */
    public synchronized void start() {
        StateDirectory state = parts.state;
        String tokenHash = parts.credentials.importTokenHash();
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
        events.restore();
        loops.create("startup", this::startUp, null).start(Duration.ZERO);
    }

    public Phase phase() {
        return phase;
    }

    public EventBuffer eventBuffer() {
        return parts.events;
    }

    public PlatformClient platform() {
        return parts.platform;
    }

    public AgentSnapshot snapshot() {
        AgentStatusReply reply = status.lastReply();
        ClusterView cluster = parts.cluster;
        Verdict v = cluster.verdict();
        Detection d = cluster.detection();
        EventBuffer buffer = parts.events;
        AddonController a = addons;
        return new AgentSnapshot(phase, parts.credentials.clusterId().orElse(null), v == null ? null : v.permissions(),
                d == null ? null : d.provider(), d == null ? null : d.platform(), cluster.kubernetesVersion(),
                reply == null ? null : reply.status(), reply == null ? null : reply.importMode(), reply == null ? null : reply.pendingMigration(),
                heartbeat.last(), inventory.lastSent(), inventory.lastCollection(), heartbeat.sent(), inventory.sent(), inventory.lastBytes(),
                events.sent(), buffer.size(), buffer.capacity(), buffer.droppedTotal(), a == null ? -1 : a.appliedRevision(), stopReason,
                cluster.clusterUid(), parts.credentials.reRegistrations(), loops.failing());
    }

    // ---------------------------------------------------------------- start-up

    private Duration startUp() {
        ClusterReader reader = parts.reader;
        ClusterView cluster = parts.cluster;
        reader.warmUp();
        ClusterFacts facts = parts.collector.facts();
        cluster.kubernetesVersion(facts.serverGitVersion());
        cluster.detection(parts.collector.detect(facts));
        cluster.verdict(reader.permissions(settings.namespace()));
        cluster.clusterUid(reader.clusterUid());
        Detection detection = cluster.detection();
        Verdict verdict = cluster.verdict();
        LOG.infof("Cluster: Kubernetes %s, provider %s, platform %s; the agent's permissions: %s%s", cluster.kubernetesVersion(),
                detection.provider(), detection.platform(), verdict.permissions(),
                verdict.missingReads().isEmpty() ? "" : " (cannot: " + String.join(", ", verdict.missingReads()) + ")");
        if (cluster.clusterUid() == null) {
            LOG.warnf("Cannot read the %s namespace: the agent registers without its cluster's identity, and if it loses its"
                    + " state directory it needs a new import command", ClusterReader.IDENTITY_NAMESPACE);
        }
        phase = Phase.REGISTERING;
        try {
            UUID clusterId = parts.credentials.establish(cluster.facts(settings.agentVersion()), cluster.clusterUid());
            LOG.infof("Reporting to %s as cluster %s", parts.platform.base(), clusterId);
        } catch (PlatformException e) {
            if (e.kind() == Kind.GONE && parts.credentials.clusterId().isPresent()) {
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
        heartbeatLoop = loops.create("heartbeat", heartbeat, settings.heartbeatInterval());
        statusLoop = loops.create("status", status, settings.statusInterval());
        Loop permissionsLoop = loops.create("permissions", permissions, settings.permissionsInterval());
        Loop inventoryLoop = loops.create("inventory", inventory, null);
        Loop eventsLoop = loops.create("events", events, null);
        PlatformCalls calls = parts.calls;
        PlatformClient platform = parts.platform;
        addons = new AddonController(new AddonController.Platform() {
            @Override
            public DesiredAnswer desired(String etag) {
                return calls.call(token -> platform.desiredState(token, etag));
            }

            @Override
            public void report(StatusReport report) {
                calls.run(token -> platform.addonStatus(token, report));
            }
        }, parts.applier, parts.apiResources, parts.state, parts.cluster::mayWrite, parts.clock, settings.driftInterval());
        addonLoop = loops.create("add-ons", this::pollAddons, null);

        statusLoop.start(Duration.ZERO);
        heartbeatLoop.start(Duration.ZERO);
        inventoryLoop.start(Duration.ZERO);
        eventsLoop.start(settings.eventsFlushInterval());
        permissionsLoop.start(settings.permissionsInterval());
        if (settings.applierEnabled()) {
            addonLoop.start(Duration.ZERO);
        }
        loops.executor().execute(this::startWatches);
    }

    private Duration pollAddons() {
        if (status.cleaningUp()) {
            return null;
        }
        addons.poll();
        return settings.addonsPollInterval();
    }

    private void startWatches() {
        try {
            synchronized (this) {
                if (phase == Phase.STOPPED || status.cleaningUp()) {
                    return;
                }
                eventWatcher = new EventWatcher(parts.reader, parts.events, parts.dedupe, loops.executor(), settings.backoffMax(),
                        events::delivered);
                changeWatcher = new ChangeWatcher(parts.kubernetes, inventory::markDirty, loops.executor(), settings.backoffMax());
            }
            eventWatcher.start();
            changeWatcher.start();
        } catch (RuntimeException e) {
            LOG.warnf("Watching the cluster failed (%s); trying again", e.getMessage());
            closeWatches();
            try {
                loops.executor().schedule(this::startWatches, settings.backoffMax().toMillis() / 10 + 1, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException ignored) {
                // Shutting down.
            }
        }
    }

    // ---------------------------------------------------------------- the end

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
            parts.state.stopped(new StateDirectory.Stopped(reason, parts.clock.instant(), parts.credentials.importTokenHash()));
        } catch (RuntimeException e) {
            LOG.warnf("Could not record the stop in the state directory: %s", e.getMessage());
        }
        loops.stopAll();
        closeWatches();
        if (onStopped != null) {
            onStopped.run();
        }
    }

    @Override
    public void close() {
        loops.stopAll();
        closeWatches();
        loops.shutdown();
    }

    private synchronized void closeWatches() {
        if (eventWatcher != null) {
            eventWatcher.close();
        }
        if (changeWatcher != null) {
            changeWatcher.close();
        }
    }
}
