package io.mooring.health.domain;

import io.mooring.events.agent.InventoryReport;
import io.mooring.events.inventory.Inventory;
import io.mooring.events.inventory.Node;
import io.mooring.events.inventory.ProblemPod;
import io.mooring.events.inventory.Workload;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the checks may look at for one cluster at one moment. {@code inventory} and the heartbeat and
 * observation times may be null (never reported); the list accessors below turn missing lists into empty ones
 * so that a sparse report from an older agent does not break a check.
 */
public record HealthContext(
        Connectivity connectivity,
        Instant lastHeartbeat,
        Inventory inventory,
        Instant inventoryObservedAt,
        Instant now) {

    public HealthContext {
        Objects.requireNonNull(connectivity, "connectivity");
        Objects.requireNonNull(now, "now");
    }

    /** From the latest stored inventory report, which may be null. */
    public static HealthContext of(Connectivity connectivity, Instant lastHeartbeat, InventoryReport latest, Instant now) {
        return latest == null
                ? new HealthContext(connectivity, lastHeartbeat, null, null, now)
                : new HealthContext(connectivity, lastHeartbeat, latest.inventory(), latest.observedAt(), now);
    }

    public boolean hasInventory() {
        return inventory != null;
    }

    public List<Node> nodes() {
        return inventory == null || inventory.nodes() == null ? List.of() : inventory.nodes();
    }

    public List<Workload> workloads() {
        return inventory == null || inventory.workloads() == null ? List.of() : inventory.workloads();
    }

    public List<ProblemPod> problemPods() {
        return inventory == null || inventory.problemPods() == null ? List.of() : inventory.problemPods();
    }

    public String kubernetesVersion() {
        return inventory == null ? null : inventory.kubernetesVersion();
    }
}
