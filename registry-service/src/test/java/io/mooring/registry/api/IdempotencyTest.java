package io.mooring.registry.api;

import static io.mooring.registry.RegistryApi.CLUSTERS;
import static io.mooring.registry.RegistryApi.clusterBody;
import static io.mooring.registry.RegistryApi.tokens;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.mooring.events.EventType;
import io.mooring.registry.RegistryApi;
import io.mooring.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdempotencyTest {

    @Inject
    Pool pool;

    @Test
    void aRetryWithTheSameKeyAnswersTheFirstResponseAndCreatesNothingNew() {
        String project = RegistryApi.newProject("idem");
        String operator = tokens().operator(project);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = clusterBody("once", project, "gke", "read-only");
        body.put("labels", Map.of("a", "1", "b", "2"));

        ExtractableResponse<Response> first = post(operator, key, body).statusCode(201).extract();
        body.put("labels", Map.of("b", "2", "a", "1"));
        ExtractableResponse<Response> again = post(operator, key, body).statusCode(201)
                .header("Idempotent-Replayed", "true").extract();

        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.jsonPath().getMap("$")).isEqualTo(first.jsonPath().getMap("$"));
        String id = first.jsonPath().getString("cluster.id");
        given().auth().oauth2(operator).queryParam("project", project).get(CLUSTERS)
                .then().statusCode(200).body("items.size()", equalTo(1));
        assertThat(count("select count(*) from mooring_outbox where record_key = $1 and type = $2", id,
                EventType.CLUSTER_IMPORTED.type())).isEqualTo(1);
    }

    @Test
    void theSameKeyForADifferentRequestIsRefused() {
        String project = RegistryApi.newProject("idem-diff");
        String operator = tokens().operator(project);
        String key = UUID.randomUUID().toString();
        post(operator, key, clusterBody("first", project, "generic", "read-only")).statusCode(201);
        post(operator, key, clusterBody("second", project, "generic", "read-only")).statusCode(422)
                .contentType("application/problem+json");
    }

    @Test
    void withoutAKeyASecondCreateOfTheSameNameIsAConflict() {
        String project = RegistryApi.newProject("idem-none");
        String operator = tokens().operator(project);
        Map<String, Object> body = clusterBody("twice", project, "generic", "read-only");
        given().auth().oauth2(operator).contentType("application/json").body(body).post(CLUSTERS)
                .then().statusCode(201);
        given().auth().oauth2(operator).contentType("application/json").body(body).post(CLUSTERS)
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void keysBelongToTheirCaller() {
        String project = RegistryApi.newProject("idem-callers");
        String key = UUID.randomUUID().toString();
        String otto = tokens().operator(project);
        String olga = Tokens.shared().user("olga-operator", Tokens.OPERATOR, project);
        String first = post(otto, key, clusterBody("by-otto", project, "generic", "read-only")).statusCode(201)
                .extract().jsonPath().getString("cluster.id");
        String second = post(olga, key, clusterBody("by-olga", project, "generic", "read-only")).statusCode(201)
                .extract().jsonPath().getString("cluster.id");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void theStoredAnswerDoesNotHoldTheImportTokenInPlainText() {
        String project = RegistryApi.newProject("idem-secret");
        String key = UUID.randomUUID().toString();
        String url = post(tokens().operator(project), key, clusterBody("sealed", project, "generic", "read-only"))
                .statusCode(201).extract().jsonPath().getString("importCommand.manifestUrl");
        String token = RegistryApi.tokenOf(url);
        var rows = pool.query("select body, key_hash from idempotency_record").execute()
                .await().atMost(Duration.ofSeconds(5));
        assertThat(rows.size()).isPositive();
        rows.forEach(row -> {
            assertThat(new String(row.getBuffer("body").getBytes(), StandardCharsets.ISO_8859_1)).doesNotContain(token);
            assertThat(row.getString("key_hash")).doesNotContain(key);
        });
        assertThat(count("select count(*) from import_token where token_hash = $1", token, null)).isZero();
    }

    private static ValidatableResponse post(String token, String key,
            Map<String, Object> body) {
        return given().auth().oauth2(token).header("Idempotency-Key", key).contentType("application/json")
                .body(body).post(CLUSTERS).then();
    }

    private long count(String sql, String first, String second) {
        Tuple parameters = second == null ? Tuple.of(first) : Tuple.of(first, second);
        return pool.preparedQuery(sql).execute(parameters).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong(0);
    }
}
