package io.mooring.support.security;

import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Sends agent tokens (issuer {@code mooring.security.agent-issuer}) to a tenant of their own, which knows only the
 * registry's key: its key set at {@code mooring.security.agent-jwks-url}, or the key itself in the registry
 * ({@link AgentVerificationKey}). Every other token goes to the default tenant, the user tokens' OpenID Connect
 * provider. The issuer read here is not yet verified, and need not be: each tenant verifies the signature with its
 * own keys and the issuer with its own, so a token that names the wrong issuer for its key fails either way.
 */
@ApplicationScoped
public class AgentTenant implements TenantConfigResolver {

    /** The tenant id of agent tokens, in the identity's {@code tenant-id} attribute. */
    public static final String ID = "mooring-agents";

    private static final Logger LOG = Logger.getLogger(AgentTenant.class);

    private final SecurityConfig config;
    private final Instance<AgentVerificationKey> ownKey;
    private final AgentTokenCache verified;
    /** Built once: quarkus-oidc keeps a dynamic tenant's keys for as long as it is handed the same config object. */
    private volatile Optional<OidcTenantConfig> tenant;

    public AgentTenant(SecurityConfig config, Instance<AgentVerificationKey> ownKey, AgentTokenCache verified) {
        this.config = config;
        this.ownKey = ownKey;
        this.verified = verified;
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> requestContext) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        // A kept agent token was an agent token when it was verified: no need to read its payload again.
        if (verified.holds(bearerToken(authorization))) {
            return Uni.createFrom().item(tenant().orElse(null));
        }
        String issuer = unverifiedIssuer(authorization);
        if (!config.agentIssuer().equals(issuer)) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(tenant().orElse(null));
    }

    private Optional<OidcTenantConfig> tenant() {
        Optional<OidcTenantConfig> built = tenant;
        if (built == null) {
            built = build();
            tenant = built;
        }
        return built;
    }

    private Optional<OidcTenantConfig> build() {
        var builder = OidcTenantConfig.builder().tenantId(ID)
                .applicationType(io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType.SERVICE);
        if (ownKey.isResolvable()) {
            builder.publicKey(Base64.getEncoder().encodeToString(ownKey.get().publicKey().getEncoded()));
        } else if (config.agentJwksUrl().isPresent()) {
            String url = config.agentJwksUrl().get();
            URI uri = URI.create(url);
            builder.authServerUrl(uri.getScheme() + "://" + uri.getRawAuthority())
                    .discoveryEnabled(false)
                    .jwksPath(url);
        } else {
            LOG.warn("Neither mooring.security.agent-jwks-url nor the agent key is configured: agent tokens are refused");
            return Optional.empty();
        }
        return Optional.of(builder.token()
                .issuer(config.agentIssuer())
                .audience(List.of(config.audience()))
                .allowJwtIntrospection(false)
                .allowOpaqueTokenIntrospection(false)
                .end()
                .build());
    }

    /**
     * Looked up once: {@code Json.createReader} looks the provider up with a ServiceLoader on every call, a class
     * path scan that was about a twentieth of the registry's CPU per import (issue #15), on every authenticated
     * request of every service.
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** The token of a bearer {@code Authorization} header, null for anything else. */
    static String bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    /** The {@code iss} of a bearer JWT, unverified; null for anything else. */
    static String unverifiedIssuer(String authorization) {
        String token = bearerToken(authorization);
        if (token == null) {
            return null;
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)))) {
            JsonValue payload = reader.readValue();
            if (payload instanceof JsonObject claims && claims.get("iss") instanceof JsonString iss) {
                return iss.getString();
            }
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
