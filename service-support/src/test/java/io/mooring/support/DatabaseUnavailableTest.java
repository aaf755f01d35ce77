package io.mooring.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.mooring.testsupport.MooringTestResource;
import io.mooring.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** While the database cannot be reached, calls that need it are a 503 the caller may retry, not a 500. */
@QuarkusTest
@TestProfile(DatabaseOutageTest.DatabaseBehindProxy.class)
class DatabaseUnavailableTest {

    private final Tokens tokens = Tokens.shared();

    private ValidatableResponse createWidget() {
        return given().auth().oauth2(tokens.operator("test")).contentType("application/json")
                .body("{\"clusterId\":\"" + UUID.randomUUID() + "\",\"name\":\"w\",\"seq\":1}")
                .post("/api/v1/widgets").then();
    }

    @Test
    void aCallThatNeedsTheUnreachableDatabaseIsARetryableServiceUnavailableProblem() {
        createWidget().statusCode(200);
        MooringTestResource.postgresProxy().stop();
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> createWidget()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("status", equalTo(503))
                    .body(not(containsString("at io."))));
            // Every call during the outage, not just the first, answers alike.
            createWidget().statusCode(503).header("Retry-After", "5");
        } finally {
            MooringTestResource.postgresProxy().start();
        }
        // The pool reconnects by itself: the service serves again shortly after the database is back.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> createWidget().statusCode(200));
    }
}
