package io.mooring.support.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Decides what a verified token may do. User tokens (the OpenID Connect provider's) get the Mooring role their
 * roles claim names ({@code mooring.security.roles-claim}, {@code mooring.security.role-names.*}) and every role
 * below it; agent tokens (verified by {@link AgentTenant} with the registry's key, issued by the registry, subject a
 * cluster id) get the agent role and nothing else. An agent token of any other shape, or a user token that claims
 * the agent role, is refused, so neither a leaked agent key nor a user token can pass for the other.
 */
@ApplicationScoped
public class TokenAugmentor implements SecurityIdentityAugmentor {

    /** quarkus-oidc's identity attribute naming the tenant that verified the token. */
    private static final String TENANT_ID = "tenant-id";

    private final SecurityConfig config;

    public TokenAugmentor(SecurityConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(() -> rolesFor(identity, token));
    }

    private SecurityIdentity rolesFor(SecurityIdentity identity, JsonWebToken token) {
        Set<String> roles = new HashSet<>();
        if (AgentTenant.ID.equals(identity.getAttribute(TENANT_ID))) {
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
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addRoles(roles)
                .addPermissionChecker(identity::checkPermission)
                .build();
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
