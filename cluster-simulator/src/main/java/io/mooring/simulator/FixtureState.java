package io.mooring.simulator;

import static io.mooring.simulator.KubeObjects.ts;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * One generation's shared state: the seeded random every builder draws from (in the same order as ever, so a seed
 * still gives the same cluster), the nodes placed so far with what runs on them, and the counts.
 */
final class FixtureState {

    final ProviderProfile profile;
    final int nodeCount;
    final int podsPerNode;
    final Instant now;
    final Random random;
    final String runtimePrefix;

    final List<NodeInfo> nodes = new ArrayList<>();
    final Set<String> namespaces = new LinkedHashSet<>(List.of("default", "kube-system", "kube-public", "kube-node-lease"));
    final Set<String> podNames = new HashSet<>();
    final List<String> appNamespaces = new ArrayList<>();
    int podCount;
    int eventCount;
    int appCursor;
    int systemCursor;
    int eventStride = 1;
    /** Set for the first application pod, so that even the smallest cluster has a Warning in its event log. */
    boolean forceWarning;

    FixtureState(ProviderProfile profile, int nodeCount, int podsPerNode, Instant now, long seed) {
        this.profile = profile;
        this.nodeCount = nodeCount;
        this.podsPerNode = podsPerNode;
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
        // Two providers simulated side by side (in the local stack) must not share uids.
        this.random = new Random(seed * 31 + profile.provider().ordinal());
        String runtime = profile.os().containerRuntime();
        this.runtimePrefix = runtime.substring(0, runtime.indexOf("://") + 3);
    }

    /** What the generator remembers of a node to place pods on it. */
    static final class NodeInfo {
        final int index;
        final String name;
        final String uid;
        final String ip;
        final boolean controlPlane;
        final boolean schedulable;
        final int allocatableCpu;
        final long allocatableMemoryMi;
        int pods;
        int cpuRequested;
        long memoryRequested;

        NodeInfo(int index, String name, String uid, String ip, boolean controlPlane, boolean schedulable, int allocatableCpu,
                long allocatableMemoryMi) {
            this.index = index;
            this.name = name;
            this.uid = uid;
            this.ip = ip;
            this.controlPlane = controlPlane;
            this.schedulable = schedulable;
            this.allocatableCpu = allocatableCpu;
            this.allocatableMemoryMi = allocatableMemoryMi;
        }
    }

    ObjectMeta meta(String name, String namespace, Map<String, String> labels, Instant created) {
        return meta(name, namespace, labels, created, uuid());
    }

    ObjectMeta meta(String name, String namespace, Map<String, String> labels, Instant created, String uid) {
        return new ObjectMetaBuilder().withName(name).withNamespace(namespace).withUid(uid).withCreationTimestamp(ts(created))
                .withLabels(labels).build();
    }

    ObjectMeta meta(String name, String namespace, Map<String, String> labels, Instant created, String uid, long generation) {
        ObjectMeta meta = meta(name, namespace, labels, created, uid);
        meta.setGeneration(generation);
        return meta;
    }

    String uniqueName(String prefix) {
        // Checked per generator, not per namespace: a collision across namespaces only costs one more draw.
        String name;
        do {
            name = prefix + ProviderProfiles.alnum(random, 5);
        } while (!podNames.add(name));
        return name;
    }

    int restarts() {
        int roll = random.nextInt(100);
        return roll < 90 ? 0 : roll < 98 ? 1 + random.nextInt(2) : 3 + random.nextInt(8);
    }

    Instant oldest() {
        return now.minus(Duration.ofDays(240));
    }

    Duration age(String namespace) {
        return appNamespaces.contains(namespace) ? Duration.ofDays(200) : Duration.ofDays(240);
    }

    String imageId(String image) {
        String repository = image.contains("@") ? image.substring(0, image.indexOf('@')) : image.replaceAll(":[^:/]+$", "");
        return repository + "@sha256:" + ProviderProfiles.hex(new Random(image.hashCode()), 64);
    }

    String uuid() {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
