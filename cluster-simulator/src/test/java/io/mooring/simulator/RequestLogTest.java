package io.mooring.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

class RequestLogTest {

    @Test
    void anAgentThatOnlyReadsLeavesNoWriteInTheLog() {
        try (SimulatedCluster cluster = SimulatedCluster.builder().provider(Provider.K3S).nodes(3).podsPerNode(10).start()) {
            KubernetesClient agent = cluster.agentClient();
            agent.getKubernetesVersion();
            agent.nodes().list();
            agent.pods().inAnyNamespace().list();
            agent.v1().events().inAnyNamespace().list();
            agent.top().nodes().metrics();
            agent.authorization().v1().selfSubjectAccessReview().create(new SelfSubjectAccessReviewBuilder()
                    .withNewSpec().withNewResourceAttributes().withVerb("list").withResource("pods").endResourceAttributes().endSpec().build());

            assertThat(cluster.writeRequests()).isEmpty();
            assertThat(cluster.requests()).extracting(ApiRequest::method).contains("GET", "POST");
        }
    }

    @Test
    void everyWriteAttemptOfTheAgentIsLoggedEvenWhenRefused() {
        try (SimulatedCluster cluster = SimulatedCluster.builder().provider(Provider.K3S).nodes(3).podsPerNode(10).start()) {
            String pod = cluster.client().pods().inNamespace("payments").list().getItems().get(0).getMetadata().getName();

            catchThrowable(() -> cluster.agentClient().pods().inNamespace("payments").withName(pod).delete());

            assertThat(cluster.writeRequests()).singleElement().satisfies(write -> {
                assertThat(write.method()).isEqualTo("DELETE");
                assertThat(write.path()).isEqualTo("/api/v1/namespaces/payments/pods/" + pod);
                assertThat(write.status()).isEqualTo(403);
                assertThat(write.user()).isEqualTo("system:serviceaccount:mooring-system:mooring-agent");
            });
            assertThat(cluster.client().pods().inNamespace("payments").withName(pod).get()).isNotNull();
        }
    }

    @Test
    void scriptedChangesAreNotTheAgentsWrites() {
        try (SimulatedCluster cluster = SimulatedCluster.builder().provider(Provider.K3S).nodes(3).podsPerNode(10).start()) {
            cluster.nodeNotReady(cluster.nodeNames().get(0));
            cluster.warningBurst(3);
            cluster.scaleWorkload("payments", "payments-api", 4);

            assertThat(cluster.writeRequests()).isEmpty();
            assertThat(cluster.requests()).anySatisfy(r -> assertThat(r.isWrite()).isTrue());
        }
    }

    @Test
    void clearingTheLogStartsAfresh() {
        try (SimulatedCluster cluster = SimulatedCluster.builder().provider(Provider.K3S).nodes(2).podsPerNode(10).start()) {
            catchThrowable(() -> cluster.agentClient().namespaces().withName("payments").delete());
            assertThat(cluster.writeRequests()).hasSize(1);

            cluster.clearRequestLog();

            assertThat(cluster.writeRequests()).isEmpty();
            assertThat(cluster.requests()).isEmpty();
        }
    }
}
