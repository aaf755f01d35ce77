package io.mooring.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScriptedChangesTest {

    private static SimulatedCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        cluster = SimulatedCluster.builder().provider(Provider.GKE).nodes(5).podsPerNode(20).start();
        client = cluster.client();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aNodeGoesNotReadyAndComesBack() {
        String node = cluster.nodeNames().get(0);

        cluster.nodeNotReady(node);

        Node notReady = client.nodes().withName(node).get();
        assertThat(ready(notReady).getStatus()).isEqualTo("False");
        assertThat(ready(notReady).getReason()).isEqualTo("KubeletNotReady");
        assertThat(notReady.getSpec().getTaints()).anySatisfy(t -> assertThat(t.getKey()).isEqualTo("node.kubernetes.io/not-ready"));
        assertThat(eventsAbout(node)).extracting(Event::getReason).contains("NodeNotReady");

        cluster.nodeReady(node);

        Node back = client.nodes().withName(node).get();
        assertThat(ready(back).getStatus()).isEqualTo("True");
        assertThat(back.getSpec().getTaints()).noneSatisfy(t -> assertThat(t.getKey()).isEqualTo("node.kubernetes.io/not-ready"));
        assertThat(eventsAbout(node)).extracting(Event::getReason).contains("NodeReady");
    }

    @Test
    void aWatchingAgentSeesTheNodeChange() {
        String node = cluster.nodeNames().get(1);
        List<Node> seen = new CopyOnWriteArrayList<>();
        try (Watch watch = cluster.agentClient().nodes().withName(node).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Node resource) {
                if (action == Action.MODIFIED) {
                    seen.add(resource);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            cluster.nodeNotReady(node);
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.stream().anyMatch(n -> "False".equals(ready(n).getStatus())));
        } finally {
            cluster.nodeReady(node);
        }
    }

    @Test
    void aCrashLoopingPodIsNotReadyAndWarnsAndItsDeploymentCountsIt() {
        Pod pod = podOf("payments", "payments-api");
        Deployment before = client.apps().deployments().inNamespace("payments").withName("payments-api").get();

        cluster.crashLoop("payments", pod.getMetadata().getName());

        Pod crashing = client.pods().inNamespace("payments").withName(pod.getMetadata().getName()).get();
        assertThat(crashing.getStatus().getPhase()).isEqualTo("Running");
        assertThat(crashing.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
        assertThat(crashing.getStatus().getContainerStatuses().get(0).getRestartCount()).isGreaterThanOrEqualTo(5);
        assertThat(crashing.getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Ready");
            assertThat(c.getStatus()).isEqualTo("False");
        });
        Deployment after = client.apps().deployments().inNamespace("payments").withName("payments-api").get();
        assertThat(after.getStatus().getReadyReplicas()).isEqualTo(before.getStatus().getReadyReplicas() - 1);
        assertThat(eventsAbout(pod.getMetadata().getName())).anySatisfy(e -> {
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getReason()).isEqualTo("BackOff");
        });
    }

    @Test
    void aWarningBurstAddsThatManyWarningEvents() {
        int before = warnings();

        List<Event> burst = cluster.warningBurst(12);

        assertThat(burst).hasSize(12).allSatisfy(e -> assertThat(e.getType()).isEqualTo("Warning"));
        assertThat(burst).extracting(Event::getReason).contains("Unhealthy", "BackOff", "FailedMount", "FailedCreatePodSandBox");
        assertThat(warnings()).isEqualTo(before + 12);
    }

    @Test
    void scalingADeploymentUpAndDownMovesPodsAndCounts() {
        cluster.scaleWorkload("checkout", "checkout-web", 9);

        Deployment scaledUp = client.apps().deployments().inNamespace("checkout").withName("checkout-web").get();
        assertThat(scaledUp.getSpec().getReplicas()).isEqualTo(9);
        assertThat(scaledUp.getStatus().getReadyReplicas()).isEqualTo(9);
        assertThat(podsOf("checkout", "checkout-web")).hasSize(9).allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isNotBlank());

        cluster.scaleWorkload("checkout", "checkout-web", 1);

        assertThat(podsOf("checkout", "checkout-web")).hasSize(1);
        assertThat(client.apps().deployments().inNamespace("checkout").withName("checkout-web").get().getStatus().getReplicas()).isEqualTo(1);
        assertThat(eventsAbout("checkout-web")).extracting(Event::getReason).contains("ScalingReplicaSet");
    }

    @Test
    void scalingAStatefulSetUpGivesTheNewReplicasVolumes() {
        cluster.scaleWorkload("catalog", "catalog-postgres", 4);

        StatefulSet statefulSet = client.apps().statefulSets().inNamespace("catalog").withName("catalog-postgres").get();
        assertThat(statefulSet.getStatus().getReadyReplicas()).isEqualTo(4);
        assertThat(client.pods().inNamespace("catalog").withName("catalog-postgres-3").get()).isNotNull();
        assertThat(client.persistentVolumeClaims().inNamespace("catalog").withName("data-catalog-postgres-3").get().getStatus().getPhase())
                .isEqualTo("Bound");

        cluster.scaleWorkload("catalog", "catalog-postgres", 1);

        assertThat(client.pods().inNamespace("catalog").withName("catalog-postgres-3").get()).isNull();
        assertThat(client.persistentVolumeClaims().inNamespace("catalog").withName("data-catalog-postgres-3").get()).isNotNull();
    }

    @Test
    void scriptingSomethingThatDoesNotExistSaysSo() {
        assertThatThrownBy(() -> cluster.nodeNotReady("no-such-node")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cluster.crashLoop("payments", "no-such-pod")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cluster.scaleWorkload("payments", "no-such-app", 2)).isInstanceOf(IllegalArgumentException.class);
    }

    private static NodeCondition ready(Node node) {
        return node.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
    }

    private static List<Event> eventsAbout(String name) {
        return client.v1().events().inAnyNamespace().withField("involvedObject.name", name).list().getItems();
    }

    private static int warnings() {
        return client.v1().events().inAnyNamespace().withField("type", "Warning").list().getItems().size();
    }

    private static Pod podOf(String namespace, String app) {
        return podsOf(namespace, app).get(0);
    }

    private static List<Pod> podsOf(String namespace, String app) {
        return client.pods().inNamespace(namespace).withLabel("app.kubernetes.io/name", app).list().getItems();
    }
}
