package io.mooring.registry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/** What the registry needs to know about the installation it serves. */
@ConfigMapping(prefix = "mooring.registry")
public interface RegistryConfig {

    /**
     * The URL agents and kubectl reach the platform at (the gateway): import commands, manifests and the
     * agent's Secret point there.
     */
    @WithDefault("http://localhost:8080")
    URI publicUrl();

    /** How long an import command (its manifest URL and token) stays usable. */
    @WithDefault("24h")
    Duration importTokenTtl();

    /** How long a cleanup manifest URL is served after a deletion was requested. */
    @WithDefault("7d")
    Duration cleanupManifestTtl();

    /** How long the first answer to a request with an Idempotency-Key is kept for replays. */
    @WithDefault("24h")
    Duration idempotencyTtl();

    /** How long expired tokens are kept (so their URLs answer 410 rather than 404) before they are purged. */
    @WithDefault("7d")
    Duration expiredTokenRetention();

    /** How often long-expired tokens and idempotent answers are purged (read by the scheduler). */
    @WithDefault("1h")
    Duration purgeEvery();

    /** How long after start the first purge runs. */
    @WithDefault("5m")
    Duration purgeDelay();

    /** The agent Deployment the import manifest installs. */
    Agent agent();

    interface Agent {
        /** The cluster-agent image. */
        @WithDefault("ghcr.io/mooring/cluster-agent:0.1.0")
        String image();

        @WithDefault("IfNotPresent")
        String imagePullPolicy();

        @WithDefault("50m")
        String cpuRequest();

        @WithDefault("128Mi")
        String memoryRequest();

        @WithDefault("500m")
        String cpuLimit();

        @WithDefault("256Mi")
        String memoryLimit();
    }
}
