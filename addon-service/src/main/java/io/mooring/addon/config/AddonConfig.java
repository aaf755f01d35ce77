package io.mooring.addon.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of addon-service, under {@code mooring.addon}. */
@ConfigMapping(prefix = "mooring.addon")
public interface AddonConfig {

    Charts charts();

    Helm helm();

    Paging paging();

    interface Charts {
        /** Largest chart archive, uploaded (after base64 decoding) or downloaded from a chart repository. */
        @WithDefault("4M")
        MemorySize maxArchiveSize();

        /** Largest {@code index.yaml} read from a chart repository. */
        @WithDefault("8M")
        MemorySize maxIndexSize();

        /**
         * Longest fetching one chart from a chart repository may take, all of it: the index and the archive,
         * redirects, connecting, waiting for answers and reading bodies (a host that trickles is cut off here).
         */
        @WithDefault("20s")
        Duration downloadTimeout();

        /** Longest connecting to a chart repository may take (within {@link #downloadTimeout}). */
        @WithDefault("5s")
        Duration connectTimeout();

        /**
         * Hosts charts may come from (chart repositories and OCI registries): {@code charts.example.com}, or
         * {@code *.example.com} for its subdomains. Unset: any host, subject to {@link #allowPrivateAddresses}.
         */
        Optional<List<String>> allowedHosts();

        /**
         * Whether a chart host may resolve to a loopback, private, link-local or otherwise non-public address.
         * Off, so that a profile cannot make the service call what only it can reach (cloud metadata, databases);
         * on for a repository inside a trusted network, and in tests.
         */
        @WithDefault("false")
        boolean allowPrivateAddresses();
    }

    interface Helm {
        /** How many Helm renderings may run at once (each runs on a thread of its own, never the event loop). */
        @WithDefault("2")
        int concurrency();

        /**
         * How many renderings (and chart downloads) may wait for a free worker; beyond that a request that needs
         * one is answered 503 with {@code Retry-After}.
         */
        @WithDefault("16")
        int queueSize();

        /**
         * Longest one Helm rendering may take. A chart that does not render in time is refused (422): the chart,
         * with these values, is what is wrong. Helm runs in native code that cannot be interrupted, so an overdue
         * rendering keeps its thread until Helm returns; at most {@code 2 × concurrency} such threads exist, and
         * renderings are refused as busy (503) while all of them are taken.
         */
        @WithDefault("30s")
        Duration renderTimeout();

        /** Largest output of one Helm rendering (the layer's manifests, as text). */
        @WithDefault("16M")
        MemorySize maxRenderedSize();

        /** Kubernetes version Helm renders for ({@code .Capabilities.KubeVersion}); Helm's default when unset. */
        Optional<String> kubeVersion();

        /**
         * Whether Helm talks plain HTTP to OCI registries (for a registry inside a trusted network or a test);
         * HTTPS otherwise.
         */
        @WithDefault("false")
        boolean ociPlainHttp();

        /** Most objects one layer may render to. */
        @WithDefault("1000")
        int maxObjectsPerLayer();
    }

    interface Paging {
        @WithDefault("20")
        int defaultLimit();
    }
}
