package io.mooring.localstack;

import io.mooring.testsupport.Tokens;
import java.util.List;

/**
 * Where the stack's user tokens come from: its own key pair (signed here, for any name and projects) or the
 * identity provider it started (a sign-in of the ready-made user for the role and project).
 */
interface UserTokens {

    /** A token of {@code role} (viewer, operator or admin) for {@code projects}. */
    String user(String role, List<String> projects);

    default String admin() {
        return user("admin", List.of());
    }

    static UserTokens builtIn(Tokens tokens) {
        return (role, projects) -> {
            String[] names = projects.toArray(String[]::new);
            return switch (role) {
                case "viewer" -> tokens.user("viewer-" + String.join("-", projects), Tokens.VIEWER, names);
                case "operator" -> tokens.user("operator-" + String.join("-", projects), Tokens.OPERATOR, names);
                case "admin" -> tokens.admin();
                default -> throw new IllegalArgumentException("no role '" + role + "': viewer, operator or admin");
            };
        };
    }

    static UserTokens keycloak(KeycloakServer keycloak) {
        return (role, projects) -> {
            if (!List.of("viewer", "operator", "admin").contains(role)) {
                throw new IllegalArgumentException("no role '" + role + "': viewer, operator or admin");
            }
            return keycloak.passwordGrant(KeycloakServer.userFor(role, projects));
        };
    }
}
