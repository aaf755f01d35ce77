package io.mooring.support.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Decides what a verified token may do. User tokens get their role and every role below it; agent tokens
 * (signed with the registry's key, issued by the registry, subject a cluster id) get the agent role and
 * nothing else. A token of one signer that claims the other's issuer or roles is refused, so neither a
 * leaked agent key nor a user token can pass for the other.
 */
@ApplicationScoped
public class TokenAugmentor implements SecurityIdentityAugmentor {

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
        boolean agentKey = config.agentKeyId().equals(keyIdOf(token.getRawToken()));
        Set<String> claimed = token.getGroups() == null ? Set.of() : token.getGroups();
        Set<String> roles = new HashSet<>();
        if (agentKey) {
            if (!config.agentIssuer().equals(token.getIssuer()) || !claimed.equals(Set.of(Roles.AGENT))
                    || !isUuid(token.getSubject())) {
                throw new AuthenticationFailedException("Agent key used for a token that is not an agent token");
            }
            roles.add(Roles.AGENT);
        } else {
            if (!config.userIssuer().equals(token.getIssuer()) || claimed.contains(Roles.AGENT)) {
                throw new AuthenticationFailedException("Token of an unknown issuer or claiming the agent role");
            }
            if (claimed.contains(Roles.ADMIN)) {
                roles.addAll(Set.of(Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER));
            } else if (claimed.contains(Roles.OPERATOR)) {
                roles.addAll(Set.of(Roles.OPERATOR, Roles.VIEWER));
            } else if (claimed.contains(Roles.VIEWER)) {
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

    static String keyIdOf(String rawToken) {
        if (rawToken == null) {
            return null;
        }
        int dot = rawToken.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        String header = new String(Base64.getUrlDecoder().decode(rawToken.substring(0, dot)), StandardCharsets.UTF_8);
        Matcher kid = Pattern.compile("\"kid\"\\s*:\\s*\"([^\"]*)\"").matcher(header);
        return kid.find() ? kid.group(1) : null;
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
