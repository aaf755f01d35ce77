package io.mooring.health;

import static io.mooring.health.Clusters.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Agent-supplied times that order what is stored may be at most the allowed clock skew (5 min) ahead: a report
 * from the future is refused with the reason, and cannot make the cluster's later reports look old.
 */
@QuarkusTest
class ClockSkewTest {

    @Test
    void anInventoryFromTheFutureIsRefusedAndLaterNormalInventoriesAreStillAccepted() {
        UUID id = Clusters.imported("skew-" + UUID.randomUUID());
        Instant yearsAhead = TestClock.now().plus(Duration.ofDays(3 * 365));

        Clusters.post(id, "inventory", Reports.report(Reports.healthy(1), yearsAhead)).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("observedAt"))
                .body("errors[0].message", containsString("server time"))
                .body("errors[0].message", containsString("5m"));
        admin("/api/v1/clusters/{id}/inventory", id).then().statusCode(404);

        var normal = Reports.report(Reports.healthy(2));
        Clusters.post(id, "inventory", normal).then().statusCode(200).body("accepted", equalTo(true));
        admin("/api/v1/clusters/{id}/inventory", id).then().statusCode(200)
                .body("reportId", equalTo(normal.reportId().toString()));
        var later = Reports.report(Reports.healthy(3), TestClock.now().plusSeconds(1));
        Clusters.post(id, "inventory", later).then().statusCode(200).body("accepted", equalTo(true));
    }

    @Test
    void aTimeWithinTheAllowedSkewIsAccepted() {
        UUID id = Clusters.imported("skew-" + UUID.randomUUID());

        Clusters.post(id, "inventory", Reports.report(Reports.healthy(1), TestClock.now().plus(Duration.ofMinutes(4))))
                .then().statusCode(200).body("accepted", equalTo(true));
    }

    @Test
    void anEventFromTheFutureIsRefusedWithItsField() {
        UUID id = Clusters.imported("skew-" + UUID.randomUUID());
        Instant ahead = TestClock.now().plus(Duration.ofDays(400));

        Clusters.post(id, "events", Reports.batch(
                        Reports.event("Warning", "BackOff", "shop", "Pod", "cart-1", 1, TestClock.now()),
                        Reports.event("Warning", "BackOff", "shop", "Pod", "cart-2", 1, ahead)))
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("events[1].lastSeen"))
                .body("errors.field", hasItem("events[1].firstSeen"));
        admin("/api/v1/clusters/{id}/events", id).then().statusCode(200).body("items.size()", equalTo(0));

        Clusters.post(id, "events", Reports.batch(
                        Reports.event("Warning", "BackOff", "shop", "Pod", "cart-1", 1, TestClock.now())))
                .then().statusCode(200).body("accepted", equalTo(1));
    }
}
