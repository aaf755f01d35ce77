package io.mooring.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.mooring.testsupport.MooringTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service reaches its database through a proxy here, so the test can cut it off. */
@QuarkusTest
@TestProfile(DatabaseOutageTest.DatabaseBehindProxy.class)
class DatabaseOutageTest {

    public static class DatabaseBehindProxy implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(MooringTestResource.class,
                    Map.of("database", "mooring_support_test", "postgres-behind-proxy", "true")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    void whileTheDatabaseIsUnreachableTheServiceIsNotReady() {
        given().get("/q/health/ready").then().statusCode(200);
        MooringTestResource.postgresProxy().stop();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready")
                    .then().statusCode(503).body("status", equalTo("DOWN")));
        } finally {
            MooringTestResource.postgresProxy().start();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200));
    }
}
