package io.mooring.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetricsListBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsListBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * metrics.k8s.io as metrics-server serves it, which is what fabric8's {@code client.top()} reads:
 * {@code /apis/metrics.k8s.io/v1beta1/nodes[/name]}, {@code .../pods} and {@code .../namespaces/{ns}/pods[/name]}.
 *
 * <p>Usage is derived from the stored pods on every request, so that scaling, crash loops and NotReady nodes show
 * at once: each running container uses a stable share (5 % to 120 %) of its CPU request and 30 % to 110 % of its
 * memory request; a node adds its system overhead to the sum of its pods. Like metrics-server, pods that are not
 * running and nodes that are not Ready have no metrics.
 */
final class MetricsEndpoint {

    private static final String API_VERSION = "metrics.k8s.io/v1beta1";

    private final ObjectStore store;

    MetricsEndpoint(ObjectStore store) {
        this.store = store;
    }

    MockResponse handle(ApiPath path) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String labels = path.query().getOrDefault("labelSelector", "");
        if ("nodes".equals(path.resource())) {
            return nodes(path.name(), labels, now);
        }
        if ("pods".equals(path.resource())) {
            return pods(path.namespace(), path.name(), labels, now);
        }
        return notFound();
    }

    private MockResponse nodes(String name, String labels, Instant now) {
        Map<String, long[]> perNode = new HashMap<>();
        for (PodUsage pod : podUsage(null, null, "")) {
            long[] sum = perNode.computeIfAbsent(pod.node(), n -> new long[2]);
            sum[0] += pod.cpuNanos();
            sum[1] += pod.memoryBytes();
        }
        List<NodeMetrics> items = new ArrayList<>();
        for (ObjectStore.Stored stored : store.select(ApiPath.parse(nodesPath(name, labels)))) {
            JsonNode node = store.read(stored.json());
            if (!ready(node)) {
                continue;
            }
            String nodeName = node.path("metadata").path("name").asText();
            long[] sum = perNode.getOrDefault(nodeName, new long[2]);
            long capacityMillis = new Quantity(node.path("status").path("capacity").path("cpu").asText("1")).getNumericalAmount()
                    .multiply(BigDecimal.valueOf(1000)).longValue();
            long capacityBytes = new Quantity(node.path("status").path("capacity").path("memory").asText("1Gi")).getNumericalAmount().longValue();
            // The kubelet, the runtime and the OS use memory and CPU outside any pod.
            long cpu = Math.min(capacityMillis * 1_000_000L, sum[0] + (80 + capacityMillis / 40) * 1_000_000L);
            long memory = Math.min(capacityBytes, sum[1] + 600L * 1024 * 1024 + capacityBytes / 25);
            items.add(new NodeMetricsBuilder()
                    .withNewMetadata().withName(nodeName).withCreationTimestamp(now.toString())
                    .withLabels(labelsOf(node)).endMetadata()
                    .withTimestamp(now.minusSeconds(7).toString())
                    .withWindow(new io.fabric8.kubernetes.api.model.Duration(java.time.Duration.ofMillis(15_012)))
                    .withUsage(usage(cpu, memory))
                    .build());
        }
        if (name != null) {
            return items.isEmpty() ? notFound() : json(items.get(0));
        }
        return json(new NodeMetricsListBuilder().withMetadata(new ListMeta()).withItems(items).build());
    }

    private MockResponse pods(String namespace, String name, String labels, Instant now) {
        List<PodMetrics> items = new ArrayList<>();
        for (PodUsage pod : podUsage(namespace, name, labels)) {
            List<ContainerMetrics> containers = new ArrayList<>();
            for (ContainerUsage container : pod.containers()) {
                containers.add(new ContainerMetricsBuilder().withName(container.name())
                        .withUsage(usage(container.cpuNanos(), container.memoryBytes())).build());
            }
            items.add(new PodMetricsBuilder()
                    .withNewMetadata().withName(pod.name()).withNamespace(pod.namespace()).withCreationTimestamp(now.toString())
                    .withLabels(pod.labels()).endMetadata()
                    .withTimestamp(now.minusSeconds(9).toString())
                    .withWindow(new io.fabric8.kubernetes.api.model.Duration(java.time.Duration.ofMillis(17_834)))
                    .withContainers(containers)
                    .build());
        }
        if (name != null) {
            return items.isEmpty() ? notFound() : json(items.get(0));
        }
        return json(new PodMetricsListBuilder().withMetadata(new ListMeta()).withItems(items).build());
    }

    private record ContainerUsage(String name, long cpuNanos, long memoryBytes) {
    }

    private record PodUsage(String namespace, String name, String node, Map<String, String> labels, List<ContainerUsage> containers,
            long cpuNanos, long memoryBytes) {
    }

    private List<PodUsage> podUsage(String namespace, String name, String labels) {
        String base = namespace == null ? "/api/v1/pods" : "/api/v1/namespaces/" + namespace + "/pods";
        String path = name != null ? base + "?fieldSelector=" + encode("metadata.name=" + name)
                : labels.isEmpty() ? base : base + "?labelSelector=" + encode(labels);
        List<PodUsage> result = new ArrayList<>();
        for (ObjectStore.Stored stored : store.select(ApiPath.parse(path))) {
            JsonNode pod = store.read(stored.json());
            if (!"Running".equals(pod.path("status").path("phase").asText())) {
                continue;
            }
            String uid = pod.path("metadata").path("uid").asText();
            Map<String, Boolean> running = new HashMap<>();
            for (JsonNode status : pod.path("status").path("containerStatuses")) {
                running.put(status.path("name").asText(), status.path("state").has("running"));
            }
            List<ContainerUsage> containers = new ArrayList<>();
            long cpuSum = 0;
            long memorySum = 0;
            for (JsonNode container : pod.path("spec").path("containers")) {
                String containerName = container.path("name").asText();
                if (!running.getOrDefault(containerName, true)) {
                    continue;
                }
                JsonNode requests = container.path("resources").path("requests");
                long cpuRequest = requests.has("cpu") ? millis(requests.path("cpu").asText()) : 0;
                long memoryRequest = requests.has("memory") ? bytes(requests.path("memory").asText()) : 0;
                int hash = (uid + containerName).hashCode() & 0x7fffffff;
                long cpu = cpuRequest > 0 ? cpuRequest * 1_000_000L * (5 + hash % 116) / 100 : (1 + hash % 5) * 1_000_000L;
                long memory = memoryRequest > 0 ? memoryRequest * (30 + (hash / 7) % 81) / 100 : (10L + (hash / 7) % 31) * 1024 * 1024;
                containers.add(new ContainerUsage(containerName, cpu, memory));
                cpuSum += cpu;
                memorySum += memory;
            }
            if (containers.isEmpty()) {
                continue;
            }
            result.add(new PodUsage(pod.path("metadata").path("namespace").asText(), pod.path("metadata").path("name").asText(),
                    pod.path("spec").path("nodeName").asText(), labelsOf(pod), containers, cpuSum, memorySum));
        }
        return result;
    }

    private static String nodesPath(String name, String labels) {
        if (name != null) {
            return "/api/v1/nodes?fieldSelector=" + encode("metadata.name=" + name);
        }
        return labels.isEmpty() ? "/api/v1/nodes" : "/api/v1/nodes?labelSelector=" + encode(labels);
    }

    private static boolean ready(JsonNode node) {
        for (JsonNode condition : node.path("status").path("conditions")) {
            if ("Ready".equals(condition.path("type").asText())) {
                return "True".equals(condition.path("status").asText());
            }
        }
        return false;
    }

    private static Map<String, String> labelsOf(JsonNode object) {
        Map<String, String> labels = new LinkedHashMap<>();
        object.path("metadata").path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    /** metrics-server reports CPU in nanocores and memory in KiB. */
    private static Map<String, Quantity> usage(long cpuNanos, long memoryBytes) {
        Map<String, Quantity> usage = new LinkedHashMap<>();
        usage.put("cpu", new Quantity(cpuNanos + "n"));
        usage.put("memory", new Quantity(memoryBytes / 1024 + "Ki"));
        return usage;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static long millis(String cpu) {
        return new Quantity(cpu).getNumericalAmount().multiply(BigDecimal.valueOf(1000)).longValue();
    }

    private static long bytes(String memory) {
        return new Quantity(memory).getNumericalAmount().longValue();
    }

    private static MockResponse json(Object body) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(Serialization.asJson(body));
    }

    static MockResponse notFound() {
        return new MockResponse().setResponseCode(404).setHeader("Content-Type", "application/json").setBody(
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                        + "\"message\":\"the server could not find the requested resource\",\"reason\":\"NotFound\","
                        + "\"details\":{},\"code\":404}");
    }
}
