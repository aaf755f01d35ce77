package io.mooring.cost.messaging;

import static io.mooring.cost.Inventories.allocation;
import static io.mooring.cost.Inventories.inventory;
import static io.mooring.cost.Inventories.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.cost.CostTestSupport;
import io.mooring.cost.Events;
import io.mooring.events.inventory.Inventory;
import io.mooring.events.payload.InventoryReported;
import io.mooring.support.messaging.IdempotentConsumer;
import io.mooring.testsupport.ConnectorContext;
import io.mooring.testsupport.EventPublisher;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Inventories handed to the consumer as a batch channel hands over a poll (decision 0035): accrued in one
 * transaction with a few statements, and leaving exactly what the same inventories leave one record at a time.
 */
@QuarkusTest
class InventoryBatchTest extends CostTestSupport {

    private static final AtomicLong OFFSETS = new AtomicLong(1_000_000);
    private static final Instant T0 = Instant.parse("2026-04-06T10:00:00Z");

    @Inject
    IdempotentConsumer consumer;

    @Inject
    Vertx vertx;

    /** An m5.large at 0.096 an hour: team-a requests 25 %, team-b 50 %, idle the rest (AccrualEndToEndTest). */
    private static Inventory knownNode(int teamBCpuMillis) {
        return inventory(List.of(node("ip-10-0-0-1", "m5.large", "us-east-1", 2000, 8, 0)),
                List.of(allocation("ip-10-0-0-1", "team-a", "api", 500, 2),
                        allocation("ip-10-0-0-1", "team-b", "web", teamBCpuMillis, 4)));
    }

    /** Three inventories an hour and a half apart, the middle one with a different shape. */
    private static List<InventoryReported> hours(UUID cluster, String project) {
        return List.of(Events.inventoryReported(cluster, project, "eks", T0, knownNode(1000)),
                Events.inventoryReported(cluster, project, "eks", T0.plusSeconds(5400), knownNode(1500)),
                Events.inventoryReported(cluster, project, "eks", T0.plusSeconds(10800), knownNode(1000)));
    }

    @Test
    void twoClustersInterleavedInOneBatchAccrueExactlyAsTheirInventoriesOneAtATime() throws Exception {
        String project = project();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID alone = UUID.randomUUID();
        List<InventoryReported> ofA = hours(a, project);
        List<InventoryReported> ofB = hours(b, project);
        List<ConsumerRecord<String, String>> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batch.add(received(UUID.randomUUID(), ofA.get(i)));
            batch.add(received(UUID.randomUUID(), ofB.get(i)));
        }
        handle(batch);

        // The same inventories of a third cluster, one record per call: the per-record path.
        for (InventoryReported inventory : hours(alone, project)) {
            handle(List.of(received(UUID.randomUUID(), inventory)));
        }

