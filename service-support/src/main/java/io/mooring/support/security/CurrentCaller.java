package io.mooring.support.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The {@link Caller} of the request being served; inject this rather than the token. A user's projects are in the
 * claim {@code mooring.security.projects-claim}.
 */
@ApplicationScoped
public class CurrentCaller {

    private final SecurityIdentity identity;
    private final SecurityConfig config;

    public CurrentCaller(SecurityIdentity identity, SecurityConfig config) {
        this.identity = identity;
        this.config = config;
    }

    public Caller get() {
        Set<String> roles = identity.getRoles();
        String name = identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
        Set<String> projects = new HashSet<>();
        UUID agentCluster = null;
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            if (roles.contains(Roles.AGENT)) {
                agentCluster = UUID.fromString(token.getSubject());
                name = "agent:" + token.getSubject();
            } else {
                projects.addAll(ClaimPath.names(token, config.projectsClaim()));
            }
        }
        return new Caller(name, Set.copyOf(roles), Set.copyOf(projects), agentCluster);
    }
}
