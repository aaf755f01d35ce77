package io.mooring.events.inventory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link Allocation}s of an inventory in the form they travel: a 1,000-node, 30,000-pod cluster has about as
 * many allocations as pods, and spelled out as objects they alone made a 10 MB report. Here node and owner names
 * are listed once and each allocation is a row of numbers referring to them by position:
 *
 * <pre>
 * [node, owner, pods, cpuMillis, memoryBytes, gpus]                                   requests only
 * [node, owner, pods, cpuMillis, memoryBytes, gpus, usedCpuMillis, usedMemoryBytes, usedGpus]   with usage
 * </pre>
 *
 * {@code node} indexes {@link #nodes}, {@code owner} indexes {@link #owners}; the requests and usage are sums over
 * the {@code pods} running pods. A row of six has no usage (metrics.k8s.io not served or no sample yet). Read it
 * with {@link #expand()}; {@link #problems()} says what is wrong with a table received from outside.
 */
public record AllocationTable(List<String> nodes, List<Owner> owners, List<long[]> rows) {

    /** Columns of a row: the first {@value #REQUESTS_ONLY} always, the usage columns when measured. */
    public static final int REQUESTS_ONLY = 6;
    public static final int WITH_USAGE = 9;

    public static final AllocationTable EMPTY = new AllocationTable(List.of(), List.of(), List.of());

    /** The workload (or, for a pod without an owner, the pod) an allocation belongs to. */
    public record Owner(String namespace, String kind, String name) {
    }

    /** The table of {@code allocations}, in their order; names are listed in the order they first appear. */
    public static AllocationTable of(List<Allocation> allocations) {
        if (allocations == null || allocations.isEmpty()) {
            return EMPTY;
        }
        Map<String, Integer> nodeIndex = new HashMap<>();
        Map<Owner, Integer> ownerIndex = new HashMap<>();
        List<String> nodes = new ArrayList<>();
        List<Owner> owners = new ArrayList<>();
        List<long[]> rows = new ArrayList<>(allocations.size());
        for (Allocation a : allocations) {
            int node = nodeIndex.computeIfAbsent(a.node(), name -> {
                nodes.add(name);
                return nodes.size() - 1;
            });
            int owner = ownerIndex.computeIfAbsent(new Owner(a.namespace(), a.workloadKind(), a.workloadName()), o -> {
                owners.add(o);
                return owners.size() - 1;
            });
            Resources requests = a.requests() == null ? Resources.NONE : a.requests();
            Resources usage = a.usage();
            rows.add(usage == null
                    ? new long[] {node, owner, a.pods(), requests.cpuMillis(), requests.memoryBytes(), requests.gpus()}
                    : new long[] {node, owner, a.pods(), requests.cpuMillis(), requests.memoryBytes(), requests.gpus(),
                        usage.cpuMillis(), usage.memoryBytes(), usage.gpus()});
        }
        return new AllocationTable(List.copyOf(nodes), List.copyOf(owners), rows);
    }

    /**
     * The allocations, one per row; the pod count of their requests and usage is the row's. Throws
     * {@link IllegalArgumentException} for a table {@link #problems()} would refuse.
     */
    public List<Allocation> expand() {
        List<String> error = problems();
        if (!error.isEmpty()) {
            throw new IllegalArgumentException("Invalid allocation table: " + error.get(0));
        }
        List<Allocation> allocations = new ArrayList<>(rows == null ? 0 : rows.size());
        for (long[] row : rows == null ? List.<long[]>of() : rows) {
            Owner owner = owners.get((int) row[1]);
            long pods = row[2];
            allocations.add(new Allocation(nodes.get((int) row[0]), owner.namespace(), owner.kind(), owner.name(),
                    (int) pods, new Resources(row[3], row[4], row[5], pods),
                    row.length == WITH_USAGE ? new Resources(row[6], row[7], row[8], pods) : null));
        }
        return allocations;
    }

    /** This table with the usage columns dropped: what the allocations request, not what they happen to use now. */
    public AllocationTable withoutUsage() {
        if (rows == null || rows.stream().allMatch(row -> row == null || row.length != WITH_USAGE)) {
            return this;
        }
        return new AllocationTable(nodes, owners, rows.stream()
                .map(row -> row != null && row.length == WITH_USAGE ? Arrays.copyOf(row, REQUESTS_ONLY) : row).toList());
    }

    /** What makes this table unreadable, at most one message per kind of fault; empty when it is sound. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        int nodeCount = nodes == null ? 0 : nodes.size();
        int ownerCount = owners == null ? 0 : owners.size();
        if (nodes != null && nodes.stream().anyMatch(n -> n == null || n.isBlank())) {
            problems.add("nodes must not hold blank names");
        }
        if (owners != null && owners.stream().anyMatch(o -> o == null || blank(o.namespace()) || blank(o.kind())
                || blank(o.name()))) {
            problems.add("owners need a namespace, kind and name");
        }
        if (rows == null) {
            return problems;
        }
        for (int i = 0; i < rows.size(); i++) {
            long[] row = rows.get(i);
            String fault = fault(row, nodeCount, ownerCount);
            if (fault != null) {
                problems.add("row " + i + " " + fault);
                break;
            }
        }
        return problems;
    }

    private static String fault(long[] row, int nodeCount, int ownerCount) {
        if (row == null || (row.length != REQUESTS_ONLY && row.length != WITH_USAGE)) {
            return "must have " + REQUESTS_ONLY + " or " + WITH_USAGE + " numbers";
        }
        if (row[0] < 0 || row[0] >= nodeCount) {
            return "refers to node " + row[0] + " of " + nodeCount;
        }
        if (row[1] < 0 || row[1] >= ownerCount) {
            return "refers to owner " + row[1] + " of " + ownerCount;
        }
        if (row[2] < 0 || row[2] > Integer.MAX_VALUE) {
            return "has an impossible pod count";
        }
        for (int column = 3; column < row.length; column++) {
            if (row[column] < 0) {
                return "has a negative quantity";
            }
        }
        return null;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    // Arrays compare by identity: a table read back from JSON must equal the one written.

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof AllocationTable that)) {
            return false;
        }
        if (!Objects.equals(nodes, that.nodes) || !Objects.equals(owners, that.owners)) {
            return false;
        }
        if (rows == null || that.rows == null) {
            return rows == that.rows;
        }
        if (rows.size() != that.rows.size()) {
            return false;
        }
        for (int i = 0; i < rows.size(); i++) {
            if (!Arrays.equals(rows.get(i), that.rows.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = Objects.hash(nodes, owners);
        if (rows != null) {
            for (long[] row : rows) {
                hash = 31 * hash + Arrays.hashCode(row);
            }
        }
        return hash;
    }

    @Override
    public String toString() {
        return "AllocationTable[" + (nodes == null ? 0 : nodes.size()) + " nodes, " + (owners == null ? 0 : owners.size())
                + " owners, " + (rows == null ? 0 : rows.size()) + " rows]";
    }
}
