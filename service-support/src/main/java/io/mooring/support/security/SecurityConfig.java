package io.mooring.support.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who may sign which tokens. Both signers' public keys are in the JWKS at {@code mp.jwt.verify.publickey.location}. */
@ConfigMapping(prefix = "mooring.security")
public interface SecurityConfig {

    /** Issuer of user tokens (the identity provider). */
    @WithDefault("https://auth.mooring.local")
    String userIssuer();

    /** Issuer of agent tokens (the registry). */
    @WithDefault("mooring-registry")
    String agentIssuer();

    /**
     * The audience ({@code aud}) every token must carry; the registry puts it in the agent tokens it signs.
     * Verified through {@code mp.jwt.verify.audiences}, which defaults to this value.
     */
    @WithDefault("mooring")
    String audience();

    /** Key id of the registry's agent-signing key: a token signed with it can only be an agent token. */
    @WithDefault("mooring-agents-1")
    String agentKeyId();
}
