package io.mooring.registry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The agent credentials the registry issues. Issuer and key id are {@code mooring.security.*}. */
@ConfigMapping(prefix = "mooring.agent-tokens")
public interface AgentTokenConfig {

    /**
     * The registry's RSA private key (PKCS#8 PEM file) that signs agent JWTs; its public key is served as a
     * JWKS at {@code /api/v1/agent/jwks.json} and must be in every service's verification JWKS.
     */
    String signingKeyLocation();

    /** Lifetime of an agent JWT. */
    @WithDefault("15m")
    Duration ttl();

    /** How long a rotated refresh secret is still accepted, for an agent that missed the refresh answer. */
    @WithDefault("2m")
    Duration refreshGrace();

    /**
     * How long after a re-registration the refresh secret it replaced still marks an identity conflict when it is
     * presented: longer than an agent JWT lives, so the replaced agent's next refresh falls inside it.
     */
    @WithDefault("1h")
    Duration conflictWindow();
}
