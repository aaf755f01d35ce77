package io.mooring.agent.kubernetes;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.mooring.agent.domain.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Tells the inventory loop that the cluster changed, by watching what the inventory is made of (nodes,
 * namespaces, pods, workloads, volume claims). Nothing is kept from the watch events: each only raises the flag,
 * and the next collection (at most every inventory-min interval) lists the cluster again, aggregating as it goes.
 * That keeps memory flat where an informer cache would hold every pod.
 */
public final class ChangeWatcher implements AutoCloseable {

    private final KubernetesClient client;
    private final Runnable changed;
    private final ScheduledExecutorService executor;
    private final Duration backoffMax;
    private final List<KeptWatch<?>> watches = new ArrayList<>();

    public ChangeWatcher(KubernetesClient client, Runnable changed, ScheduledExecutorService executor, Duration backoffMax) {
        this.client = client;
        this.changed = changed;
        this.executor = executor;
        this.backoffMax = backoffMax;
    }

    public synchronized void start() {
        this.<Node>keep("nodes", (o, w) -> client.nodes().watch(o, w), o -> client.nodes().list(o).getMetadata().getResourceVersion());
        this.<Namespace>keep("namespaces", (o, w) -> client.namespaces().watch(o, w), o -> client.namespaces().list(o).getMetadata().getResourceVersion());
        this.<Pod>keep("pods", (o, w) -> client.pods().inAnyNamespace().watch(o, w),
                o -> client.pods().inAnyNamespace().list(o).getMetadata().getResourceVersion());
        this.<Deployment>keep("deployments", (o, w) -> client.apps().deployments().inAnyNamespace().watch(o, w),
                o -> client.apps().deployments().inAnyNamespace().list(o).getMetadata().getResourceVersion());
        this.<StatefulSet>keep("statefulsets", (o, w) -> client.apps().statefulSets().inAnyNamespace().watch(o, w),
                o -> client.apps().statefulSets().inAnyNamespace().list(o).getMetadata().getResourceVersion());
        this.<DaemonSet>keep("daemonsets", (o, w) -> client.apps().daemonSets().inAnyNamespace().watch(o, w),
                o -> client.apps().daemonSets().inAnyNamespace().list(o).getMetadata().getResourceVersion());
        this.<PersistentVolumeClaim>keep("persistentvolumeclaims", (o, w) -> client.persistentVolumeClaims().inAnyNamespace().watch(o, w),
                o -> client.persistentVolumeClaims().inAnyNamespace().list(o).getMetadata().getResourceVersion());
    }

    private <T> void keep(String name, BiFunction<io.fabric8.kubernetes.api.model.ListOptions, Watcher<T>, io.fabric8.kubernetes.client.Watch> watch,
            Function<io.fabric8.kubernetes.api.model.ListOptions, String> currentVersion) {
        Supplier<String> now = () -> currentVersion.apply(new ListOptionsBuilder().withLimit(1L).build());
        @SuppressWarnings("unchecked")
        KeptWatch<T>[] holder = new KeptWatch[1];
        KeptWatch<T> kept = new KeptWatch<T>(name, options -> watch.apply(options, holder[0].watcher()), (action, item) -> changed.run(),
                () -> {
                    // Whatever happened while the watch was down is not known: collect again.
                    changed.run();
                    return now.get();
                }, executor, new Backoff(Duration.ofSeconds(1), backoffMax, 2, 0.5, new Random()));
        holder[0] = kept;
        kept.start(now.get());
        watches.add(kept);
    }

    @Override
    public synchronized void close() {
        watches.forEach(KeptWatch::close);
        watches.clear();
    }
}
