package io.mooring.support;

import static io.mooring.support.ConsumerEvents.imported;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.mooring.events.Topics;
import io.mooring.support.testapp.ImportedCounter;
import io.mooring.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The dead-letter store through the admin API: {@code support-test} is this test service's name. */
@QuarkusTest
class DeadLetterApiTest {

    private static final String BASE = "/api/v1/admin/support-test/dead-letters";

    @Inject
    Pool pool;

    @Test
    void aRefusedEventIsParkedTheNextOneOfItsPartitionIsHandledAndAnAdminReplaysItOnceTheHandlerAcceptsIt()
            throws Exception {
        UUID cluster = UUID.randomUUID();
        UUID poison = UUID.randomUUID();
        UUID next = UUID.randomUUID();
        ConsumerEvents.send(List.of(imported(cluster, poison, "poison"), imported(cluster, next, "after-poison")));

        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from mooring_processed_event where event_id = $1", next) == 1);
        assertThat(count("select times from imported_seen where cluster_id = $1", cluster)).isEqualTo(1);
        long id = deadLetterOf(poison);
        String admin = Tokens.shared().admin();

        JsonPath page = given().auth().oauth2(admin).get(BASE + "?limit=200").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> listed = page.getMap("items.find { it.id == " + id + " }");
        assertThat(listed).containsEntry("consumer", ImportedCounter.NAME)
                .containsEntry("topic", Topics.CLUSTER_LIFECYCLE).containsEntry("key", cluster.toString())
                .containsEntry("eventId", poison.toString()).containsEntry("replayedAt", null);
        assertThat((String) listed.get("error")).contains("poison is refused");
        given().auth().oauth2(admin).get(BASE + "/" + id).then().statusCode(200)
                .body("value", containsString("\"name\":\"poison\""));

        // Still refused: it stays, with the new error and one more attempt.
        given().auth().oauth2(admin).post(BASE + "/" + id + "/replay").then().statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("poison is refused"));
        given().auth().oauth2(admin).get(BASE + "/" + id).then().body("attempts", equalTo(2))
                .body("replayedAt", equalTo(null));

        ImportedCounter.POISON_ACCEPTED.set(true);
        try {
            given().auth().oauth2(admin).post(BASE + "/" + id + "/replay").then().statusCode(200)
                    .body("replayedAt", notNullValue());
        } finally {
            ImportedCounter.POISON_ACCEPTED.set(false);
        }
        assertThat(count("select times from imported_seen where cluster_id = $1", cluster)).isEqualTo(2);
        assertThat(count("select count(*) from mooring_processed_event where event_id = $1", poison)).isEqualTo(1);
        given().auth().oauth2(admin).post(BASE + "/" + id + "/replay").then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void onlyAdminsSeeReplayOrDiscardDeadLetters() throws Exception {
        UUID cluster = UUID.randomUUID();
        ConsumerEvents.send(List.of(new ProducerRecord<>(Topics.CLUSTER_LIFECYCLE, cluster.toString(), "garbage")));
        long id = awaitDeadLetterWithKey(cluster);
        for (String token : List.of(Tokens.shared().viewer("test"), Tokens.shared().operator("test"))) {
            given().auth().oauth2(token).get(BASE).then().statusCode(403).contentType("application/problem+json");
            given().auth().oauth2(token).post(BASE + "/" + id + "/replay").then().statusCode(403)
                    .contentType("application/problem+json");
            given().auth().oauth2(token).delete(BASE + "/" + id).then().statusCode(403)
                    .contentType("application/problem+json");
        }
        given().get(BASE).then().statusCode(401);
        assertThat(count("select count(*) from mooring_dead_letter where id = $1", id)).isEqualTo(1);
    }

    @Test
    void anAdminDiscardsADeadLetterAndItIsGone() throws Exception {
        UUID cluster = UUID.randomUUID();
        ConsumerEvents.send(List.of(new ProducerRecord<>(Topics.CLUSTER_LIFECYCLE, cluster.toString(), "garbage")));
        long id = awaitDeadLetterWithKey(cluster);
        String admin = Tokens.shared().admin();
        given().auth().oauth2(admin).delete(BASE + "/" + id).then().statusCode(204);
        given().auth().oauth2(admin).get(BASE + "/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(admin).delete(BASE + "/" + id).then().statusCode(404);
    }

    @Test
    void pagesGoFromNewestToOldestWithoutOverlap() throws Exception {
        UUID cluster = UUID.randomUUID();
        ConsumerEvents.send(List.of(new ProducerRecord<>(Topics.CLUSTER_LIFECYCLE, cluster.toString(), "garbage-1"),
                new ProducerRecord<>(Topics.CLUSTER_LIFECYCLE, cluster.toString(), "garbage-2")));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from mooring_dead_letter where record_key = $1", cluster.toString()) == 2);
        String admin = Tokens.shared().admin();
        JsonPath first = given().auth().oauth2(admin).get(BASE + "?limit=1").then().statusCode(200).extract().jsonPath();
        long newest = first.getLong("items[0].id");
        long before = first.getLong("nextBefore");
        JsonPath second = given().auth().oauth2(admin).get(BASE + "?limit=1&before=" + before).then().statusCode(200)
                .extract().jsonPath();
        assertThat(second.getLong("items[0].id")).isLessThan(newest);
        assertThat(count("select count(*) from mooring_dead_letter where id > $1", newest)).isZero();
    }

    @Test
    void badRequestsAreProblems() {
        String admin = Tokens.shared().admin();
        given().auth().oauth2(admin).get("/api/v1/admin/cost/dead-letters").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(admin).get(BASE + "/abc").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(admin).get(BASE + "?limit=0").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(admin).post(BASE + "/999999999/replay").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void theNumberOfWaitingDeadLettersIsAMetric() throws Exception {
        UUID cluster = UUID.randomUUID();
        ConsumerEvents.send(List.of(new ProducerRecord<>(Topics.CLUSTER_LIFECYCLE, cluster.toString(), "garbage")));
        awaitDeadLetterWithKey(cluster);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(given().get("/q/metrics").asString())
                .containsPattern("(?m)^mooring_consumer_dead_letters\\{?[^ ]*\\}? [1-9]")
                .contains("mooring_consumer_dead_lettered_total{consumer=\"imported-counter\""));
    }

    private long deadLetterOf(UUID eventId) {
        return count("select id from mooring_dead_letter where event_id = $1", eventId);
    }

    private long awaitDeadLetterWithKey(UUID cluster) {
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from mooring_dead_letter where record_key = $1", cluster.toString()) == 1);
        return count("select id from mooring_dead_letter where record_key = $1", cluster.toString());
    }

    private long count(String sql, Object parameter) {
        var rows = pool.preparedQuery(sql).execute(Tuple.of(parameter)).await().atMost(Duration.ofSeconds(5));
        return rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : 0;
    }
}
