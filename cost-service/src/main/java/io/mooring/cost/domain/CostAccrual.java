package io.mooring.cost.domain;

import io.mooring.events.inventory.Allocation;
import io.mooring.events.inventory.Inventory;
import io.mooring.events.inventory.Namespace;
import io.mooring.events.inventory.Node;
import io.mooring.events.inventory.Resources;
import io.mooring.events.inventory.Volume;
import io.mooring.events.inventory.Workload;
import io.mooring.events.payload.InventoryReported;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.ToLongFunction;

/**
 * Turns one inventory into cost lines. A pure function of its inputs: the same inventory, previous
 * observation time, rates and settings give equal lines in the same order.
 *
 * <p>The rules:
 * <ul>
 * <li><b>Window</b>: see {@link AccrualSettings#window}: [previous observation, this one), at most maxGap.</li>
 * <li><b>Nodes</b>: a node listed in the inventory ran for the whole window, except that a node created inside
 *     it costs only from its creation time. A node gone by the time of the inventory is not billed for the
 *     part of the window it may still have run: agents report on change, so that part is short.</li>
 * <li><b>Hours</b>: the window is cut at UTC hour boundaries; each piece is its own line, costed for its exact
 *     length (a node seen for 20 minutes of an hour costs 20/60 of its hourly rate).</li>
 * <li><b>Node cost</b>: {@link ClusterRates#nodeRate}: the instance price, or unit rates × capacity; a GPU part
 *     and a compute part, the compute part divided into CPU and memory by the configured weight. The weight
 *     applies to unit-rated nodes too: the unit rates decide what a node costs, the weight how it is shared,
 *     so a workload is allocated by the same rule on every cluster.</li>
 * <li><b>Allocation</b>: for each workload on a node, max(request, usage) of CPU, of memory and of GPUs over the
 *     node's capacity. When those exceed the capacity (usage above requests on a busy node), every workload's
 *     figure for that resource is scaled down in proportion, so the node is shared out exactly once and the
 *     relative shares stay as observed. A workload asking for GPUs on a node without any pays no GPU cost.
 *     Capacity, not allocatable, is the reference: what the system reserves is idle from the tenants' view.</li>
 * <li><b>Idle</b>: per node and hour, the node's cost minus what was allocated, part by part; always one line,
 *     so every node appears in reports by node even when fully allocated.</li>
 * <li><b>Storage</b>: every bound claim (phase Bound, or unknown) costs its size at the storage rate for the
 *     whole window; a Pending claim has no volume yet, a Lost one none any more.</li>
 * <li><b>Duplicates</b>: allocations listed twice for the same node, namespace and workload are summed; a node
 *     or a claim listed twice counts once. So each line's natural key is unique.</li>
 * </ul>
 */
public final class CostAccrual {

    private static final String BOUND = "Bound";