        assertThat(count("select count(*) from cost_inventory where cluster_id = $1", a)).isEqualTo(3);
        assertThat(lines(a)).isEqualTo(lines(alone)).isEqualTo(lines(b));
        assertThat(rollup("cost_cluster_hour", a)).isEqualTo(rollup("cost_cluster_hour", alone))
                .isEqualTo(rollup("cost_cluster_hour", b));
        assertThat(rollup("cost_namespace_day", a)).isEqualTo(rollup("cost_namespace_day", alone));
        assertThat(rollup("cost_workload_hour", a)).isEqualTo(rollup("cost_workload_hour", alone));
        // Three hours of 0.096: 0.288, whichever path.
        assertThat(rollup("cost_cluster_day", a)).containsExactly("2026-04-06 total 288000000");
        // The project's roll-ups hold the three clusters' sums, each added once.
        assertThat(count("select sum(total_cost) from cost_project_namespace_day where project = $1", project))
                .isEqualTo(3 * 288_000_000L);
        assertThat(count("select count(*) from cost_cluster where id = $1 and last_observed_at = $2", a,
                T0.plusSeconds(10800).atOffset(ZoneOffset.UTC)))
                .isEqualTo(1);
    }

    @Test
    void duplicatesInABatchAndARedeliveredBatchCountOnce() throws Exception {
        String project = project();
        UUID cluster = UUID.randomUUID();
        List<InventoryReported> inventories = hours(cluster, project);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        List<ConsumerRecord<String, String>> batch = List.of(
                received(first, inventories.get(0)),
                received(second, inventories.get(1)),
                received(second, inventories.get(1)), // the same event twice in one poll
                received(UUID.randomUUID(), inventories.get(1)), // republished under a new id
                received(third, inventories.get(2)));
        handle(batch);
        List<String> accrued = lines(cluster);

        handle(batch); // redelivered whole, as after a rebalance before the commit

        assertThat(lines(cluster)).isEqualTo(accrued);
        assertThat(count("select count(*) from cost_inventory where cluster_id = $1", cluster)).isEqualTo(3);
        assertThat(rollup("cost_cluster_day", cluster)).containsExactly("2026-04-06 total 288000000");
        assertThat(count("select count(*) from mooring_processed_event where event_id = any($1)",
                (Object) new UUID[] {first, second, third})).isEqualTo(3);
    }

    @Test
    void anIncompleteInventoryInABatchIsParkedAloneAndTheOthersAccrue() throws Exception {
        String project = project();
        UUID cluster = UUID.randomUUID();
        List<InventoryReported> inventories = hours(cluster, project);
        UUID bad = UUID.randomUUID();
        handle(List.of(received(UUID.randomUUID(), inventories.get(0)),
                received(bad, new InventoryReported(cluster, null, "eks", UUID.randomUUID(), T0.plusSeconds(60),
                        knownNode(1000), T0.plusSeconds(60))),
                received(UUID.randomUUID(), inventories.get(1)),
                received(UUID.randomUUID(), inventories.get(2))));

        assertThat(count("select count(*) from mooring_dead_letter where event_id = $1", bad)).isEqualTo(1);
        assertThat(rollup("cost_cluster_day", cluster)).containsExactly("2026-04-06 total 288000000");
    }

    /** The cluster's lines with everything but their ids, in a stable order. */
    private List<String> lines(UUID cluster) {
        return rows("""
                select hour_start || ' ' || kind || ' ' || coalesce(namespace, '') || ' ' || coalesce(workload_name, '')
                    || ' ' || period_start || ' ' || period_end || ' ' || total_cost || ' ' || cpu_cost || ' '
                    || memory_cost || ' ' || cpu_core_hours
                from cost_line where cluster_id = $1 order by 1""", cluster);
    }

    private List<String> rollup(String table, UUID cluster) {
        String key = switch (table) {
            case "cost_namespace_day" -> "namespace || ' ' || ";
            case "cost_workload_hour" -> "workload_name || ' ' || ";
            default -> "";
        };
        return rows("select to_char(bucket at time zone 'UTC', 'YYYY-MM-DD') || ' ' || " + key
                + "'total ' || sum(total_cost) from " + table + " where cluster_id = $1 group by bucket"
                + (key.isEmpty() ? "" : ", " + key.substring(0, key.indexOf(' '))) + " order by 1", cluster);
    }

    private List<String> rows(String sql, UUID cluster) {
        List<String> out = new ArrayList<>();
        for (Row row : pool.preparedQuery(sql).execute(Tuple.of(cluster)).await().atMost(Duration.ofSeconds(10))) {
            out.add(row.getString(0));
        }
        return out;
    }

    /** Runs the batch as the Kafka connector does: on a duplicated context of its own, until handled or parked. */
    private void handle(List<ConsumerRecord<String, String>> batch) throws Exception {
        ConnectorContext.run(vertx, () -> consumer.handleBatch(InventoryConsumer.NAME, batch));
    }

    /** The inventory as health-service publishes it, received from the topic under {@code eventId}. */
    private static ConsumerRecord<String, String> received(UUID eventId, InventoryReported inventory) {
        return EventPublisher.received(inventory, eventId, "health-service", OFFSETS.incrementAndGet());
    }
}
