package io.mooring.support.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;

import io.mooring.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Entra ID puts app roles in {@code roles}, named as the app registration names them. */
@QuarkusTest
@TestProfile(EntraIdAppRolesTest.EntraClaims.class)
class EntraIdAppRolesTest {

    public static class EntraClaims implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mooring.security.roles-claim", "roles",
                    "mooring.security.role-names.viewer", "Mooring.Viewer",
                    "mooring.security.role-names.operator", "Mooring.Operator",
                    "mooring.security.role-names.admin", "Mooring.Admin",
                    "mooring.security.projects-claim", "mooring_projects");
        }
    }

    private final Tokens tokens = Tokens.shared();

    @Test
    void appRolesInTheRolesClaimMapToMooringRolesAndProjectsComeFromTheConfiguredClaim() {
        String operator = tokens.userWithClaims("olivia", Map.of("roles", List.of("Mooring.Operator"),
                "mooring_projects", List.of("blue")));
        given().auth().oauth2(operator).get("/api/v1/widgets").then().statusCode(200)
                .body("projects", contains("blue"));
        given().auth().oauth2(operator).contentType("application/json")
                .body(Map.of("clusterId", UUID.randomUUID().toString(), "name", "entra", "seq", 1))
                .post("/api/v1/widgets").then().statusCode(200);

        String viewer = tokens.userWithClaims("victor", Map.of("roles", List.of("Mooring.Viewer")));
        given().auth().oauth2(viewer).contentType("application/json")
                .body(Map.of("clusterId", UUID.randomUUID().toString(), "name", "entra", "seq", 1))
                .post("/api/v1/widgets").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void mooringsDefaultNamesInTheDefaultClaimMeanNothingOnceAnotherClaimIsConfigured() {
        given().auth().oauth2(tokens.admin()).get("/api/v1/widgets").then().statusCode(403);
        given().auth().oauth2(tokens.userWithClaims("agnes", Map.of("roles", List.of("mooring-agent"))))
                .get("/api/v1/widgets/agent").then().statusCode(401);
    }
}
