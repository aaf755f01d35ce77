package io.mooring.agent.kubernetes;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mooring.agent.domain.ClusterFacts;
import io.mooring.agent.domain.ClusterFacts.NodeFacts;
import io.mooring.agent.domain.InventoryAggregator;
import io.mooring.agent.domain.ProviderDetector;
import io.mooring.agent.domain.ProviderDetector.Detection;
import io.mooring.agent.domain.Quantities;
import io.mooring.events.inventory.Inventory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Collects the inventory by paging through the cluster's lists and streaming every page into an
 * {@link InventoryAggregator}; no list is held whole. The same pass gathers the facts provider detection needs, so
 * every inventory carries a fresh detection. Usage comes from metrics.k8s.io one namespace at a time, when the
 * server has that group and lets the agent read it. Blocking: run it on a worker thread.
 */
public final class InventoryCollector {

    private static final Logger LOG = Logger.getLogger(InventoryCollector.class);
    private static final String METRICS_GROUP = "metrics.k8s.io";

    /** One collection: the inventory, what detection saw and said, and how long it took. */
    public record Collection(Inventory inventory, ClusterFacts facts, Detection detection, Duration took) {
    }

    private final ClusterReader reader;
    private final KubernetesClient client;
    private final ProviderDetector detector = new ProviderDetector();
    private final int maxProblemPods;

    public InventoryCollector(ClusterReader reader, int maxProblemPods) {
        this.reader = reader;
        this.client = reader.client();
        this.maxProblemPods = maxProblemPods;
    }

    /** Only what provider detection needs: version, nodes, API groups, namespaces. */
    public ClusterFacts facts() {
        String version = reader.gitVersion();
        List<NodeFacts> nodes = new ArrayList<>();
        reader.forEach(o -> client.nodes().list(o), n -> nodes.add(NodeFacts.of(n)));
        List<String> namespaces = new ArrayList<>();
        reader.forEach(o -> client.namespaces().list(o), n -> namespaces.add(n.getMetadata().getName()));
        return new ClusterFacts(version, nodes, reader.apiGroups(), Set.copyOf(namespaces));
    }

    public Detection detect(ClusterFacts facts) {
        return detector.detect(facts);
    }

    public Collection collect() {
        long started = System.nanoTime();
        String version = reader.gitVersion();
        Set<String> groups = reader.apiGroups();
        InventoryAggregator aggregator = new InventoryAggregator(version, maxProblemPods);
        List<NodeFacts> nodeFacts = new ArrayList<>();
        List<String> namespaceNames = new ArrayList<>();

        reader.forEach(o -> client.nodes().list(o), node -> {
            aggregator.addNode(node);
            nodeFacts.add(NodeFacts.of(node));
        });
        reader.forEach(o -> client.namespaces().list(o), namespace -> {
            aggregator.addNamespace(namespace);
            namespaceNames.add(namespace.getMetadata().getName());
        });
        reader.forEach(o -> client.apps().deployments().inAnyNamespace().list(o), aggregator::addDeployment);
        reader.forEach(o -> client.apps().statefulSets().inAnyNamespace().list(o), aggregator::addStatefulSet);
        reader.forEach(o -> client.apps().daemonSets().inAnyNamespace().list(o), aggregator::addDaemonSet);
        reader.forEach(o -> client.apps().replicaSets().inAnyNamespace().list(o), aggregator::addReplicaSet);
        reader.forEach(o -> client.batch().v1().cronjobs().inAnyNamespace().list(o), aggregator::addCronJob);
        reader.forEach(o -> client.batch().v1().jobs().inAnyNamespace().list(o), aggregator::addJob);
        if (groups.contains(METRICS_GROUP)) {
            usage(aggregator, namespaceNames);
        }
        reader.forEach(o -> client.pods().inAnyNamespace().list(o), aggregator::addPod);
        reader.forEach(o -> client.persistentVolumeClaims().inAnyNamespace().list(o), aggregator::addPersistentVolumeClaim);

        ClusterFacts facts = new ClusterFacts(version, nodeFacts, groups, Set.copyOf(namespaceNames));
        Detection detection = detector.detect(facts);
        Inventory inventory = aggregator.build(detection);
        return new Collection(inventory, facts, detection, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * Pod usage, one namespace at a time so that no single answer holds every pod of the cluster; handed to the
     * aggregator only when every namespace answered, so an inventory never mixes measured and missing usage.
     */
    private void usage(InventoryAggregator aggregator, List<String> namespaces) {
        Map<String, long[]> usage = new HashMap<>();
        try {
            for (String namespace : namespaces) {
                PodMetricsList list = client.top().pods().metrics(namespace);
                if (list == null || list.getItems() == null) {
                    continue;
                }
                for (PodMetrics pod : list.getItems()) {
                    long cpu = 0;
                    long memory = 0;
                    for (ContainerMetrics container : pod.getContainers()) {
                        Map<String, Quantity> used = container.getUsage();
                        if (used != null) {
                            cpu += Quantities.cpuMillis(used.get("cpu"));
                            memory += Quantities.units(used.get("memory"));
                        }
                    }
                    usage.put(namespace + "/" + pod.getMetadata().getName(), new long[] {cpu, memory});
                }
            }
        } catch (KubernetesClientException e) {
            // metrics-server down, or the agent may not read it: the inventory goes without usage.
            LOG.debugf("No usage from metrics.k8s.io: %s", e.getMessage());
            return;
        }
        aggregator.metricsAvailable(true);
        usage.forEach((key, used) -> {
            int slash = key.indexOf('/');
            aggregator.addPodUsage(key.substring(0, slash), key.substring(slash + 1), used[0], used[1]);
        });
    }
}
