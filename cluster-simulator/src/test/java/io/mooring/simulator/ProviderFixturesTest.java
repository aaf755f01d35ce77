package io.mooring.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProviderFixturesTest {

    @ParameterizedTest
    @EnumSource(Provider.class)
    void everyProviderSeedsALiveLookingCluster(Provider provider) {
        try (SimulatedCluster cluster = SimulatedCluster.builder().provider(provider).nodes(4).podsPerNode(12).start()) {
            KubernetesClient client = cluster.client();

            List<Node> nodes = client.nodes().list().getItems();
            assertThat(nodes).hasSize(4);
            assertThat(nodes).allSatisfy(node -> {
                assertThat(node.getStatus().getNodeInfo().getKubeletVersion()).startsWith("v1.");
                assertThat(node.getStatus().getNodeInfo().getOsImage()).isNotBlank();
                assertThat(node.getStatus().getNodeInfo().getContainerRuntimeVersion()).contains("://");
                assertThat(node.getStatus().getCapacity()).containsKeys("cpu", "memory", "pods", "ephemeral-storage");
                assertThat(node.getStatus().getAllocatable()).containsKeys("cpu", "memory", "pods");
                assertThat(node.getStatus().getConditions()).anySatisfy(c -> {
                    assertThat(c.getType()).isEqualTo("Ready");
                    assertThat(c.getStatus()).isEqualTo("True");
                });
            });

            Set<String> nodeNames = nodes.stream().map(n -> n.getMetadata().getName()).collect(Collectors.toSet());
            List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
            assertThat(pods).hasSize(cluster.podCount());
            // About nodes x podsPerNode; a platform with many system pods (OpenShift) overshoots small sizes.
            assertThat(pods.size()).isBetween(4 * 12, 4 * 12 + 30);
            assertThat(pods).allSatisfy(pod -> {
                assertThat(nodeNames).contains(pod.getSpec().getNodeName());
                assertThat(pod.getStatus().getPhase()).isIn("Running", "Succeeded");
            });
            assertThat(pods).filteredOn(p -> !cluster.applicationNamespaces().contains(p.getMetadata().getNamespace())).isNotEmpty();
            assertThat(pods).flatMap(p -> p.getMetadata().getOwnerReferences()).extracting(OwnerReference::getKind)
                    .contains("ReplicaSet", "StatefulSet");
            assertThat(pods).flatMap(p -> p.getSpec().getContainers())
                    .anySatisfy(c -> assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory"));

            assertThat(client.apps().deployments().inAnyNamespace().list().getItems()).isNotEmpty();
            assertThat(client.apps().statefulSets().inAnyNamespace().list().getItems()).isNotEmpty();
            assertThat(client.apps().daemonSets().inAnyNamespace().list().getItems().size()
                    + client.pods().inNamespace("kube-system").list().getItems().size()).isPositive();

            List<PersistentVolumeClaim> claims = client.persistentVolumeClaims().inAnyNamespace().list().getItems();
            assertThat(claims).isNotEmpty().allSatisfy(claim -> {
                assertThat(claim.getSpec().getStorageClassName()).isNotBlank();
                assertThat(claim.getStatus().getCapacity()).containsKey("storage");
                assertThat(claim.getStatus().getPhase()).isEqualTo("Bound");
            });
            assertThat(client.storage().v1().storageClasses().list().getItems()).extracting(s -> s.getMetadata().getName())
                    .contains(claims.get(0).getSpec().getStorageClassName());

            List<Event> events = client.v1().events().inAnyNamespace().list().getItems();
            assertThat(events).extracting(Event::getType).contains("Normal", "Warning");

            Set<String> namespaces = client.namespaces().list().getItems().stream().map(n -> n.getMetadata().getName())
                    .collect(Collectors.toSet());
            assertThat(namespaces).contains("default", "kube-system", "kube-public", "kube-node-lease");
            assertThat(namespaces).containsAll(cluster.applicationNamespaces());
            assertThat(client.getKubernetesVersion().getGitVersion()).isEqualTo(cluster.gitVersion());
        }
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void cloudClustersNameInstanceTypeRegionAndZoneOfTheirMachines(Provider provider) {
        ClusterFixture fixture = ClusterFixture.generate(provider, 3, 10);
        boolean cloud = Set.of("aws", "eks", "azure", "aks", "gcp", "gke").contains(provider.cloudType()) || provider == Provider.OPENSHIFT;
        if (cloud) {
            assertThat(fixture.nodes()).allSatisfy(node -> {
                assertThat(node.getSpec().getProviderID()).isNotBlank();
                assertThat(node.getMetadata().getLabels()).containsKeys("node.kubernetes.io/instance-type",
                        "topology.kubernetes.io/region", "topology.kubernetes.io/zone");
            });
        }
        if (provider == Provider.KUBEADM || provider == Provider.MINIKUBE) {
            assertThat(fixture.nodes()).allSatisfy(node -> assertThat(node.getSpec().getProviderID()).isNull());
        }
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void theSameSeedGivesTheSameCluster(Provider provider) {
        ClusterFixture first = ClusterFixture.generate(provider, 3, 10);
        ClusterFixture second = ClusterFixture.generate(provider, 3, 10);
        assertThat(second.pods()).extracting(p -> p.getMetadata().getName() + "@" + p.getSpec().getNodeName())
                .containsExactlyElementsOf(first.pods().stream().map(p -> p.getMetadata().getName() + "@" + p.getSpec().getNodeName()).toList());
    }
}
