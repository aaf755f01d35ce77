package io.mooring.health;

import static io.mooring.health.Clusters.TOKENS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.mooring.events.agent.ClusterEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A fleet page's rows in one request: state and event rate of the clusters asked for that the caller may see. */
@QuarkusTest
class FleetRowsTest {

    @Test
    void rowsComeInTheOrderAskedAndAClusterOfAnotherProjectIsAbsent() {
        String project = "fr-" + UUID.randomUUID();
        UUID pending = Clusters.imported(project);
        UUID connected = Clusters.imported(project);
        Clusters.heartbeat(connected).then().statusCode(200);
        Clusters.post(connected, "inventory", Reports.report(Reports.healthy(2))).then().statusCode(200);
        UUID elsewhere = Clusters.imported("fr-" + UUID.randomUUID());
        UUID unknown = UUID.randomUUID();

        given().auth().oauth2(TOKENS.viewer(project))
                .get("/api/v1/fleet/health/clusters?id={a}&id={b}&id={c}&id={d}", connected, elsewhere, pending,
                        unknown)
                .then().statusCode(200)
                .body("items.clusterId", contains(connected.toString(), pending.toString()))
                .body("items[0].connectivity", equalTo("Connected"))
                .body("items[0].health", equalTo("Healthy"))
                .body("items[0].project", equalTo(project))
                .body("items[1].connectivity", equalTo("Pending"))
                .body("items[1].health", equalTo("Unknown"))
                .body("items[1].eventsPerHour.size()", equalTo(24));
        // An admin sees every project; a viewer of none sees nothing, not an error.
        given().auth().oauth2(TOKENS.admin()).get("/api/v1/fleet/health/clusters?id={a}&id={b}", pending, elsewhere)
                .then().statusCode(200).body("items.clusterId", contains(pending.toString(), elsewhere.toString()));
        given().auth().oauth2(TOKENS.viewer("fr-none-" + UUID.randomUUID()))
                .get("/api/v1/fleet/health/clusters?id={a}", pending)
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void theEventRateCountsTheEntriesHappeningInEachOfTheLast24Hours() {
        String project = "fr-" + UUID.randomUUID();
        UUID id = Clusters.imported(project);
        UUID quiet = Clusters.imported(project);
        Instant now = TestClock.now();
        Instant to = now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        Instant from = to.minus(24, ChronoUnit.HOURS);
        Instant latest = now.minusSeconds(5);
        int latestHour = (int) Duration.between(from, latest).toHours();
        List<ClusterEvent> events = List.of(
                // Hours 2, 3 and 4: first seen in hour 2, last seen in hour 4.
                event("spans", from.plus(Duration.ofMinutes(130)), from.plus(Duration.ofMinutes(245))),
                // Hour 2 again, from a second entry.
                event("once", from.plus(Duration.ofMinutes(150)), from.plus(Duration.ofMinutes(151))),
                // Began before the window, last seen in hour 0: hour 0 only.
                event("older", from.minus(Duration.ofHours(3)), from.plus(Duration.ofMinutes(30))),
                // Last seen before the window: nowhere.
                event("gone", from.minus(Duration.ofHours(5)), from.minus(Duration.ofMinutes(1))),
                // The current hour.
                event("now", latest, latest));
        Clusters.post(id, "events", Reports.batch(events)).then().statusCode(200);

        long[] expected = new long[24];
        expected[0] = 1;
        expected[2] = 2;
        expected[3] = 1;
        expected[4] = 1;
        expected[latestHour] += 1;
        JsonPath body = given().auth().oauth2(TOKENS.viewer(project))
                .get("/api/v1/fleet/health/clusters?id={a},{b}", id, quiet)
                .then().statusCode(200)
                .body("from", equalTo(from.toString()))
                .body("to", equalTo(to.toString()))
                .extract().jsonPath();
        assertThat(body.getList("items[0].eventsPerHour", Long.class))
                .containsExactlyElementsOf(IntStream.range(0, 24).mapToObj(i -> expected[i]).toList());
        assertThat(body.getList("items[1].eventsPerHour", Long.class)).containsExactlyElementsOf(
                Collections.nCopies(24, 0L));
    }

    @Test
    void badOrTooManyIdsAreA400NamingTheParameter() {
        String token = TOKENS.viewer("fr-" + UUID.randomUUID());
        given().auth().oauth2(token).get("/api/v1/fleet/health/clusters").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("id"));
        given().auth().oauth2(token).get("/api/v1/fleet/health/clusters?id=prod-eu-1").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("id"))
                .body("errors[0].message", equalTo("not a UUID: prod-eu-1"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            ids.add("id=" + UUID.randomUUID());
        }
        given().auth().oauth2(token).get("/api/v1/fleet/health/clusters?" + String.join("&", ids)).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].message", equalTo("at most 100 ids"));
        // 100 is allowed, the same id twice counts once; commas separate ids as well as repeats do.
        String hundred = ids.subList(0, 100).stream().map(p -> p.substring(3)).collect(Collectors.joining(","));
        given().auth().oauth2(token).get("/api/v1/fleet/health/clusters?id=" + hundred + "&" + ids.get(0)).then()
                .statusCode(200).body("items.size()", equalTo(0));
    }

    private static ClusterEvent event(String name, Instant firstSeen, Instant lastSeen) {
        return new ClusterEvent(UUID.randomUUID().toString(), "Warning", "BackOff", "Back-off " + name, "shop", "Pod",
                name, "kubelet", 1, firstSeen, lastSeen);
    }
}
