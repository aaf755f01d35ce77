package io.mooring.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PermissionsTest {

    @Test
    void readOnlyAllowsReadingEverythingButSecrets() {
        try (SimulatedCluster cluster = cluster(Mode.READ_ONLY)) {
            KubernetesClient agent = cluster.agentClient();
            assertThat(allowed(agent, "list", "", "pods")).isTrue();
            assertThat(allowed(agent, "watch", "", "events")).isTrue();
            assertThat(allowed(agent, "get", "apps", "deployments")).isTrue();
            assertThat(allowed(agent, "list", "metrics.k8s.io", "pods")).isTrue();
            assertThat(allowed(agent, "get", "", "secrets")).isFalse();
            assertThat(allowed(agent, "list", "", "secrets")).isFalse();
        }
    }

    @Test
    void readOnlyDeniesEveryWriteVerb() {
        try (SimulatedCluster cluster = cluster(Mode.READ_ONLY)) {
            KubernetesClient agent = cluster.agentClient();
            for (String verb : List.of("create", "update", "patch", "delete", "deletecollection", "*")) {
                assertThat(allowed(agent, verb, "apps", "deployments")).as(verb).isFalse();
                assertThat(allowed(agent, verb, "", "configmaps")).as(verb).isFalse();
            }
            assertThat(allowed(agent, "get", "*", "*")).isFalse();
        }
    }

    @Test
    void fullPermissionAllowsEverything() {
        try (SimulatedCluster cluster = cluster(Mode.FULL_PERMISSION)) {
            KubernetesClient agent = cluster.agentClient();
            assertThat(allowed(agent, "create", "apps", "deployments")).isTrue();
            assertThat(allowed(agent, "delete", "", "namespaces")).isTrue();
            assertThat(allowed(agent, "get", "", "secrets")).isTrue();
            assertThat(allowed(agent, "*", "*", "*")).isTrue();
        }
    }

    @Test
    void grantingFullPermissionChangesTheAnswersAtRunTime() {
        try (SimulatedCluster cluster = cluster(Mode.READ_ONLY)) {
            KubernetesClient agent = cluster.agentClient();
            assertThat(allowed(agent, "create", "apps", "deployments")).isFalse();

            cluster.grantFullPermission();

            assertThat(cluster.mode()).isEqualTo(Mode.FULL_PERMISSION);
            assertThat(allowed(agent, "create", "apps", "deployments")).isTrue();
            agent.configMaps().inNamespace("default").resource(configMap("now-allowed")).create();
        }
    }

    @Test
    void rulesReviewListsOnlyReadVerbsInReadOnlyMode() {
        try (SimulatedCluster cluster = cluster(Mode.READ_ONLY)) {
            SelfSubjectRulesReview review = rules(cluster.agentClient());
            List<ResourceRule> rules = review.getStatus().getResourceRules();
            assertThat(rules).filteredOn(r -> !r.getApiGroups().contains("authorization.k8s.io") && !r.getApiGroups().contains("authentication.k8s.io"))
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.getVerbs()).containsExactly("get", "list", "watch"));
            assertThat(rules).filteredOn(r -> r.getApiGroups().contains(""))
                    .allSatisfy(r -> assertThat(r.getResources()).contains("pods", "nodes").doesNotContain("secrets"));
            assertThat(rules).noneSatisfy(r -> assertThat(r.getVerbs()).contains("*"));
        }
    }

    @Test
    void rulesReviewShowsClusterAdminAfterTheMigration() {
        try (SimulatedCluster cluster = cluster(Mode.READ_ONLY)) {
            cluster.grantFullPermission();
            SelfSubjectRulesReview review = rules(cluster.agentClient());
            assertThat(review.getStatus().getResourceRules()).anySatisfy(r -> {
                assertThat(r.getVerbs()).containsExactly("*");
                assertThat(r.getApiGroups()).containsExactly("*");
                assertThat(r.getResources()).containsExactly("*");
            });
        }
    }

    @Test
    void readOnlyAgentWritesAreRefusedLikeOnARealCluster() {
        try (SimulatedCluster cluster = cluster(Mode.READ_ONLY)) {
            KubernetesClient agent = cluster.agentClient();
            assertThatThrownBy(() -> agent.configMaps().inNamespace("default").resource(configMap("refused")).create())
                    .isInstanceOf(KubernetesClientException.class)
                    .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(403))
                    .hasMessageContaining("system:serviceaccount:mooring-system:mooring-agent")
                    .hasMessageContaining("cannot create resource \"configmaps\"");
            assertThatThrownBy(() -> agent.secrets().inAnyNamespace().list())
                    .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(403));
            assertThat(cluster.client().configMaps().inNamespace("default").withName("refused").get()).isNull();
        }
    }

    @Test
    void readOnlyLetsTheAgentGetAndUpdateItsOwnIdentitySecretAndNoOtherSecret() {
        try (SimulatedCluster cluster = cluster(Mode.READ_ONLY)) {
            KubernetesClient agent = cluster.agentClient();
            cluster.client().secrets().inNamespace("mooring-system").resource(new SecretBuilder().withNewMetadata()
                    .withName("mooring-agent-identity").endMetadata().build()).create();
            cluster.client().secrets().inNamespace("mooring-system").resource(new SecretBuilder().withNewMetadata()
                    .withName("mooring-agent").endMetadata().addToStringData("MOORING_IMPORT_TOKEN", "t").build()).create();

            Secret identity = agent.secrets().inNamespace("mooring-system").withName("mooring-agent-identity").get();
            identity.setData(Map.of("reRegistrationSecret", "c2VjcmV0"));
            agent.secrets().inNamespace("mooring-system").resource(identity).update();
            assertThat(cluster.client().secrets().inNamespace("mooring-system").withName("mooring-agent-identity").get()
                    .getData()).containsEntry("reRegistrationSecret", "c2VjcmV0");

            for (var refused : List.<Runnable>of(
                    () -> agent.secrets().inNamespace("mooring-system").withName("mooring-agent").get(),
                    () -> agent.secrets().inNamespace("default").withName("mooring-agent-identity").get(),
                    () -> agent.secrets().inNamespace("mooring-system").withName("mooring-agent-identity").delete(),
                    () -> agent.secrets().inNamespace("mooring-system").resource(new SecretBuilder().withNewMetadata()
                            .withName("other").endMetadata().build()).create())) {
                assertThatThrownBy(refused::run).isInstanceOf(KubernetesClientException.class)
                        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(403));
            }
        }
    }

    @Test
    void bindingTheAgentToClusterAdminIsTheMigration() {
        try (SimulatedCluster cluster = cluster(Mode.READ_ONLY)) {
            cluster.client().rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder()
                    .withNewMetadata().withName("mooring-agent-full-permission").endMetadata()
                    .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName("cluster-admin").endRoleRef()
                    .addNewSubject().withKind("ServiceAccount").withName("mooring-agent").withNamespace("mooring-system").endSubject()
                    .build()).create();

            assertThat(cluster.mode()).isEqualTo(Mode.FULL_PERMISSION);
        }
    }

    @Test
    void theSimulatorsOwnClientIsClusterAdminInEveryMode() {
        try (SimulatedCluster cluster = cluster(Mode.READ_ONLY)) {
            assertThat(allowed(cluster.client(), "create", "apps", "deployments")).isTrue();
            cluster.client().configMaps().inNamespace("default").resource(configMap("by-admin")).create();
        }
    }

    private static SimulatedCluster cluster(Mode mode) {
        return SimulatedCluster.builder().provider(Provider.AKS).mode(mode).nodes(2).podsPerNode(8).start();
    }

    private static boolean allowed(KubernetesClient client, String verb, String group, String resource) {
        SelfSubjectAccessReview review = client.authorization().v1().selfSubjectAccessReview().create(new SelfSubjectAccessReviewBuilder()
                .withNewSpec().withNewResourceAttributes().withVerb(verb).withGroup(group).withResource(resource).withNamespace("payments")
                .endResourceAttributes().endSpec().build());
        return review.getStatus().getAllowed();
    }

    private static SelfSubjectRulesReview rules(KubernetesClient client) {
        return client.authorization().v1().selfSubjectRulesReview().create(new SelfSubjectRulesReviewBuilder()
                .withNewSpec().withNamespace("payments").endSpec().build());
    }

    private static ConfigMap configMap(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("k", "v").build();
    }
}
