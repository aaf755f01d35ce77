package io.mooring.addon.support;

import static io.restassured.RestAssured.given;

import io.mooring.testsupport.Tokens;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Short forms of the calls tests make. */
public final class Api {

    private static final Tokens TOKENS = Tokens.shared();

    private Api() {
    }

    public static RequestSpecification operator(String project) {
        return given().auth().oauth2(TOKENS.operator(project)).contentType("application/json");
    }

    public static RequestSpecification viewer(String project) {
        return given().auth().oauth2(TOKENS.viewer(project)).contentType("application/json");
    }

    public static RequestSpecification admin() {
        return given().auth().oauth2(TOKENS.admin()).contentType("application/json");
    }

    public static RequestSpecification agent(UUID cluster) {
        return given().auth().oauth2(TOKENS.agent(cluster)).contentType("application/json");
    }

    public static Map<String, Object> attachBody(String profile, String version, Map<String, Object> values) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("profile", profile);
        body.put("version", version);
        if (values != null) {
            body.put("values", values);
        }
        return body;
    }

    public static ValidatableResponse attach(String project, UUID cluster, String profile, String version) {
        return attach(project, cluster, profile, version, null);
    }

    public static ValidatableResponse attach(String project, UUID cluster, String profile, String version,
            Map<String, Object> values) {
        return operator(project).body(attachBody(profile, version, values))
                .post("/api/v1/clusters/" + cluster + "/addons").then();
    }

    public static ValidatableResponse attachments(String project, UUID cluster) {
        return viewer(project).get("/api/v1/clusters/" + cluster + "/addons").then();
    }

    public static ValidatableResponse desiredState(UUID cluster) {
        return agent(cluster).get("/api/v1/agent/addons").then();
    }
}
