package io.mooring.support.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The {@link Caller} of the request being served; inject this rather than the token. */
@ApplicationScoped
public class CurrentCaller {

    private final SecurityIdentity identity;

    public CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller get() {
        Set<String> roles = identity.getRoles();
        String name = identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
        Set<String> projects = new HashSet<>();
        UUID agentCluster = null;
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            Object claim = token.getClaim("projects");
            if (claim instanceof Iterable<?> values) {
                values.forEach(v -> projects.add(unquote(String.valueOf(v))));
            }
            if (roles.contains(Roles.AGENT)) {
                agentCluster = UUID.fromString(token.getSubject());
                name = "agent:" + token.getSubject();
            }
        }
        return new Caller(name, Set.copyOf(roles), Set.copyOf(projects), agentCluster);
    }

    private static String unquote(String value) {
        // JSON-P string values print with their quotes.
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }
}
