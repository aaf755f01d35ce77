package io.mooring.agent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.agent.domain.ClusterFacts.NodeFacts;
import io.mooring.agent.domain.ProviderDetector.Detection;
import io.mooring.simulator.ClusterFixture;
import io.mooring.simulator.Provider;
import io.mooring.simulator.SimulatedCluster;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The detector against the simulator's fixtures, which are built from what each provider's clusters really show. */
class SimulatedClusterDetectionTest {

    private final ProviderDetector detector = new ProviderDetector();

    static Stream<Arguments> fixtures() {
        // One node (single-node and managed-service shapes) and six (an HA control plane where there is one).
        return Arrays.stream(Provider.values()).flatMap(p -> Stream.of(Arguments.of(p, 1), Arguments.of(p, 6)));
    }

    @ParameterizedTest(name = "{0} with {1} node(s)")
    @MethodSource("fixtures")
    void detectsTheProviderOfEverySimulatorFixture(Provider provider, int nodes) {
        ClusterFixture fixture = ClusterFixture.generate(provider, nodes, 10);
        ClusterFacts facts = new ClusterFacts(
                fixture.gitVersion(),
                fixture.nodes().stream().map(NodeFacts::of).toList(),
                fixture.apiGroups(),
                fixture.namespaceNames());

        assertThat(detector.detect(facts)).isEqualTo(new Detection(provider.cloudType(), provider.platform()));
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void detectsTheProviderFromTheSimulatedApiServer(Provider provider) {
        try (SimulatedCluster cluster = SimulatedCluster.builder().provider(provider).nodes(3).podsPerNode(10).start()) {
            KubernetesClient agent = cluster.agentClient();
            ClusterFacts facts = new ClusterFacts(
                    agent.getKubernetesVersion().getGitVersion(),
                    agent.nodes().list().getItems().stream().map(NodeFacts::of).toList(),
                    agent.getApiGroups().getGroups().stream().map(APIGroup::getName).collect(Collectors.toSet()),
                    agent.namespaces().list().getItems().stream().map(n -> n.getMetadata().getName()).collect(Collectors.toSet()));

            assertThat(detector.detect(facts)).isEqualTo(new Detection(provider.cloudType(), provider.platform()));
        }
    }
}
