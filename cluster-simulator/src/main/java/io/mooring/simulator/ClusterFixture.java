package io.mooring.simulator;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The objects of a simulated cluster without a server, for tests of logic that reads them (provider detection,
 * inventory aggregation). {@code apiGroups} are the named groups the server would list at {@code /apis}.
 */
public record ClusterFixture(
        Provider provider,
        String clusterName,
        String gitVersion,
        Set<String> apiGroups,
        boolean metricsAvailable,
        List<HasMetadata> objects) {

    public ClusterFixture {
        apiGroups = Set.copyOf(apiGroups);
        objects = List.copyOf(objects);
    }

    /** The fixture a {@link SimulatedCluster} with the same provider, size and default seed would serve. */
    public static ClusterFixture generate(Provider provider, int nodes, int podsPerNode) {
        ProviderProfile profile = ProviderProfiles.of(provider);
        List<HasMetadata> objects = new ArrayList<>();
        new FixtureGenerator(profile, nodes, podsPerNode, Instant.now(), 42).generate((object, plural) -> objects.add(object));
        return new ClusterFixture(provider, profile.clusterName(), profile.gitVersion(), new ApiDiscovery(profile).groupNames(),
                profile.metricsServer(), objects);
    }

    public List<Node> nodes() {
        return ofType(Node.class);
    }

    public List<Namespace> namespaces() {
        return ofType(Namespace.class);
    }

    public Set<String> namespaceNames() {
        Set<String> names = new LinkedHashSet<>();
        namespaces().forEach(n -> names.add(n.getMetadata().getName()));
        return names;
    }

    public List<Pod> pods() {
        return ofType(Pod.class);
    }

    public List<PersistentVolumeClaim> persistentVolumeClaims() {
        return ofType(PersistentVolumeClaim.class);
    }

    public List<Event> events() {
        return ofType(Event.class);
    }

    public <T extends HasMetadata> List<T> ofType(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
