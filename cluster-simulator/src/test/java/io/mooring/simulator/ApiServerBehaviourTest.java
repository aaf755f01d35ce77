package io.mooring.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetricsList;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsList;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiServerBehaviourTest {

    @Test
    void listsArePagedWithLimitAndContinueLikeARealApiServer() {
        try (SimulatedCluster cluster = SimulatedCluster.builder().provider(Provider.EKS).nodes(6).podsPerNode(20).start()) {
            List<String> names = new ArrayList<>();
            String next = null;
            int pages = 0;
            do {
                PodList page = cluster.agentClient().pods().inAnyNamespace()
                        .list(new ListOptionsBuilder().withLimit(25L).withContinue(next).build());
                assertThat(page.getItems().size()).isLessThanOrEqualTo(25);
                page.getItems().forEach(p -> names.add(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()));
                next = page.getMetadata().getContinue();
                pages++;
            } while (next != null);

            assertThat(names).hasSize(cluster.podCount()).doesNotHaveDuplicates();
            assertThat(pages).isEqualTo((cluster.podCount() + 24) / 25);
        }
    }

    @Test
    void fieldSelectorsWorkOnAnyField() {
        try (SimulatedCluster cluster = SimulatedCluster.builder().provider(Provider.KUBEADM).nodes(4).podsPerNode(15).start()) {
            KubernetesClient client = cluster.agentClient();
            String node = cluster.nodeNames().get(3);
            List<Pod> onNode = client.pods().inAnyNamespace().withField("spec.nodeName", node).list().getItems();
            assertThat(onNode).isNotEmpty().allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isEqualTo(node));
            assertThat(client.pods().inAnyNamespace().withoutField("status.phase", "Running").list().getItems())
                    .allSatisfy(p -> assertThat(p.getStatus().getPhase()).isNotEqualTo("Running"));
            assertThat(client.v1().events().inAnyNamespace().withField("type", "Warning").list().getItems())
                    .isNotEmpty().allSatisfy(e -> assertThat(e.getType()).isEqualTo("Warning"));
        }
    }

    @Test
    void discoveryAndVersionAreTheProviders() {
        try (SimulatedCluster cluster = SimulatedCluster.builder().provider(Provider.OPENSHIFT).nodes(5).podsPerNode(30).start()) {
            KubernetesClient client = cluster.agentClient();
            assertThat(client.getKubernetesVersion().getGitVersion()).isEqualTo("v1.29.8+f10c92d");
            assertThat(client.getApiGroups().getGroups()).extracting(APIGroup::getName)
                    .contains("apps", "authorization.k8s.io", "config.openshift.io", "route.openshift.io", "metrics.k8s.io");
            assertThat(client.getApiResources("config.openshift.io/v1").getResources())
                    .anySatisfy(r -> assertThat(r.getName()).isEqualTo("clusterversions"));
            assertThat(client.genericKubernetesResources("config.openshift.io/v1", "ClusterVersion").withName("version").get()).isNotNull();
        }
    }

    @Test
    void metricsAreServedWhereTheProviderHasThem() {
        try (SimulatedCluster cluster = SimulatedCluster.builder().provider(Provider.AKS).nodes(3).podsPerNode(15).start()) {
            KubernetesClient client = cluster.agentClient();
            NodeMetricsList nodes = client.top().nodes().metrics();
            assertThat(nodes.getItems()).hasSize(3).allSatisfy(n -> assertThat(n.getUsage()).containsKeys("cpu", "memory"));
            PodMetricsList pods = client.top().pods().metrics("payments");
            assertThat(pods.getItems()).isNotEmpty().allSatisfy(p -> assertThat(p.getContainers()).isNotEmpty());
            String pod = pods.getItems().get(0).getMetadata().getName();
            assertThat(client.top().pods().metrics("payments", pod).getMetadata().getName()).isEqualTo(pod);

            cluster.nodeNotReady(cluster.nodeNames().get(0));
            assertThat(client.top().nodes().metrics().getItems()).hasSize(2);
        }
    }

    @Test
    void clustersWithoutMetricsServerAnswer404() {
        try (SimulatedCluster cluster = SimulatedCluster.builder().provider(Provider.KIND).nodes(2).podsPerNode(10).start()) {
            KubernetesClient client = cluster.agentClient();
            assertThat(client.getApiGroups().getGroups()).extracting(APIGroup::getName).doesNotContain("metrics.k8s.io");
            assertThatThrownBy(() -> client.top().nodes().metrics())
                    .isInstanceOf(KubernetesClientException.class)
                    .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(404));
        }
    }

    @Test
    void serverSideApplyCreatesAndThenUpdates() {
        try (SimulatedCluster cluster = SimulatedCluster.builder().provider(Provider.KIND).mode(Mode.FULL_PERMISSION).nodes(2).podsPerNode(10).start()) {
            KubernetesClient agent = cluster.agentClient();
            ConfigMap desired = new ConfigMapBuilder().withNewMetadata().withName("addon-settings").withNamespace("default").endMetadata()
                    .addToData("level", "info").build();

            agent.resource(desired).fieldManager("mooring-agent").forceConflicts().serverSideApply();
            desired.getData().put("level", "debug");
            agent.resource(desired).fieldManager("mooring-agent").forceConflicts().serverSideApply();

            assertThat(cluster.client().configMaps().inNamespace("default").withName("addon-settings").get().getData())
                    .containsEntry("level", "debug");
        }
    }

    @Test
    void reApplyingReplacesWhatTheManagerAppliedAndKeepsWhatTheServerOwns() {
        try (SimulatedCluster cluster = SimulatedCluster.builder().provider(Provider.KIND).mode(Mode.FULL_PERMISSION).nodes(2).podsPerNode(10).start()) {
            KubernetesClient agent = cluster.agentClient();
            Deployment first = new DeploymentBuilder().withNewMetadata().withName("addon").withNamespace("default")
                    .addToLabels("team", "platform").addToLabels("tier", "addons").endMetadata()
                    .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "addon").endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", "addon").endMetadata().withNewSpec()
                    .addNewContainer().withName("main").withImage("addon:1").endContainer()
                    .addNewContainer().withName("sidecar").withImage("proxy:1").endContainer()
                    .endSpec().endTemplate().endSpec().build();
            Deployment created = agent.resource(first).fieldManager("mooring-agent").forceConflicts().serverSideApply();
            cluster.client().apps().deployments().inNamespace("default").withName("addon").editStatus(d -> new DeploymentBuilder(d)
                    .withNewStatus().withReplicas(2).withReadyReplicas(2).endStatus().build());

            Deployment second = new DeploymentBuilder(first).editMetadata().removeFromLabels("tier").endMetadata()
                    .editSpec().editTemplate().editSpec().withContainers(new ContainerBuilder().withName("main").withImage("addon:2").build())
                    .endSpec().endTemplate().endSpec().build();
            agent.resource(second).fieldManager("mooring-agent").forceConflicts().serverSideApply();

            Deployment stored = cluster.client().apps().deployments().inNamespace("default").withName("addon").get();
            assertThat(stored.getSpec().getTemplate().getSpec().getContainers()).extracting(Container::getName, Container::getImage)
                    .containsExactly(tuple("main", "addon:2"));
            assertThat(stored.getMetadata().getLabels()).containsEntry("team", "platform").doesNotContainKey("tier");
            assertThat(stored.getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());
            assertThat(stored.getMetadata().getCreationTimestamp()).isEqualTo(created.getMetadata().getCreationTimestamp());
            assertThat(stored.getStatus().getReadyReplicas()).isEqualTo(2);
        }
    }

    @Test
    void deletingANamespaceDeletesWhatIsInItAndNothingElse() {
        try (SimulatedCluster cluster = SimulatedCluster.builder().provider(Provider.KIND).mode(Mode.FULL_PERMISSION).nodes(3).podsPerNode(20).start()) {
            KubernetesClient client = cluster.client();
            String doomed = cluster.applicationNamespaces().get(0);
            String spared = cluster.applicationNamespaces().get(1);
            int sparedPods = client.pods().inNamespace(spared).list().getItems().size();

            cluster.agentClient().namespaces().withName(doomed).delete();

            assertThat(client.namespaces().withName(doomed).get()).isNull();
            assertThat(client.pods().inNamespace(doomed).list().getItems()).isEmpty();
            assertThat(client.apps().deployments().inNamespace(doomed).list().getItems()).isEmpty();
            assertThat(client.pods().inNamespace(spared).list().getItems()).hasSize(sparedPods);
        }
    }

    @Test
    void deletingADeploymentTakesItsReplicaSetAndPodsWithIt() {
        try (SimulatedCluster cluster = SimulatedCluster.builder().provider(Provider.KIND).mode(Mode.FULL_PERMISSION).nodes(3).podsPerNode(20).start()) {
            KubernetesClient client = cluster.client();
            assertThat(client.pods().inNamespace("payments").withLabel("app.kubernetes.io/name", "payments-api").list().getItems()).isNotEmpty();

            cluster.agentClient().apps().deployments().inNamespace("payments").withName("payments-api").delete();

            assertThat(client.apps().replicaSets().inNamespace("payments").withLabel("app.kubernetes.io/name", "payments-api").list().getItems()).isEmpty();
            assertThat(client.pods().inNamespace("payments").withLabel("app.kubernetes.io/name", "payments-api").list().getItems()).isEmpty();
        }
    }

    @Test
    void anAgentConnectsWithTheWrittenKubeconfigAsTheAgent(@TempDir Path dir) throws Exception {
        try (SimulatedCluster cluster = SimulatedCluster.builder().provider(Provider.MINIKUBE).nodes(1).podsPerNode(15).start()) {
            Path kubeconfig = cluster.writeKubeconfig(dir.resolve("agent/kubeconfig"));

            Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
            try (KubernetesClient agent = new KubernetesClientBuilder().withConfig(config).build()) {
                assertThat(agent.getMasterUrl().toString()).isEqualTo(cluster.masterUrl());
                assertThat(agent.nodes().list().getItems()).singleElement()
                        .satisfies(n -> assertThat(n.getMetadata().getName()).isEqualTo("minikube"));
                assertThatThrownBy(() -> agent.namespaces().withName("default").delete())
                        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(403));
            }
            assertThat(cluster.writeRequests()).hasSize(1);
        }
    }
}
