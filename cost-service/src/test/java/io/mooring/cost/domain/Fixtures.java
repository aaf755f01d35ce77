package io.mooring.cost.domain;

import io.mooring.events.CloudType;
import io.mooring.events.inventory.Allocation;
import io.mooring.events.inventory.Inventory;
import io.mooring.events.inventory.Namespace;
import io.mooring.events.inventory.Node;
import io.mooring.events.inventory.PodCounts;
import io.mooring.events.inventory.Resources;
import io.mooring.events.inventory.Volume;
import io.mooring.events.inventory.Workload;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builders for inventories and rates with round numbers, so that the tests' arithmetic stays by hand. */
final class Fixtures {

    static final UUID CLUSTER = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
    static final long GIB = 1L << 30;
    static final Instant LONG_AGO = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * Round installation rates: a 4-core 16 GiB node costs 4 × 0.025 + 16 × 0.00625 = 0.10 + 0.10 = 0.20 an
     * hour, a GPU 0.80 an hour, and 73 GiB of storage 73 × 0.10 / 730 = 0.01 an hour.
     */
    static final UnitRates UNIT_RATES = new UnitRates(dec("0.025"), dec("0.00625"), dec("0.80"), dec("0.10"));

    private Fixtures() {
    }

    static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    static Instant at(String time) {
        return Instant.parse("2026-03-02T" + time + ":00Z");
    }

    /**
     * A card with m5.large at its real us-east-1 price (0.096), and two made-up types with round prices:
     * x4.test (4 cores, 16 GiB) at 1.00 and gpu.test (4 cores, 16 GiB, 1 GPU) at 1.00.
     */
    static RateCard card() {
        return new RateCard("test card", LocalDate.parse("2026-03-01"), "USD", null, UNIT_RATES, List.of(
                new InstancePrice(Provider.AWS, "us-east-1", "m5.large", 2, dec("8"), 0, dec("0.096")),
                new InstancePrice(Provider.AWS, "us-east-1", "x4.test", 4, dec("16"), 0, dec("1.00")),
                new InstancePrice(Provider.AWS, "us-east-1", "gpu.test", 4, dec("16"), 1, dec("1.00"))));
    }

    static RateResolver resolver() {
        return new RateResolver(card(), new InstallationRates("USD", UNIT_RATES));
    }

    static ClusterRates rates(CloudType type) {
        return resolver().resolve(type, null, null);
    }

    static Node node(String name, String instanceType, long cpuMillis, long memoryGib, long gpus, Instant createdAt) {
        Resources capacity = new Resources(cpuMillis, memoryGib * GIB, gpus, 110);
        return new Node(name, instanceType == null ? null : "aws:///us-east-1a/i-" + name, instanceType,
                instanceType == null ? null : "us-east-1", instanceType == null ? null : "us-east-1a", "amd64",
                "Bottlerocket", "v1.31.0", "containerd://1.7", capacity, capacity, List.of(), false, createdAt);
    }

    static Node node(String name, String instanceType, String region, long cpuMillis, long memoryGib) {
        Resources capacity = new Resources(cpuMillis, memoryGib * GIB, 0, 110);
        return new Node(name, null, instanceType, region, null, "amd64", "Ubuntu", "v1.31.0", "containerd://1.7",
                capacity, capacity, List.of(), false, LONG_AGO);
    }

    static Allocation allocation(String node, String namespace, String workload, long cpuMillis, long memoryGib) {
        return new Allocation(node, namespace, "Deployment", workload, 1,
                new Resources(cpuMillis, memoryGib * GIB, 0, 1), null);
    }

    static Allocation allocation(String node, String namespace, String workload, Resources requests,
            Resources usage) {
        return new Allocation(node, namespace, "Deployment", workload, 1, requests, usage);
    }

    static Resources cpuMem(long cpuMillis, long memoryGib) {
        return new Resources(cpuMillis, memoryGib * GIB, 0, 1);
    }

    static Inventory inventory(List<Node> nodes, List<Allocation> allocations) {
        return inventory(nodes, allocations, List.of(), List.of(), List.of());
    }

    static Inventory inventory(List<Node> nodes, List<Allocation> allocations, List<Volume> volumes,
            List<Namespace> namespaces, List<Workload> workloads) {
        return new Inventory("v1.31.0", "aws", "eks", nodes, namespaces, workloads, allocations,
                new PodCounts(0, 0, 0, 0, 0, 0, 0), List.of(), volumes, true);
    }

    static Namespace namespace(String name, Map<String, String> labels) {
        return new Namespace(name, "Active", labels, 1, Resources.NONE);
    }
}
