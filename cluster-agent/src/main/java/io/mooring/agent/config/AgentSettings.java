package io.mooring.agent.config;

import java.net.URI;
import java.nio.file.Path;
import io.mooring.agent.platform.NoProxy;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The agent's settings as plain values, so that the agent can be assembled without Quarkus (tests run several
 * agents in one JVM). {@link #from(AgentConfig, String)} reads them from {@code mooring.agent.*}.
 */
public record AgentSettings(
        URI platformUrl,
        String importToken,
        Path stateDir,
        String namespace,
        String name,
        String agentVersion,
        boolean exitWhenStopped,
        Duration heartbeatInterval,
        Duration inventoryMinInterval,
        Duration inventoryMaxInterval,
        Duration eventsFlushInterval,
        Duration statusInterval,
        Duration permissionsInterval,
        Duration addonsPollInterval,
        Duration driftInterval,
        Duration connectTimeout,
        Duration requestTimeout,
        boolean gzip,
        Duration refreshMargin,
        int eventBufferSize,
        int eventBatchSize,
        int eventDedupeEntries,
        int inventoryPageSize,
        int maxProblemPods,
        Duration backoffInitial,
        Duration backoffMax,
        double backoffMultiplier,
        double backoffJitter,
        boolean applierEnabled,
        boolean serverSideApply,
        String httpsProxy,
        List<String> noProxy,
        Path platformCaBundle) {

    public AgentSettings {
        Objects.requireNonNull(platformUrl, "the platform URL (MOORING_PLATFORM_URL, mooring.agent.platform-url) is required");
        Objects.requireNonNull(stateDir, "stateDir");
        noProxy = noProxy == null ? List.of() : List.copyOf(noProxy);
        if (eventBufferSize < 1 || eventBatchSize < 1 || inventoryPageSize < 1) {
            throw new IllegalArgumentException("buffer, batch and page sizes must be at least 1");
        }
    }

    public static AgentSettings from(AgentConfig config, String applicationVersion) {
        String url = config.platformUrl().orElseThrow(() -> new IllegalStateException(
                "mooring.agent.platform-url is not set: the agent needs MOORING_PLATFORM_URL from its Secret"));
        return new Builder()
                .platformUrl(URI.create(url))
                .importToken(config.importToken().orElse(null))
                .stateDir(Path.of(config.stateDir()))
                .namespace(config.namespace())
                .name(config.name())
                .agentVersion(config.version().orElse(applicationVersion))
                .exitWhenStopped(config.exitWhenStopped())
                .heartbeatInterval(config.intervals().heartbeat())
                .inventoryMinInterval(config.intervals().inventoryMin())
                .inventoryMaxInterval(config.intervals().inventoryMax())
                .eventsFlushInterval(config.intervals().eventsFlush())
                .statusInterval(config.intervals().status())
                .permissionsInterval(config.intervals().permissions())
                .addonsPollInterval(config.intervals().addonsPoll())
                .driftInterval(config.intervals().drift())
                .connectTimeout(config.platform().connectTimeout())
                .requestTimeout(config.platform().requestTimeout())
                .gzip(config.platform().gzip())
                .refreshMargin(config.platform().refreshMargin())
                .eventBufferSize(config.events().bufferSize())
                .eventBatchSize(config.events().batchSize())
                .eventDedupeEntries(config.events().dedupeEntries())
                .inventoryPageSize(config.inventory().pageSize())
                .maxProblemPods(config.inventory().maxProblemPods())
                .backoffInitial(config.backoff().initial())
                .backoffMax(config.backoff().max())
                .backoffMultiplier(config.backoff().multiplier())
                .backoffJitter(config.backoff().jitter())
                .applierEnabled(config.applier().enabled())
                .serverSideApply(config.applier().serverSideApply())
                .httpsProxy(config.platform().httpsProxy().orElse(null))
                .noProxy(NoProxy.split(config.platform().noProxy().orElse(null)))
                .platformCaBundle(config.platform().caBundle().map(Path::of).orElse(null))
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Starts from the production defaults of {@link AgentConfig}. */
    public static final class Builder {
        private URI platformUrl;
        private String importToken;
        private Path stateDir = Path.of("/var/lib/mooring-agent");
        private String namespace = "mooring-system";
        private String name = "mooring-agent";
        private String agentVersion = "0.0.0-dev";
        private boolean exitWhenStopped;
        private Duration heartbeatInterval = Duration.ofSeconds(30);
        private Duration inventoryMinInterval = Duration.ofSeconds(30);
        private Duration inventoryMaxInterval = Duration.ofMinutes(10);
        private Duration eventsFlushInterval = Duration.ofSeconds(5);
        private Duration statusInterval = Duration.ofSeconds(60);
        private Duration permissionsInterval = Duration.ofMinutes(5);
        private Duration addonsPollInterval = Duration.ofSeconds(30);
        private Duration driftInterval = Duration.ofMinutes(2);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private boolean gzip = true;
        private Duration refreshMargin = Duration.ofSeconds(60);
        private int eventBufferSize = 5000;
        private int eventBatchSize = 500;
        private int eventDedupeEntries = 20_000;
        private int inventoryPageSize = 500;
        private int maxProblemPods = 500;
        private Duration backoffInitial = Duration.ofSeconds(1);
        private Duration backoffMax = Duration.ofMinutes(5);
        private double backoffMultiplier = 2.0;
        private double backoffJitter = 0.5;
        private boolean applierEnabled = true;
        private boolean serverSideApply = true;
        private String httpsProxy;
        private List<String> noProxy = List.of();
        private Path platformCaBundle;

        private Builder() {
        }

        private Builder(AgentSettings s) {
            platformUrl = s.platformUrl;
            importToken = s.importToken;
            stateDir = s.stateDir;
            namespace = s.namespace;
            name = s.name;
            agentVersion = s.agentVersion;
            exitWhenStopped = s.exitWhenStopped;
            heartbeatInterval = s.heartbeatInterval;
            inventoryMinInterval = s.inventoryMinInterval;
            inventoryMaxInterval = s.inventoryMaxInterval;
            eventsFlushInterval = s.eventsFlushInterval;
            statusInterval = s.statusInterval;
            permissionsInterval = s.permissionsInterval;
            addonsPollInterval = s.addonsPollInterval;
            driftInterval = s.driftInterval;
            connectTimeout = s.connectTimeout;
            requestTimeout = s.requestTimeout;
            gzip = s.gzip;
            refreshMargin = s.refreshMargin;
            eventBufferSize = s.eventBufferSize;
            eventBatchSize = s.eventBatchSize;
            eventDedupeEntries = s.eventDedupeEntries;
            inventoryPageSize = s.inventoryPageSize;
            maxProblemPods = s.maxProblemPods;
            backoffInitial = s.backoffInitial;
            backoffMax = s.backoffMax;
            backoffMultiplier = s.backoffMultiplier;
            backoffJitter = s.backoffJitter;
            applierEnabled = s.applierEnabled;
            serverSideApply = s.serverSideApply;
            httpsProxy = s.httpsProxy;
            noProxy = s.noProxy;
            platformCaBundle = s.platformCaBundle;
        }

        public Builder platformUrl(URI v) { platformUrl = v; return this; }
        public Builder importToken(String v) { importToken = v; return this; }
        public Builder stateDir(Path v) { stateDir = v; return this; }
        public Builder namespace(String v) { namespace = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder agentVersion(String v) { agentVersion = v; return this; }
        public Builder exitWhenStopped(boolean v) { exitWhenStopped = v; return this; }
        public Builder heartbeatInterval(Duration v) { heartbeatInterval = v; return this; }
        public Builder inventoryMinInterval(Duration v) { inventoryMinInterval = v; return this; }
        public Builder inventoryMaxInterval(Duration v) { inventoryMaxInterval = v; return this; }
        public Builder eventsFlushInterval(Duration v) { eventsFlushInterval = v; return this; }
        public Builder statusInterval(Duration v) { statusInterval = v; return this; }
        public Builder permissionsInterval(Duration v) { permissionsInterval = v; return this; }
        public Builder addonsPollInterval(Duration v) { addonsPollInterval = v; return this; }
        public Builder driftInterval(Duration v) { driftInterval = v; return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        public Builder requestTimeout(Duration v) { requestTimeout = v; return this; }
        public Builder gzip(boolean v) { gzip = v; return this; }
        public Builder refreshMargin(Duration v) { refreshMargin = v; return this; }
        public Builder eventBufferSize(int v) { eventBufferSize = v; return this; }
        public Builder eventBatchSize(int v) { eventBatchSize = v; return this; }
        public Builder eventDedupeEntries(int v) { eventDedupeEntries = v; return this; }
        public Builder inventoryPageSize(int v) { inventoryPageSize = v; return this; }
        public Builder maxProblemPods(int v) { maxProblemPods = v; return this; }
        public Builder backoffInitial(Duration v) { backoffInitial = v; return this; }
        public Builder backoffMax(Duration v) { backoffMax = v; return this; }
        public Builder backoffMultiplier(double v) { backoffMultiplier = v; return this; }
        public Builder backoffJitter(double v) { backoffJitter = v; return this; }
        public Builder applierEnabled(boolean v) { applierEnabled = v; return this; }
        public Builder serverSideApply(boolean v) { serverSideApply = v; return this; }
        public Builder httpsProxy(String v) { httpsProxy = v; return this; }
        public Builder noProxy(List<String> v) { noProxy = v; return this; }
        public Builder platformCaBundle(Path v) { platformCaBundle = v; return this; }

        public AgentSettings build() {
            return new AgentSettings(platformUrl, importToken, stateDir, namespace, name, agentVersion, exitWhenStopped,
                    heartbeatInterval, inventoryMinInterval, inventoryMaxInterval, eventsFlushInterval, statusInterval,
                    permissionsInterval, addonsPollInterval, driftInterval, connectTimeout, requestTimeout, gzip, refreshMargin,
                    eventBufferSize, eventBatchSize, eventDedupeEntries, inventoryPageSize, maxProblemPods, backoffInitial, backoffMax,
                    backoffMultiplier, backoffJitter, applierEnabled, serverSideApply, httpsProxy, noProxy, platformCaBundle);
        }
    }
}
