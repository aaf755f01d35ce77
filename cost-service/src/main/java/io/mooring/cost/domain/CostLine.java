package io.mooring.cost.domain;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What one workload, one node's idle capacity or one volume cost over a period within one clock hour (UTC).
 *
 * <p>Which fields are set depends on {@code kind}:
 * <ul>
 * <li>ALLOCATION: node, namespace, workloadKind, workloadName, pods; cpu/memory/gpu costs; {@code allocated}
 *     is what the cost pays for (max(request, usage), scaled down on an over-committed node), {@code requested}
 *     what the pods request, {@code used} what they use (null when the cluster serves no metrics).</li>
 * <li>IDLE: node only; {@code allocated} is the capacity no workload took; requested and used are null.</li>
 * <li>STORAGE: namespace, volume (the claim's name), storageClass; storage cost; allocated = requested =
 *     the claim's size × hours; used is null (PVC usage is not reported).</li>
 * </ul>
 * Amounts and quantities have {@link Money#SCALE} decimals; {@code totalCost} is exactly the sum of the parts.
 * Labels are copied onto each line so that a report by label key needs no other table: a workload label wins
 * over a namespace label of the same key ({@link #label(String)}).
 *
 * @param observedAt the observation time of the inventory the line comes from; part of the natural key, so
 *                   that two inventories in one hour make distinct lines and a replayed one makes the same
 */
public record CostLine(
        UUID clusterId,
        Instant observedAt,
        Instant hourStart,
        Instant periodStart,
        Instant periodEnd,
        LineKind kind,
        String node,
        String namespace,
        String workloadKind,
        String workloadName,
        String volume,
        String storageClass,
        int pods,
        Map<String, String> namespaceLabels,
        Map<String, String> workloadLabels,
        String currency,
        BigDecimal cpuCost,
        BigDecimal memoryCost,
        BigDecimal gpuCost,
        BigDecimal storageCost,
        BigDecimal totalCost,
        ResourceHours allocated,
        ResourceHours requested,
        ResourceHours used) {

    public CostLine {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(observedAt, "observedAt");
        Objects.requireNonNull(hourStart, "hourStart");
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(allocated, "allocated");
        Objects.requireNonNull(cpuCost, "cpuCost");
        Objects.requireNonNull(memoryCost, "memoryCost");
        Objects.requireNonNull(gpuCost, "gpuCost");
        Objects.requireNonNull(storageCost, "storageCost");
        Objects.requireNonNull(totalCost, "totalCost");
        namespaceLabels = copy(namespaceLabels);
        workloadLabels = copy(workloadLabels);
        if (cpuCost.add(memoryCost).add(gpuCost).add(storageCost).compareTo(totalCost) != 0) {
            throw new IllegalArgumentException("totalCost must be the sum of the cost parts");
        }
    }

    /** The value of a label key for this line: the workload's label, else its namespace's; null when neither. */
    public String label(String key) {
        String value = workloadLabels.get(key);
        return value != null ? value : namespaceLabels.get(key);
    }

    /**
     * The labels that describe this line for reports by label: its namespace's, overridden key by key by its
     * workload's (the same precedence as {@link #label(String)}).
     */
    public Map<String, String> labels() {
        if (workloadLabels.isEmpty()) {
            return namespaceLabels;
        }
        if (namespaceLabels.isEmpty()) {
            return workloadLabels;
        }
        SortedMap<String, String> merged = new TreeMap<>(namespaceLabels);
        merged.putAll(workloadLabels);
        return Collections.unmodifiableSortedMap(merged);
    }

    /**
     * The part of {@link #totalCost()} that paid for what was actually used, for efficiency (used ÷ cost):
     * <ul>
     * <li>ALLOCATION: each cost part times usage ÷ allocated quantity of its resource, at most the whole part
     *     (usage above the allocation of an over-committed node uses all of it). Without metrics ({@code used}
     *     null) the requests stand in for usage, so the whole cost counts as used.</li>
     * <li>IDLE: nothing; STORAGE: all of it, a claimed volume being in use as far as cost can tell.</li>
     * </ul>
     */
    public BigDecimal usedCost() {
        return switch (kind) {
            case IDLE -> Money.ZERO;
            case STORAGE -> totalCost;
            case ALLOCATION -> used == null
                    ? totalCost
                    : usedPart(cpuCost, used.cpuCoreHours(), allocated.cpuCoreHours())
                            .add(usedPart(memoryCost, used.memoryGibHours(), allocated.memoryGibHours()))
                            .add(usedPart(gpuCost, used.gpuHours(), allocated.gpuHours()));
        };
    }

    private static BigDecimal usedPart(BigDecimal cost, BigDecimal usedQuantity, BigDecimal allocatedQuantity) {
        if (cost.signum() == 0 || allocatedQuantity.signum() <= 0 || usedQuantity.compareTo(allocatedQuantity) >= 0) {
            return cost;
        }
        if (usedQuantity.signum() <= 0) {
            return Money.ZERO;
        }
        return Money.truncate(cost.multiply(usedQuantity, Money.MC).divide(allocatedQuantity, Money.MC));
    }

    /** The natural key: unique among all lines, equal for the lines of a replayed inventory. */
    public Key key() {
        return new Key(clusterId, observedAt, hourStart, kind, node, namespace, workloadKind, workloadName, volume);
    }

    /** The natural key as one string, for a unique index. */
    public String naturalKey() {
        return key().asString();
    }

    /** A name-based (type 3) UUID of the natural key: a stable primary key, equal across replays. */
    public UUID id() {
        return UUID.nameUUIDFromBytes(naturalKey().getBytes(StandardCharsets.UTF_8));
    }

    /** Identifies a line; null parts are those its kind does not use. */
    public record Key(UUID clusterId, Instant observedAt, Instant hourStart, LineKind kind, String node,
            String namespace, String workloadKind, String workloadName, String volume) {

        /** The parts joined by '|', which Kubernetes names cannot contain; a missing part is empty. */
        public String asString() {
            return String.join("|", clusterId.toString(), observedAt.toString(), hourStart.toString(),
                    kind.name(), orEmpty(node), orEmpty(namespace), orEmpty(workloadKind), orEmpty(workloadName),
                    orEmpty(volume));
        }

        private static String orEmpty(String part) {
            return part == null ? "" : part;
        }
    }

    private static Map<String, String> copy(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return Collections.emptySortedMap();
        }
        SortedMap<String, String> sorted = new TreeMap<>();
        labels.forEach((k, v) -> {
            if (k != null && v != null) {
                sorted.put(k, v);
            }
        });
        return Collections.unmodifiableSortedMap(sorted);
    }
}
