package io.mooring.support.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;

import io.mooring.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A provider that puts roles in a nested claim under names of its own (Keycloak realm roles named like Entra ID app
 * roles), and projects in a nested claim: the settings reach the running service. Which shapes each provider uses
 * is {@link ClaimPathTest}'s; this is one application start for all of them, since every test profile costs a build.
 */
@QuarkusTest
@TestProfile(ConfiguredClaimsTest.ProviderClaims.class)
class ConfiguredClaimsTest {

    public static class ProviderClaims implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mooring.security.roles-claim", "realm_access/roles",
                    "mooring.security.role-names.viewer", "Mooring.Viewer",
                    "mooring.security.role-names.operator", "Mooring.Operator,platform-operators",
                    "mooring.security.role-names.admin", "Mooring.Admin",
                    "mooring.security.projects-claim", "mooring/projects");
        }
    }

    private final Tokens tokens = Tokens.shared();

    @Test
    void rolesInANestedClaimUnderTheProvidersNamesMapToMooringRolesAndProjectsComeFromANestedClaim() {
        String operator = tokens.userWithClaims("olivia", Map.of(
                "realm_access", Map.of("roles", List.of("offline_access", "uma_authorization", "platform-operators")),
                "mooring", Map.of("projects", List.of("blue", "green"))));
        given().auth().oauth2(operator).contentType("application/json")
                .body(Map.of("clusterId", UUID.randomUUID().toString(), "name", "claims", "seq", 1))
                .post("/api/v1/widgets").then().statusCode(200);
        given().auth().oauth2(operator).get("/api/v1/widgets").then().statusCode(200)
                .body("projects", containsInAnyOrder("blue", "green"));
    }

    @Test
    void aViewerByTheProvidersNameMayReadButNotWrite() {
        String viewer = tokens.userWithClaims("victor", Map.of(
                "realm_access", Map.of("roles", List.of("Mooring.Viewer")),
                "mooring", Map.of("projects", List.of("blue"))));
        given().auth().oauth2(viewer).get("/api/v1/widgets").then().statusCode(200);
        given().auth().oauth2(viewer).contentType("application/json")
                .body(Map.of("clusterId", UUID.randomUUID().toString(), "name", "claims", "seq", 1))
                .post("/api/v1/widgets").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aTokenWithoutAConfiguredRoleMayDoNothing() {
        String roleless = tokens.userWithClaims("ron", Map.of("realm_access", Map.of("roles", List.of("offline_access"))));
        given().auth().oauth2(roleless).get("/api/v1/widgets").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void mooringsDefaultNamesMeanNothingOnceOthersAreConfiguredAndTheAgentRoleIsRefusedInAnyClaim() {
        given().auth().oauth2(tokens.admin()).get("/api/v1/widgets").then().statusCode(403);
        given().auth().oauth2(tokens.userWithClaims("agnes",
                        Map.of("realm_access", Map.of("roles", List.of("mooring-agent")))))
                .get("/api/v1/widgets/agent").then().statusCode(401);
    }
}
