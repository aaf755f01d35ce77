package io.mooring.support.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Decides what a verified token may do. User tokens (the OpenID Connect provider's) get the Mooring role their
 * roles claim names ({@code mooring.security.roles-claim}, {@code mooring.security.role-names.*}) and every role
 * below it; agent tokens (verified by {@link AgentTenant} with the registry's key, issued by the registry, subject a
 * cluster id) get the agent role and nothing else. An agent token of any other shape, or a user token that claims
 * the agent role, is refused, so neither a leaked agent key nor a user token can pass for the other. An agent token
 * that passes is kept in {@link AgentTokenCache} until it expires, so that it is not verified again.
 */
@ApplicationScoped
public class TokenAugmentor implements SecurityIdentityAugmentor {

    /** quarkus-oidc's identity attribute naming the tenant that verified the token. */
    private static final String TENANT_ID = "tenant-id";

    private final SecurityConfig config;
    private final AgentTokenCache agentTokens;

    public TokenAugmentor(SecurityConfig config, AgentTokenCache agentTokens) {
        this.config = config;
        this.agentTokens = agentTokens;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(() -> rolesFor(identity, token));
    }

    private SecurityIdentity rolesFor(SecurityIdentity identity, JsonWebToken token) {
        boolean agent = AgentTenant.ID.equals(identity.getAttribute(TENANT_ID));
        if (agent && agentTokens.served(rawToken(identity, token), identity)) {
            // Checked and given its role when the token was verified: nothing here would come out differently.
            return identity;
        }
        Set<String> roles = new HashSet<>();
        if (agent) {
            Set<String> claimed = token.getGroups() == null ? Set.of() : token.getGroups();
            if (!config.agentIssuer().equals(token.getIssuer()) || !claimed.equals(Set.of(Roles.AGENT))
                    || !isUuid(token.getSubject())) {
                throw new AuthenticationFailedException("Agent key used for a token that is not an agent token");
            }
            roles.add(Roles.AGENT);
        } else {
            Set<String> claimed = ClaimPath.names(token, config.rolesClaim());
            if (claimed.contains(Roles.AGENT) || (token.getGroups() != null && token.getGroups().contains(Roles.AGENT))
                    || config.agentIssuer().equals(token.getIssuer())) {
                throw new AuthenticationFailedException("A user token claiming the agent role or issuer");
            }
            SecurityConfig.RoleNames names = config.roleNames();
            if (names.admin().stream().anyMatch(claimed::contains)) {
                roles.addAll(Set.of(Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER));
            } else if (names.operator().stream().anyMatch(claimed::contains)) {
                roles.addAll(Set.of(Roles.OPERATOR, Roles.VIEWER));
            } else if (names.viewer().stream().anyMatch(claimed::contains)) {
                roles.add(Roles.VIEWER);
            }
        }
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addRoles(roles);
        if (!agent) {
            return builder.addPermissionChecker(identity::checkPermission).build();
        }
        // quarkus-oidc grants a token's scopes as permissions (and adds no checker): copied rather than delegated
        // to, so that the identity kept in the cache does not hold on to the request that verified it.
        SecurityIdentity agentIdentity = builder.addPermissions(identity.getPermissions()).build();
        agentTokens.verified(rawToken(identity, token), Instant.ofEpochSecond(token.getExpirationTime()), agentIdentity);
        return agentIdentity;
    }

    /** The bearer token as the request carried it: the cache's key. */
    private static String rawToken(SecurityIdentity identity, JsonWebToken token) {
        TokenCredential credential = identity.getCredential(TokenCredential.class);
        return credential != null ? credential.getToken() : token.getRawToken();
    }

    private static boolean isUuid(String value) {
        try {
            UUID.fromString(value);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
