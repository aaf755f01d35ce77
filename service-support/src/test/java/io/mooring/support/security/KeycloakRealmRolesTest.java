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

/** Keycloak puts realm roles in the nested claim {@code realm_access/roles}, beside roles of its own. */
@QuarkusTest
@TestProfile(KeycloakRealmRolesTest.KeycloakClaims.class)
class KeycloakRealmRolesTest {

    public static class KeycloakClaims implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mooring.security.roles-claim", "realm_access/roles",
                    "mooring.security.projects-claim", "mooring/projects");
        }
    }

    private final Tokens tokens = Tokens.shared();

    @Test
    void realmRolesInANestedClaimMapToMooringRolesAndProjectsComeFromANestedClaim() {
        String admin = tokens.userWithClaims("kim", Map.of(
                "realm_access", Map.of("roles", List.of("offline_access", "uma_authorization", "mooring-admin")),
                "mooring", Map.of("projects", List.of("blue", "green"))));
        given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of("clusterId", UUID.randomUUID().toString(), "name", "keycloak", "seq", 1))
                .post("/api/v1/widgets").then().statusCode(200);
        given().auth().oauth2(admin).get("/api/v1/widgets").then().statusCode(200)
                .body("projects", containsInAnyOrder("blue", "green"));

        String roleless = tokens.userWithClaims("ron", Map.of("realm_access", Map.of("roles", List.of("offline_access"))));
        given().auth().oauth2(roleless).get("/api/v1/widgets").then().statusCode(403)
                .contentType("application/problem+json");
    }
}
