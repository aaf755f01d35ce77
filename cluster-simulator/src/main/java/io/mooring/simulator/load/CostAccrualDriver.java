package io.mooring.simulator.load;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * Feeds cost-service an hour of inventories (bin/bench, issue #15) as health-service publishes them: first
 * {@code announce} N clusters (ClusterImported, so cost-service knows their project), then {@code inventories}:
 * {@code --per-cluster} [6] InventoryReported events per cluster, {@code --nodes} [50] nodes each, observed over the
 * past hour in order (the oldest round first, so each cluster's come in time order, as they would), on the loopback
 * broker {@code --kafka}. The script times the consumer from the first of them to its last commit.
 * <pre>
 * CostAccrualDriver announce --kafka=127.0.0.1:19092 --clusters=10000 --ids=FILE
 * CostAccrualDriver inventories --kafka=127.0.0.1:19092 --ids=FILE [--nodes=50] [--per-cluster=6]
 * </pre>
 * kafka-clients must be on the class path (test-support's class path has it).
 */
public final class CostAccrualDriver {

    static final String INVENTORY_TOPIC = "mooring.cluster-inventory";
    static final String INVENTORY_TYPE = "io.mooring.cluster.inventory-reported.v1";

    private CostAccrualDriver() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: CostAccrualDriver announce|inventories --name=value ...");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            options.put(args[i].substring(2, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
        }
        String kafka = options.getOrDefault("kafka", "127.0.0.1:19092");
        if (!kafka.startsWith("127.0.0.1:") && !kafka.startsWith("localhost:")) {
            throw new IllegalArgumentException("--kafka must be on this machine (loopback), not " + kafka);
        }
        Path ids = Path.of(options.getOrDefault("ids", "clusters.txt"));
        String project = options.getOrDefault("project", "load");
        if (args[0].equals("announce")) {
            int n = Integer.parseInt(options.getOrDefault("clusters", "1000"));
            List<UUID> clusters = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                clusters.add(UUID.randomUUID());
            }
            Files.write(ids, clusters.stream().map(UUID::toString).toList(), StandardCharsets.UTF_8);
            LifecycleSeeder.announce(kafka, clusters, project);
            System.out.printf("Announced %d clusters%n", n);
            return;
        }
        List<UUID> clusters = Files.readAllLines(ids).stream().map(UUID::fromString).toList();
        int nodes = Integer.parseInt(options.getOrDefault("nodes", "50"));
        int rounds = Integer.parseInt(options.getOrDefault("per-cluster", "6"));
        long started = System.currentTimeMillis();
        LifecycleSeeder.publish(kafka, INVENTORY_TOPIC, messages(clusters, project, nodes, rounds,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1))));
        System.out.printf("Published %d inventories (%d clusters x %d, %d nodes each) in %d ms%n",
                clusters.size() * rounds, clusters.size(), rounds, nodes, System.currentTimeMillis() - started);
    }

    /** Round r of every cluster, observed at {@code hourStart + r * (1 h / rounds)}; lazily, one at a time. */
    static Iterator<LifecycleSeeder.Message> messages(List<UUID> clusters, String project, int nodes, int rounds,
            Instant hourStart) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < clusters.size() * rounds;
            }

            @Override
            public LifecycleSeeder.Message next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int round = next / clusters.size();
                UUID cluster = clusters.get(next % clusters.size());
                next++;
                Instant observedAt = hourStart.plus(Duration.ofHours(1).multipliedBy(round).dividedBy(rounds));
                String data = "{\"clusterId\":\"" + cluster + "\",\"project\":\"" + project + "\",\"cloudType\":\"generic\","
                        + "\"reportId\":\"" + UUID.randomUUID() + "\",\"observedAt\":\"" + observedAt + "\",\"inventory\":"
                        + InventoryBodies.inventoryObject(cluster, nodes) + ",\"occurredAt\":\"" + observedAt + "\"}";
                return new LifecycleSeeder.Message(cluster, INVENTORY_TYPE, data);
            }
        };
    }
}
