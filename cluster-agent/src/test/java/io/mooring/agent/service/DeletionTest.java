package io.mooring.agent.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.agent.support.AgentHarness;
import io.mooring.events.agent.InstalledObject;
import io.mooring.simulator.ApiRequest;
import io.mooring.simulator.Mode;
import io.mooring.simulator.Provider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deletion: a full-permission agent removes what the import installed, itself last; a read-only one only reports. */
class DeletionTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** What the registry's import manifests install, in the order the registry lists them. */
    static final List<InstalledObject> INSTALLED = List.of(
            new InstalledObject("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", null, "mooring-agent-read-only"),
            new InstalledObject("rbac.authorization.k8s.io/v1", "ClusterRole", null, "mooring-agent-read-only"),
            new InstalledObject("apps/v1", "Deployment", "mooring-system", "mooring-agent"),
            new InstalledObject("v1", "Secret", "mooring-system", "mooring-agent"),
            new InstalledObject("v1", "ServiceAccount", "mooring-system", "mooring-agent"),
            new InstalledObject("v1", "Namespace", null, "mooring-system"),
            new InstalledObject("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", null, "mooring-agent-cluster-admin"));

    @Test
    void aFullPermissionAgentRemovesTheImportItselfLastAndReports() {
        try (AgentHarness h = AgentHarness.start(Provider.AKS, Mode.FULL_PERMISSION)) {
            install(h.cluster.client(), true);
            int userPods = userPods(h);
            Agent agent = h.startAgent();
            await().atMost(WAIT).until(() -> !h.platform.statuses.isEmpty() && agent.snapshot().phase() == Agent.Phase.RUNNING);
            h.cluster.clearRequestLog();

            h.platform.delete(INSTALLED);

            await().atMost(WAIT).until(h.platform::deleted);
            await().atMost(WAIT).until(() -> agent.snapshot().phase() == Agent.Phase.STOPPED);
            assertThat(h.platform.lastStatus().cleanupDone()).isTrue();
            List<String> deletes = h.cluster.writeRequests().stream().filter(r -> r.method().equals("DELETE")).map(ApiRequest::path).toList();
            assertThat(deletes).containsExactly(
                    "/apis/rbac.authorization.k8s.io/v1/clusterroles/mooring-agent-read-only",
                    "/api/v1/namespaces/mooring-system/secrets/mooring-agent",
                    "/apis/apps/v1/namespaces/mooring-system/deployments/mooring-agent",
                    "/api/v1/namespaces/mooring-system",
                    "/api/v1/namespaces/mooring-system/serviceaccounts/mooring-agent",
                    "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/mooring-agent-read-only",
                    "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/mooring-agent-cluster-admin");
            KubernetesClient admin = h.cluster.client();
            assertThat(admin.namespaces().withName("mooring-system").get()).isNull();
            assertThat(admin.rbac().clusterRoleBindings().withName("mooring-agent-cluster-admin").get()).isNull();
            assertThat(userPods(h)).as("the user's workloads are untouched").isEqualTo(userPods);

            // Stopped for good: a restart with the same state does not start over.
            Agent restarted = h.startAgent(h.settings(null).build());
            assertThat(restarted.snapshot().phase()).isEqualTo(Agent.Phase.STOPPED);
        }
    }

    @Test
    void aReadOnlyAgentReportsCleanupDoneAndStopsWithoutWriting() {
        try (AgentHarness h = AgentHarness.start(Provider.EKS, Mode.READ_ONLY)) {
            install(h.cluster.client(), false);
            Agent agent = h.startAgent();
            await().atMost(WAIT).until(() -> !h.platform.statuses.isEmpty());

            h.platform.delete(INSTALLED);

            await().atMost(WAIT).until(() -> agent.snapshot().phase() == Agent.Phase.STOPPED);
            assertThat(h.platform.deleted()).isTrue();
            assertThat(h.platform.lastStatus().cleanupDone()).isTrue();
            assertThat(h.cluster.writeRequests()).isEmpty();
            assertThat(h.cluster.client().namespaces().withName("mooring-system").get()).as("left for the cleanup manifest").isNotNull();
        }
    }

    @Test
    void anAgentWhoseClusterIsAlreadyGoneStops() {
        try (AgentHarness h = AgentHarness.start(Provider.KIND, Mode.READ_ONLY)) {
            Agent agent = h.startAgent();
            await().atMost(WAIT).until(() -> !h.platform.statuses.isEmpty());
            h.platform.delete(List.of());
            await().atMost(WAIT).until(() -> agent.snapshot().phase() == Agent.Phase.STOPPED);
            assertThat(agent.snapshot().stopReason()).contains("deleted");
        }
    }

    /** What the import manifest would have created, as the user applying it (the simulator's admin). */
    static void install(KubernetesClient admin, boolean fullPermission) {
        Map<String, String> labels = Map.of("app.kubernetes.io/name", "mooring-agent", "app.kubernetes.io/managed-by", "mooring");
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("mooring-system").withLabels(labels).endMetadata().build())
                .create();
        admin.serviceAccounts().inNamespace("mooring-system").resource(new ServiceAccountBuilder().withNewMetadata().withName("mooring-agent")
                .withLabels(labels).endMetadata().build()).create();
        if (fullPermission) {
            admin.rbac().clusterRoleBindings().resource(binding("mooring-agent-cluster-admin", "cluster-admin", labels)).create();
        } else {
            admin.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName("mooring-agent-read-only").withLabels(labels)
                    .endMetadata().addNewRule().withApiGroups("").withResources("pods").withVerbs("get", "list", "watch").endRule().build()).create();
            admin.rbac().clusterRoleBindings().resource(binding("mooring-agent-read-only", "mooring-agent-read-only", labels)).create();
        }
        admin.secrets().inNamespace("mooring-system").resource(new SecretBuilder().withNewMetadata().withName("mooring-agent").withLabels(labels)
                .endMetadata().addToStringData("MOORING_IMPORT_TOKEN", "spent").build()).create();
        admin.apps().deployments().inNamespace("mooring-system").resource(new DeploymentBuilder().withNewMetadata().withName("mooring-agent")
                .withLabels(labels).endMetadata().withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withNewSpec().addNewContainer().withName("agent")
                .withImage("mooring/cluster-agent:jvm").endContainer().endSpec().endTemplate().endSpec().build()).create();
    }

    private static io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding binding(String name, String role, Map<String, String> labels) {
        return new ClusterRoleBindingBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(role).endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withName("mooring-agent").withNamespace("mooring-system").endSubject()
                .build();
    }

    private static int userPods(AgentHarness h) {
        return h.cluster.applicationNamespaces().stream().mapToInt(ns -> h.cluster.client().pods().inNamespace(ns).list().getItems().size()).sum();
    }
}