    private static final Comparator<CostLine> ORDER = Comparator
            .comparing(CostLine::hourStart)
            .thenComparing(CostLine::kind)
            .thenComparing(CostLine::node, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(CostLine::namespace, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(CostLine::workloadKind, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(CostLine::workloadName, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(CostLine::volume, Comparator.nullsFirst(Comparator.naturalOrder()));

    private final AccrualSettings settings;

    public CostAccrual(AccrualSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public AccrualSettings settings() {
        return settings;
    }

    /** Accrues an {@code InventoryReported} event; {@code previousObservedAt} is null for a cluster's first. */
    public AccrualResult accrue(InventoryReported event, Instant previousObservedAt, ClusterRates rates) {
        return accrue(event.clusterId(), event.inventory(), event.observedAt(), previousObservedAt, rates);
    }

    /**
     * The cost lines of {@code inventory}, observed at {@code observedAt}.
     *
     * @param previousObservedAt when the cluster's previous inventory was observed; null for its first
     */
    public AccrualResult accrue(UUID clusterId, Inventory inventory, Instant observedAt, Instant previousObservedAt,
            ClusterRates rates) {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(rates, "rates");
        AccrualWindow window = settings.window(previousObservedAt, observedAt);
        if (window.isEmpty()) {
            return new AccrualResult(window, List.of(), List.of());
        }
        Context context = new Context(clusterId, observedAt, rates, inventory);
        List<CostLine> lines = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        Map<String, Node> nodes = new TreeMap<>();
        for (Node node : orEmpty(inventory.nodes())) {
            if (node != null && node.name() != null) {
                nodes.putIfAbsent(node.name(), node);
            }
        }
        Map<String, List<Allocation>> allocationsByNode = mergedAllocations(inventory.allocations());
        allocationsByNode.forEach((node, allocations) -> {
            if (!nodes.containsKey(node)) {
                warnings.add(allocations.size() + " allocation(s) on node " + node
                        + ", which the inventory does not list, were not costed");
            }
        });
        for (Node node : nodes.values()) {
            Instant start = window.from();
            if (node.createdAt() != null && node.createdAt().isAfter(start)) {
                start = node.createdAt();
            }
            if (!start.isBefore(window.to())) {
                continue;
            }
            accrueNode(context, node, allocationsByNode.getOrDefault(node.name(), List.of()), start, window.to(),
                    lines);
        }
        accrueVolumes(context, inventory.volumes(), window, lines);
        lines.sort(ORDER);
        return new AccrualResult(window, lines, warnings);
    }

    private record Context(UUID clusterId, Instant observedAt, ClusterRates rates,
            Map<String, Map<String, String>> namespaceLabels, Map<String, Map<String, String>> workloadLabels) {

        Context(UUID clusterId, Instant observedAt, ClusterRates rates, Inventory inventory) {
            this(clusterId, observedAt, rates, namespaceLabels(inventory), workloadLabels(inventory));
        }

        private static Map<String, Map<String, String>> namespaceLabels(Inventory inventory) {
            Map<String, Map<String, String>> labels = new TreeMap<>();
            for (Namespace namespace : orEmpty(inventory.namespaces())) {
                if (namespace != null && namespace.name() != null && namespace.labels() != null) {
                    labels.putIfAbsent(namespace.name(), namespace.labels());
                }
            }
            return labels;
        }

        private static Map<String, Map<String, String>> workloadLabels(Inventory inventory) {
            Map<String, Map<String, String>> labels = new TreeMap<>();
            for (Workload workload : orEmpty(inventory.workloads())) {
                if (workload != null && workload.labels() != null) {
                    labels.putIfAbsent(workloadKey(workload.namespace(), workload.kind(), workload.name()),
                            workload.labels());
                }
            }
            return labels;
        }

        Map<String, String> labelsOfNamespace(String namespace) {
            return namespaceLabels.getOrDefault(namespace, Map.of());
        }

        Map<String, String> labelsOfWorkload(String namespace, String kind, String name) {
            return workloadLabels.getOrDefault(workloadKey(namespace, kind, name), Map.of());
        }
    }

    private static String workloadKey(String namespace, String kind, String name) {
        return namespace + '\u0000' + kind + '\u0000' + name;
    }

    /** A workload's figures on one node after merging duplicates, with its demand = max(request, usage). */
    private record Demand(Allocation allocation, long cpuMillis, long memoryBytes, long gpus) {

        static Demand of(Allocation allocation) {
            Resources requests = resources(allocation.requests());
            Resources usage = allocation.usage();
            return new Demand(allocation,
                    Math.max(requests.cpuMillis(), usage == null ? 0 : usage.cpuMillis()),
                    Math.max(requests.memoryBytes(), usage == null ? 0 : usage.memoryBytes()),
                    Math.max(requests.gpus(), usage == null ? 0 : usage.gpus()));
        }
    }

    private void accrueNode(Context context, Node node, List<Allocation> allocations, Instant from, Instant to,
            List<CostLine> lines) {
        NodeRate rate = context.rates().nodeRate(node);
        Resources capacity = resources(node.capacity());
        BigDecimal cores = Money.cores(capacity.cpuMillis());
        BigDecimal gib = Money.gib(capacity.memoryBytes());
        BigDecimal gpus = BigDecimal.valueOf(Math.max(0, capacity.gpus()));

        List<Demand> demands = allocations.stream().map(Demand::of).toList();
        BigDecimal[] cpuFractions = fractions(demands, capacity.cpuMillis(), Demand::cpuMillis);
        BigDecimal[] memoryFractions = fractions(demands, capacity.memoryBytes(), Demand::memoryBytes);
        BigDecimal[] gpuFractions = fractions(demands, capacity.gpus(), Demand::gpus);
        BigDecimal cpuShare = settings.weight().cpuShare();

        for (Instant hour = from.truncatedTo(ChronoUnit.HOURS); hour.isBefore(to); hour = hour.plus(1, ChronoUnit.HOURS)) {
            Instant periodStart = hour.isBefore(from) ? from : hour;
            Instant next = hour.plus(1, ChronoUnit.HOURS);
            Instant periodEnd = next.isAfter(to) ? to : next;
            BigDecimal hours = Money.hours(Duration.between(periodStart, periodEnd));

            BigDecimal computePool = Money.round(rate.computeHourly().multiply(hours, Money.MC));
            BigDecimal cpuPool = Money.round(computePool.multiply(cpuShare, Money.MC));
            BigDecimal memoryPool = computePool.subtract(cpuPool);
            BigDecimal gpuPool = Money.round(rate.gpuHourly().multiply(hours, Money.MC));

            BigDecimal cpuAllocated = Money.ZERO;
            BigDecimal memoryAllocated = Money.ZERO;
            BigDecimal gpuAllocated = Money.ZERO;
            BigDecimal cpuFractionSum = BigDecimal.ZERO;
            BigDecimal memoryFractionSum = BigDecimal.ZERO;
            BigDecimal gpuFractionSum = BigDecimal.ZERO;
            for (int i = 0; i < demands.size(); i++) {
                Allocation allocation = demands.get(i).allocation();
                BigDecimal cpu = Money.truncate(cpuPool.multiply(cpuFractions[i], Money.MC));
                BigDecimal memory = Money.truncate(memoryPool.multiply(memoryFractions[i], Money.MC));
                BigDecimal gpu = Money.truncate(gpuPool.multiply(gpuFractions[i], Money.MC));
                cpuAllocated = cpuAllocated.add(cpu);
                memoryAllocated = memoryAllocated.add(memory);
                gpuAllocated = gpuAllocated.add(gpu);
                cpuFractionSum = cpuFractionSum.add(cpuFractions[i]);
                memoryFractionSum = memoryFractionSum.add(memoryFractions[i]);
                gpuFractionSum = gpuFractionSum.add(gpuFractions[i]);

                Resources requests = resources(allocation.requests());
                ResourceHours allocated = new ResourceHours(
                        quantity(cpuFractions[i].multiply(cores, Money.MC), hours),
                        quantity(memoryFractions[i].multiply(gib, Money.MC), hours),
                        quantity(gpuFractions[i].multiply(gpus, Money.MC), hours),
                        Money.ZERO);
                ResourceHours requested = resourceHours(requests, hours);
                ResourceHours used = allocation.usage() == null ? null : resourceHours(allocation.usage(), hours);
                lines.add(new CostLine(context.clusterId(), context.observedAt(), hour, periodStart, periodEnd,
                        LineKind.ALLOCATION, node.name(), allocation.namespace(), allocation.workloadKind(),
                        allocation.workloadName(), null, null, allocation.pods(),
                        context.labelsOfNamespace(allocation.namespace()),
                        context.labelsOfWorkload(allocation.namespace(), allocation.workloadKind(),
                                allocation.workloadName()),
                        context.rates().currency(), cpu, memory, gpu, Money.ZERO, cpu.add(memory).add(gpu),
                        allocated, requested, used));
            }

            BigDecimal idleCpu = cpuPool.subtract(cpuAllocated);
            BigDecimal idleMemory = memoryPool.subtract(memoryAllocated);
            BigDecimal idleGpu = gpuPool.subtract(gpuAllocated);
            ResourceHours idle = new ResourceHours(
                    quantity(BigDecimal.ONE.subtract(cpuFractionSum).multiply(cores, Money.MC), hours),
                    quantity(BigDecimal.ONE.subtract(memoryFractionSum).multiply(gib, Money.MC), hours),
                    quantity(BigDecimal.ONE.subtract(gpuFractionSum).multiply(gpus, Money.MC), hours),
                    Money.ZERO);
            lines.add(new CostLine(context.clusterId(), context.observedAt(), hour, periodStart, periodEnd,
                    LineKind.IDLE, node.name(), null, null, null, null, null, 0, Map.of(), Map.of(),
                    context.rates().currency(), idleCpu, idleMemory, idleGpu, Money.ZERO,
                    idleCpu.add(idleMemory).add(idleGpu), idle, null, null));
        }
    }

    /**
     * Each workload's fraction of one resource of the node: demand ÷ capacity, or demand ÷ total demand when
     * the demands exceed the capacity (the proportional scale-down). Zero on a node without that resource.
     */
    private static BigDecimal[] fractions(List<Demand> demands, long capacity,
            ToLongFunction<Demand> demand) {
        BigDecimal[] fractions = new BigDecimal[demands.size()];
        long total = 0;
        for (Demand d : demands) {
            total = Math.addExact(total, Math.max(0, demand.applyAsLong(d)));
        }
        BigDecimal denominator = BigDecimal.valueOf(Math.max(capacity, total));
        for (int i = 0; i < fractions.length; i++) {
            long value = Math.max(0, demand.applyAsLong(demands.get(i)));
            fractions[i] = capacity <= 0 || value == 0
                    ? BigDecimal.ZERO
                    : BigDecimal.valueOf(value).divide(denominator, Money.MC);
        }
        return fractions;
    }

    private void accrueVolumes(Context context, List<Volume> volumes, AccrualWindow window, List<CostLine> lines) {
        Map<String, Volume> billable = new TreeMap<>();
        for (Volume volume : orEmpty(volumes)) {
            if (volume != null && volume.name() != null && volume.sizeBytes() > 0
                    && (volume.phase() == null || BOUND.equalsIgnoreCase(volume.phase()))) {
                billable.putIfAbsent(volume.namespace() + '\u0000' + volume.name(), volume);
            }
        }
        if (billable.isEmpty()) {
            return;
        }
        BigDecimal gibHourRate = context.rates().storageGibHour();
        for (Instant hour = window.from().truncatedTo(ChronoUnit.HOURS); hour.isBefore(window.to());
                hour = hour.plus(1, ChronoUnit.HOURS)) {
            Instant periodStart = hour.isBefore(window.from()) ? window.from() : hour;
            Instant next = hour.plus(1, ChronoUnit.HOURS);
            Instant periodEnd = next.isAfter(window.to()) ? window.to() : next;
            BigDecimal hours = Money.hours(Duration.between(periodStart, periodEnd));
            for (Volume volume : billable.values()) {
                BigDecimal gibHours = Money.gib(volume.sizeBytes()).multiply(hours, Money.MC);
                BigDecimal cost = Money.round(gibHours.multiply(gibHourRate, Money.MC));
                ResourceHours size = new ResourceHours(Money.ZERO, Money.ZERO, Money.ZERO, Money.round(gibHours));
                lines.add(new CostLine(context.clusterId(), context.observedAt(), hour, periodStart, periodEnd,
                        LineKind.STORAGE, null, volume.namespace(), null, null, volume.name(),
                        volume.storageClass(), 0, context.labelsOfNamespace(volume.namespace()), Map.of(),
                        context.rates().currency(), Money.ZERO, Money.ZERO, Money.ZERO, cost, cost,
                        size, size, null));
            }
        }
    }

    /** Allocations grouped by node, duplicates (same node, namespace and workload) summed, in input order. */
    private static Map<String, List<Allocation>> mergedAllocations(List<Allocation> allocations) {
        Map<String, Allocation> merged = new LinkedHashMap<>();
        for (Allocation allocation : orEmpty(allocations)) {
            if (allocation == null || allocation.node() == null) {
                continue;
            }
            String key = allocation.node() + '\u0000'
                    + workloadKey(allocation.namespace(), allocation.workloadKind(), allocation.workloadName());
            merged.merge(key, allocation, CostAccrual::sum);
        }
        Map<String, List<Allocation>> byNode = new TreeMap<>();
        for (Allocation allocation : merged.values()) {
            byNode.computeIfAbsent(allocation.node(), n -> new ArrayList<>()).add(allocation);
        }
        return byNode;
    }

    private static Allocation sum(Allocation a, Allocation b) {
        Resources usage = a.usage() == null ? b.usage()
                : b.usage() == null ? a.usage()
                : plus(a.usage(), b.usage());
        return new Allocation(a.node(), a.namespace(), a.workloadKind(), a.workloadName(), a.pods() + b.pods(),
                plus(resources(a.requests()), resources(b.requests())), usage);
    }

    private static Resources plus(Resources a, Resources b) {
        return new Resources(a.cpuMillis() + b.cpuMillis(), a.memoryBytes() + b.memoryBytes(), a.gpus() + b.gpus(),
                a.pods() + b.pods());
    }

    private static ResourceHours resourceHours(Resources resources, BigDecimal hours) {
        return new ResourceHours(
                quantity(Money.cores(resources.cpuMillis()), hours),
                quantity(Money.gib(resources.memoryBytes()), hours),
                quantity(BigDecimal.valueOf(resources.gpus()), hours),
                Money.ZERO);
    }

    private static BigDecimal quantity(BigDecimal perHour, BigDecimal hours) {
        return Money.round(perHour.multiply(hours, Money.MC));
    }

    private static Resources resources(Resources resources) {
        return resources == null ? Resources.NONE : resources;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
