package io.mooring.support.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Who may sign which tokens, and where a user token carries its roles and projects. User tokens are verified
 * with the keys of the OpenID Connect provider at {@link #userIssuer()} (found by discovery), agent tokens with
 * the registry's key ({@link AgentTenant}).
 */
@ConfigMapping(prefix = "mooring.security")
public interface SecurityConfig {

    /**
     * Issuer URL of the OpenID Connect provider that signs user tokens: its keys are found through
     * {@code <issuer>/.well-known/openid-configuration}, and tokens must name exactly the issuer it announces.
     */
    @WithDefault("https://auth.mooring.local")
    String userIssuer();

    /** Issuer of agent tokens (the registry). */
    @WithDefault("mooring-registry")
    String agentIssuer();

    /**
     * The audience ({@code aud}) every token must carry; the registry puts it in the agent tokens it signs.
     * Verified through {@code quarkus.oidc.token.audience} (users) and the agent tenant (agents).
     */
    @WithDefault("mooring")
    String audience();

    /**
     * A token signed with a key the service does not know makes it fetch the provider's key set again, at most
     * this often (applied through {@code quarkus.oidc.token.forced-jwk-refresh-interval}).
     */
    @WithDefault("5M")
    Duration jwksRefreshInterval();

    /** Key id of the registry's agent-signing key. */
    @WithDefault("mooring-agents-1")
    String agentKeyId();

    /**
     * Where the services other than the registry fetch the registry's agent key set
     * ({@code <registry>/api/v1/agent/jwks.json}). The registry verifies with its own key and needs none.
     */
    Optional<String> agentJwksUrl();

    /**
     * The claim of a user token that carries its roles, as a path with {@code /} between nested names:
     * {@code groups} (Okta, Keycloak's group mapper), {@code roles} (Entra ID app roles),
     * {@code realm_access/roles} (Keycloak realm roles).
     */
    @WithDefault("groups")
    String rolesClaim();

    /** The claim of a user token that carries the projects its user may see (a path, like {@link #rolesClaim()}). */
    @WithDefault("projects")
    String projectsClaim();

    /** Verified agent tokens kept until they expire ({@link AgentTokenCache}). */
    AgentTokenCacheConfig agentTokenCache();

    interface AgentTokenCacheConfig {
        /**
         * At most this many agent tokens are kept verified (10,000 agents hold one or two each); 0 verifies every
         * agent token on every request.
         */
        @WithDefault("20000")
        long maxSize();
    }

    /** The provider's names for Mooring's roles. */
    RoleNames roleNames();

    interface RoleNames {
        /** Names in the roles claim that make a {@link Roles#VIEWER}. */
        @WithDefault(Roles.VIEWER)
        List<String> viewer();

        /** Names in the roles claim that make a {@link Roles#OPERATOR}. */
        @WithDefault(Roles.OPERATOR)
        List<String> operator();

        /** Names in the roles claim that make a {@link Roles#ADMIN}. */
        @WithDefault(Roles.ADMIN)
        List<String> admin();
    }
}
