package io.mooring.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The agent's settings, {@code mooring.agent.*}. In a cluster, the import manifest's Secret gives the platform URL
 * and import token as the environment variables {@code MOORING_PLATFORM_URL} and {@code MOORING_IMPORT_TOKEN}
 * (application.properties maps them here); everything else has a default.
 */
@ConfigMapping(prefix = "mooring.agent")
public interface AgentConfig {

    /** Whether the agent starts its work at boot (false only for tests of the application itself). */
    @WithDefault("true")
    boolean enabled();

    /** The platform (gateway) URL, e.g. {@code https://mooring.example.com}. Required. */
    Optional<String> platformUrl();

    /** The single-use import token; not needed once a credential is stored. */
    Optional<String> importToken();

    /** Where the credential is kept across restarts (an emptyDir in the manifest: the root filesystem is read-only). */
    @WithDefault("/var/lib/mooring-agent")
    String stateDir();

    /**
     * A kubeconfig file for running outside a cluster (development, the local stack). Unset: the Quarkus
     * Kubernetes client's configuration, which is the in-cluster service account unless
     * {@code quarkus.kubernetes-client.api-server-url} says otherwise.
     */
    Optional<String> kubeconfig();

    /** The namespace the agent runs in (the manifest sets POD_NAMESPACE). */
    @WithDefault("mooring-system")
    String namespace();

    /** The name of the agent's Deployment and ServiceAccount. */
    @WithDefault("mooring-agent")
    String name();

    /** The version the agent reports; defaults to the application version. */
    Optional<String> version();

    /** After the cluster is deleted (or the registry refuses it for good): end the process instead of idling. */
    @WithDefault("false")
    boolean exitWhenStopped();

    Intervals intervals();

    Platform platform();

    Events events();

    Inventory inventory();

    Backoff backoff();

    Applier applier();

    interface Intervals {
        @WithDefault("30s")
        Duration heartbeat();

        /** Collections triggered by changes are at least this far apart. */
        @WithDefault("30s")
        Duration inventoryMin();

        /** The inventory is sent at least this often, changed or not. */
        @WithDefault("10m")
        Duration inventoryMax();

        /** How long events gather before a batch is sent. */
        @WithDefault("5s")
        Duration eventsFlush();

        /** Status to the registry (which also tells about migrations and deletion). */
        @WithDefault("60s")
        Duration status();

        /** Permission re-check; also done at once when the registry shows a pending migration. */
        @WithDefault("5m")
        Duration permissions();

        /** Desired add-on state poll (ETag, 304 while unchanged). */
        @WithDefault("30s")
        Duration addonsPoll();

        /** Drift re-check of applied add-ons. */
        @WithDefault("2m")
        Duration drift();
    }

    interface Platform {
        @WithDefault("5s")
        Duration connectTimeout();

        @WithDefault("30s")
        Duration requestTimeout();

        /**
         * Send inventory and event reports gzip-compressed (Content-Encoding: gzip; a 30,000-pod inventory shrinks
         * from about 3 MB to about 0.3 MB). A platform that answers 400 or 415 to a compressed body gets the
         * report again uncompressed, and compression stays off.
         */
        @WithDefault("true")
        boolean gzip();

        /** Refresh the token at least this long before it expires. */
        @WithDefault("60s")
        Duration refreshMargin();

        /**
         * The HTTPS proxy to reach the platform through, {@code http://host:port} (the manifest's {@code HTTPS_PROXY},
         * which the fabric8 client reads too). Unset: direct.
         */
        Optional<String> httpsProxy();

        /**
         * Hosts reached without the proxy, comma separated: names (and every name under them), IP addresses, CIDR
         * blocks (the manifest's {@code NO_PROXY}).
         */
        Optional<String> noProxy();

        /**
         * A PEM file of CA certificates trusted for the platform besides the JVM's default ones (the manifest
         * mounts the cluster's CA bundle and names it in {@code MOORING_PLATFORM_CA_BUNDLE}).
         */
        Optional<String> caBundle();
    }

    interface Events {
        /** Events kept while the platform is unreachable; the oldest are dropped (and counted) beyond. */
        @WithDefault("5000")
        int bufferSize();

        @WithDefault("500")
        int batchSize();

        /** Event uids remembered to skip unchanged repeats. */
        @WithDefault("20000")
        int dedupeEntries();
    }

    interface Inventory {
        /** Objects per list page (limit/continue). */
        @WithDefault("500")
        int pageSize();

        /** Pods in trouble named in one inventory (the most severe). */
        @WithDefault("500")
        int maxProblemPods();
    }

    interface Backoff {
        @WithDefault("1s")
        Duration initial();

        @WithDefault("5m")
        Duration max();

        @WithDefault("2.0")
        double multiplier();

        /** The random part (0..1) taken off each wait. */
        @WithDefault("0.5")
        double jitter();
    }

    interface Applier {
        /** Apply add-ons at all (only ever with full permission). */
        @WithDefault("true")
        boolean enabled();

        /** Use server-side apply; false forces the create-or-update path (it is also taken when the server lacks apply). */
        @WithDefault("true")
        boolean serverSideApply();
    }
}
