package io.mooring.simulator.load;

import java.time.Instant;
import java.util.UUID;

/**
 * The body of an agent's inventory report for a cluster of N nodes, in the shape the agent sends (events module's
 * InventoryReport: nodes, namespaces, workloads and the allocation table with usage), with fixed names per node so
 * successive reports of one cluster describe the same nodes, as a real cluster's do and as cost accrual expects.
 */
final class InventoryBodies {

    /** Namespaces and workloads per node: a middle-sized cluster's shape, not an empty one. */
    private static final int NAMESPACES = 8;
    private static final int WORKLOADS_PER_NODE = 4;

    private InventoryBodies() {
    }

    /** The agent's report: {@code {"reportId", "observedAt", "inventory"}}. */
    static String inventory(UUID cluster, int nodes, Instant observedAt) {
        return "{\"reportId\":\"" + UUID.randomUUID() + "\",\"observedAt\":\"" + observedAt + "\",\"inventory\":"
                + inventoryObject(cluster, nodes) + "}";
    }

    /** The inventory itself, as the report and the InventoryReported event carry it. */
    static String inventoryObject(UUID cluster, int nodes) {
        String prefix = cluster.toString().substring(0, 8);
        StringBuilder sb = new StringBuilder(nodes * 2000).append("{")
                .append("\"kubernetesVersion\":\"v1.31.4\",\"detectedProvider\":\"aws\",\"detectedPlatform\":\"eks\",")
                .append("\"nodes\":[");
        for (int n = 0; n < nodes; n++) {
            sb.append(n == 0 ? "" : ",").append("{\"name\":\"ip-").append(prefix).append('-').append(n)
                    .append("\",\"providerId\":\"aws:///eu-west-1a/i-").append(prefix).append(n)
                    .append("\",\"instanceType\":\"m6i.xlarge\",\"region\":\"eu-west-1\",\"zone\":\"eu-west-1a\",")
                    .append("\"architecture\":\"amd64\",\"osImage\":\"Amazon Linux 2023\",\"kubeletVersion\":\"v1.31.4\",")
                    .append("\"containerRuntime\":\"containerd://1.7.22\",")
                    .append("\"capacity\":{\"cpuMillis\":4000,\"memoryBytes\":16777216000,\"gpus\":0,\"pods\":58},")
                    .append("\"allocatable\":{\"cpuMillis\":3920,\"memoryBytes\":15300000000,\"gpus\":0,\"pods\":58},")
                    .append("\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"KubeletReady\",")
                    .append("\"message\":\"kubelet is posting ready status\",\"lastTransitionTime\":\"2026-11-01T00:00:00Z\"}],")
                    .append("\"unschedulable\":false,\"createdAt\":\"2026-11-01T00:00:00Z\"}");
        }
        sb.append("],\"namespaces\":[");
        for (int ns = 0; ns < NAMESPACES; ns++) {
            sb.append(ns == 0 ? "" : ",").append("{\"name\":\"team-").append(ns)
                    .append("\",\"phase\":\"Active\",\"labels\":{},\"pods\":").append(nodes * WORKLOADS_PER_NODE / NAMESPACES)
                    .append(",\"requests\":{\"cpuMillis\":1000,\"memoryBytes\":2000000000,\"gpus\":0,\"pods\":0}}");
        }
        int workloads = nodes * WORKLOADS_PER_NODE;
        sb.append("],\"workloads\":[");
        for (int w = 0; w < workloads; w++) {
            sb.append(w == 0 ? "" : ",").append("{\"namespace\":\"team-").append(w % NAMESPACES)
                    .append("\",\"kind\":\"Deployment\",\"name\":\"app-").append(w)
                    .append("\",\"desired\":1,\"ready\":1,\"labels\":{}}");
        }
        sb.append("],\"allocationTable\":{\"nodes\":[");
        for (int n = 0; n < nodes; n++) {
            sb.append(n == 0 ? "" : ",").append("\"ip-").append(prefix).append('-').append(n).append('"');
        }
        sb.append("],\"owners\":[");
        for (int w = 0; w < workloads; w++) {
            sb.append(w == 0 ? "" : ",").append("{\"namespace\":\"team-").append(w % NAMESPACES)
                    .append("\",\"kind\":\"Deployment\",\"name\":\"app-").append(w).append("\"}");
        }
        // Rows: node, owner, pods, requested cpu/memory/gpus, used cpu/memory/gpus (AllocationTable.WITH_USAGE).
        sb.append("],\"rows\":[");
        for (int w = 0; w < workloads; w++) {
            sb.append(w == 0 ? "" : ",").append('[').append(w % nodes).append(',').append(w)
                    .append(",1,500,1000000000,0,320,700000000,0]");
        }
        return sb.append("]},\"pods\":{\"total\":").append(workloads).append(",\"running\":").append(workloads)
                .append(",\"pending\":0,\"succeeded\":0,\"failed\":0,\"unknown\":0,\"restarts\":0},")
                .append("\"problemPods\":[],\"volumes\":[],\"metricsAvailable\":true}").toString();
    }
}
