package io.mooring.simulator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.mooring.simulator.ProviderProfile.SystemWorkload;
import java.time.Instant;
import java.util.List;

/**
 * Turns a provider profile and a size into the objects of a cluster that has been running for a while:
 * nodes, the platform's own workloads, application namespaces with Deployments, StatefulSets (with volumes)
 * and CronJobs, pods placed on nodes with requests, and the last hour of events. Objects are streamed to a
 * sink so that a 30,000-pod cluster is never held twice in memory.
 *
 * <p>The cluster starts healthy (every node Ready, every pod Running or Completed); trouble is added by the
 * scripted changes of {@link SimulatedCluster}. The same provider, size and seed always give the same objects.
 * This class decides the order; one builder per kind of object ({@link NodeFixtures}, {@link PlatformFixtures},
 * {@link WorkloadFixtures}, {@link ApplicationFixtures}, {@link PodFixtures}) writes them, all drawing from one
 * {@link FixtureState}.
 */
final class FixtureGenerator {

    /** Receives every generated object with the plural its API path uses. */
    @FunctionalInterface
    interface Sink {
        void add(HasMetadata object, String plural);
    }

    /** Pods with events: about this many, spread evenly, whatever the cluster's size. */
    private static final int EVENT_PODS = 250;

    private final FixtureState state;
    private final NodeFixtures nodes;
    private final PlatformFixtures platform;
    private final WorkloadFixtures workloads;
    private final ApplicationFixtures applications;

    FixtureGenerator(ProviderProfile profile, int nodeCount, int podsPerNode, Instant now, long seed) {
        if (nodeCount < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node");
        }
        if (podsPerNode < 1) {
            throw new IllegalArgumentException("podsPerNode must be at least 1");
        }
        this.state = new FixtureState(profile, nodeCount, podsPerNode, now, seed);
        PodFixtures pods = new PodFixtures(state);
        this.nodes = new NodeFixtures(state);
        this.platform = new PlatformFixtures(state);
        this.workloads = new WorkloadFixtures(state, pods);
        this.applications = new ApplicationFixtures(state, pods, workloads);
    }

    void generate(Sink sink) {
        FixtureState s = state;
        s.eventStride = Math.max(1, s.nodeCount * s.podsPerNode / EVENT_PODS);
        nodes.createNodes(sink);
        platform.storage(sink);
        platform.apis(sink);
        for (SystemWorkload workload : s.profile.systemWorkloads()) {
            s.namespaces.add(workload.namespace());
            if (!workload.name().isEmpty()) {
                workloads.systemWorkload(workload, sink);
            }
        }
        applications.applications(sink);
        for (String namespace : s.namespaces) {
            sink.add(new NamespaceBuilder()
                    .withMetadata(s.meta(namespace, null, ProviderProfiles.labels("kubernetes.io/metadata.name", namespace),
                            s.now.minus(s.age(namespace))))
                    .withNewSpec().withFinalizers("kubernetes").endSpec()
                    .withNewStatus().withPhase("Active").endStatus()
                    .build(), "namespaces");
        }
    }

    int podCount() {
        return state.podCount;
    }

    int eventCount() {
        return state.eventCount;
    }

    List<String> applicationNamespaces() {
        return state.appNamespaces;
    }
}
