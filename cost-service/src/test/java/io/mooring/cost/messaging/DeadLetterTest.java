package io.mooring.cost.messaging;

import static io.mooring.cost.Inventories.inventory;
import static io.mooring.cost.Inventories.node;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.mooring.cost.CostTestSupport;
import io.mooring.cost.Events;
import io.mooring.events.payload.InventoryReported;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** cost-service parks what its consumers can never handle, and its admins find it at /api/v1/admin/cost. */
@QuarkusTest
class DeadLetterTest extends CostTestSupport {

    private static final String BASE = "/api/v1/admin/cost/dead-letters";

    @Test
    void anIncompleteInventoryIsParkedNotSkippedAndTheNextOneOfItsClusterStillAccrues() {
        UUID cluster = UUID.randomUUID();
        String project = project();
        UUID imported = Events.imported(cluster, project, "dl", "eks");
        awaitHandled(imported);
        Instant observed = Instant.now().minus(Duration.ofHours(2));
        // No project: retrying can never mend it.
        UUID incomplete = Events.send(UUID.randomUUID(), new InventoryReported(cluster, null, "eks", UUID.randomUUID(),
                observed, inventory(List.of(node("n1", "m5.large", "eu-west-1", 2000, 8, 0)), List.of()), observed));
        UUID next = Events.inventory(cluster, project, "eks", observed.plusSeconds(60),
                inventory(List.of(node("n1", "m5.large", "eu-west-1", 2000, 8, 0)), List.of()));

        awaitHandled(next);
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from mooring_dead_letter where event_id = $1", incomplete) == 1);
        long id = count("select id from mooring_dead_letter where event_id = $1", incomplete);

        as(TOKENS.admin()).get(BASE + "/" + id).then().statusCode(200)
                .body("consumer", equalTo(InventoryConsumer.NAME))
                .body("error", containsString("without cluster, project"));
        as(TOKENS.admin()).post(BASE + "/" + id + "/replay").then().statusCode(422)
                .contentType("application/problem+json");
        as(TOKENS.operator(project)).get(BASE).then().statusCode(403);
        as(TOKENS.viewer(project)).post(BASE + "/" + id + "/replay").then().statusCode(403);
    }
}
