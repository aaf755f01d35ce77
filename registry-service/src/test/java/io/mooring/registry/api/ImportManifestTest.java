package io.mooring.registry.api;

import static io.mooring.registry.RegistryApi.CLUSTERS;
import static io.mooring.registry.RegistryApi.clusterBody;
import static io.mooring.registry.RegistryApi.create;
import static io.mooring.registry.RegistryApi.facts;
import static io.mooring.registry.RegistryApi.fetchManifest;
import static io.mooring.registry.RegistryApi.manifestObjects;
import static io.mooring.registry.RegistryApi.ofKind;
import static io.mooring.registry.RegistryApi.register;
import static io.mooring.registry.RegistryApi.tokenOf;
import static io.mooring.registry.RegistryApi.tokens;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.mooring.registry.MovableClock;
import io.mooring.registry.RegistryApi;
import io.mooring.registry.service.SecretTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ImportManifestTest {

    private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");

    @Inject
    MovableClock clock;

    @Inject
    Pool pool;

    @AfterEach
    void timeIsBackToNormal() {
        clock.reset();
    }

    @Test
    void theReadOnlyManifestGrantsOnlyGetListWatchAndNoSecrets() {
        JsonPath created = create(RegistryApi.newProject("ro"), "reader", "generic", "read-only");
        List<HasMetadata> objects = manifestObjects(created.getString("importCommand.manifestUrl"));

        assertThat(objects).extracting(HasMetadata::getKind).containsExactly(
                "Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Secret", "Secret", "Role",
                "RoleBinding", "Deployment");
        ClusterRole role = ofKind(objects, ClusterRole.class).get(0);
        assertThat(role.getMetadata().getName()).isEqualTo("mooring-agent-read-only");
        assertThat(role.getRules()).containsExactlyInAnyOrder(
                rule("", List.of("nodes", "namespaces", "pods", "events", "persistentvolumeclaims"), READ_VERBS),
                rule("events.k8s.io", List.of("events"), READ_VERBS),
                rule("apps", List.of("deployments", "statefulsets", "daemonsets", "replicasets"), READ_VERBS),
                rule("batch", List.of("jobs", "cronjobs"), READ_VERBS),
                rule("metrics.k8s.io", List.of("nodes", "pods"), READ_VERBS),
                rule("authorization.k8s.io", List.of("selfsubjectaccessreviews", "selfsubjectrulesreviews"),
                        Set.of("create")));
        for (PolicyRule rule : role.getRules()) {
            assertThat(rule.getResources()).doesNotContain("secrets", "*");
            assertThat(rule.getApiGroups()).doesNotContain("*");
            assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
            assertThat(rule.getResourceNames()).isNullOrEmpty();
            if (rule.getApiGroups().equals(List.of("authorization.k8s.io"))) {
                // The one non-read verb: asking the API server what the agent itself may do.
                assertThat(rule.getVerbs()).containsExactly("create");
                assertThat(rule.getResources()).allMatch(r -> r.startsWith("selfsubject"));
            } else {
                assertThat(READ_VERBS).containsAll(rule.getVerbs());
            }
        }
        ClusterRoleBinding binding = ofKind(objects, ClusterRoleBinding.class).get(0);
        assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(binding.getRoleRef().getName()).isEqualTo("mooring-agent-read-only");
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName()).isEqualTo("mooring-agent");
            assertThat(s.getNamespace()).isEqualTo("mooring-system");
        });
        // Besides reading, the agent may only keep its own identity Secret, in Mooring's own namespace.
        assertThat(ofKind(objects, Role.class)).singleElement().satisfies(r -> {
            assertThat(r.getMetadata().getNamespace()).isEqualTo("mooring-system");
            assertThat(r.getRules()).singleElement().satisfies(rule -> {
                assertThat(rule.getResources()).containsExactly("secrets");
                assertThat(rule.getResourceNames()).containsExactly("mooring-agent-identity");
                assertThat(rule.getVerbs()).containsExactly("get", "update");
            });
        });
    }

    @Test
    void theFullPermissionManifestBindsClusterAdminAndDefinesNoClusterRoleOfItsOwn() {
        JsonPath created = create(RegistryApi.newProject("full"), "admin-mode", "aks", "full-permission");
        List<HasMetadata> objects = manifestObjects(created.getString("importCommand.manifestUrl"));

        assertThat(objects).extracting(HasMetadata::getKind).containsExactly(
                "Namespace", "ServiceAccount", "ClusterRoleBinding", "Secret", "Secret", "Role", "RoleBinding",
                "Deployment");
        ClusterRoleBinding binding = ofKind(objects, ClusterRoleBinding.class).get(0);
        assertThat(binding.getMetadata().getName()).isEqualTo("mooring-agent-cluster-admin");
        assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(binding.getRoleRef().getName()).isEqualTo("cluster-admin");
        assertThat(binding.getSubjects()).singleElement()
                .satisfies(s -> assertThat(s.getName()).isEqualTo("mooring-agent"));
    }

    @Test
    void theAgentRunsNonRootReadOnlyWithoutCapabilitiesAndGetsItsTokenFromTheSecret() {
        JsonPath created = create(RegistryApi.newProject("agent"), "locked-down", "generic", "read-only");
        String url = created.getString("importCommand.manifestUrl");
        List<HasMetadata> objects = manifestObjects(url);

        assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "mooring"));
        assertThat(ofKind(objects, Namespace.class).get(0).getMetadata().getName()).isEqualTo("mooring-system");
        assertThat(ofKind(objects, ServiceAccount.class).get(0).getMetadata().getNamespace()).isEqualTo("mooring-system");

        Secret secret = ofKind(objects, Secret.class).get(0);
        assertThat(secret.getStringData().get("MOORING_IMPORT_TOKEN")).matches("[A-Za-z0-9_-]{43}")
                .isNotEqualTo(RegistryApi.handleOf(url));
        assertThat(secret.getStringData())
                .containsEntry("MOORING_PLATFORM_URL", "http://localhost:8080")
                .containsEntry("MOORING_CLUSTER_ID", created.getString("cluster.id"));

        Deployment deployment = ofKind(objects, Deployment.class).get(0);
        assertThat(deployment.getMetadata().getNamespace()).isEqualTo("mooring-system");
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo("mooring-agent");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        Container agent = pod.getContainers().get(0);
        assertThat(pod.getContainers()).hasSize(1);
        assertThat(agent.getImage()).isEqualTo("ghcr.io/mooring/cluster-agent:0.1.0");
        assertThat(agent.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(agent.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(agent.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(agent.getSecurityContext().getPrivileged()).isFalse();
        assertThat(agent.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(agent.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(agent.getResources().getRequests()).containsEntry("cpu", new Quantity("50m"))
                .containsEntry("memory", new Quantity("128Mi"));
        assertThat(agent.getResources().getLimits()).containsEntry("cpu", new Quantity("500m"))
                .containsEntry("memory", new Quantity("256Mi"));
        assertThat(agent.getEnvFrom()).singleElement()
                .satisfies(e -> assertThat(e.getSecretRef().getName()).isEqualTo(secret.getMetadata().getName()));
        // With a read-only root filesystem, the agent can only write where an emptyDir is mounted.
        assertThat(agent.getVolumeMounts()).extracting(m -> m.getMountPath())
                .containsExactlyInAnyOrder("/tmp", "/var/lib/mooring-agent");
        assertThat(pod.getVolumes()).allSatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());
        assertThat(agent.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(agent.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
    }

    @Test
    void hostileDescriptionsAreOnlyEverAnAnnotationValue() {
        String hostile = "ok\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: evil\n"
                + "\"quoted\" 'single' {flow: [x]} # comment\n  - item: &anchor *alias !!binary ?: |\n>";
        String project = RegistryApi.newProject("hostile");
        Map<String, Object> body = clusterBody("hostile", project, "generic", "read-only");
        body.put("description", hostile);
        JsonPath created = create(tokens().operator(project), body);

        String yaml = fetchManifest(created.getString("importCommand.manifestUrl")).statusCode(200)
                .extract().asString();
        List<HasMetadata> objects = RegistryApi.parse(yaml);
        assertThat(objects).extracting(HasMetadata::getKind).containsExactly(
                "Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Secret", "Secret", "Role",
                "RoleBinding", "Deployment");
        assertThat(objects).extracting(o -> o.getMetadata().getName()).doesNotContain("evil");
        assertThat(ofKind(objects, Namespace.class).get(0).getMetadata().getAnnotations())
                .containsEntry("mooring.io/description", hostile)
                .containsEntry("mooring.io/cluster-name", "hostile")
                .containsEntry("mooring.io/project", project);
        assertThat(ofKind(objects, Secret.class)).extracting(x -> x.getMetadata().getName())
                .containsExactly("mooring-agent", "mooring-agent-identity");
    }

    @Test
    void hostileNamesLabelsAndProjectsNeverReachAManifest() {
        String project = RegistryApi.newProject("bad");
        String operator = tokens().operator(project);
        for (String name : List.of("a\nkind: Secret", "x\"y", "Upper", "-dash", "dash-", "a_b", "a.b", "a".repeat(64),
                "name: evil", "")) {
            given().auth().oauth2(operator).contentType("application/json")
                    .body(clusterBody(name, project, "generic", "read-only")).post(CLUSTERS)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("name"));
        }
        for (Map<String, String> labels : List.of(Map.of("a\nb", "x"), Map.of("env", "prod\n---"),
                Map.of("env", "x: y"), Map.of("e\"v", "1"), Map.of("env", "a".repeat(64)),
                Map.of("a".repeat(64), "x"), Map.of("/x", "y"), Map.of("Bad_Prefix/x", "y"))) {
            Map<String, Object> body = clusterBody("labelled", project, "generic", "read-only");
            body.put("labels", labels);
            given().auth().oauth2(operator).contentType("application/json").body(body).post(CLUSTERS)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", startsWith("labels."));
        }
        given().auth().oauth2(tokens().operator("x: y")).contentType("application/json")
                .body(clusterBody("ok", "x: y", "generic", "read-only")).post(CLUSTERS)
                .then().statusCode(400).body("errors.field", hasItem("project"));
    }

    @Test
    void anUnknownOrMalformedTokenIsNotFound() {
        fetchManifest("/api/v1/import/" + "A".repeat(43) + ".yaml").statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        fetchManifest("/api/v1/import/nope.yaml").statusCode(404).contentType("application/problem+json");
        fetchManifest("/api/v1/import/cleanup/" + "B".repeat(43) + ".yaml").statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aReissuedCommandReplacesTheOldOne() {
        String project = RegistryApi.newProject("reissue");
        JsonPath created = create(project, "again", "generic", "read-only");
        String id = created.getString("cluster.id");
        String oldUrl = created.getString("importCommand.manifestUrl");

        JsonPath reissued = given().auth().oauth2(tokens().operator(project))
                .post(CLUSTERS + "/" + id + "/import-command")
                .then().statusCode(200).body("cluster.id", equalTo(id))
                .body("importCommand.importMode", equalTo("read-only")).extract().jsonPath();
        String newUrl = reissued.getString("importCommand.manifestUrl");
        assertThat(newUrl).isNotEqualTo(oldUrl);

        fetchManifest(oldUrl).statusCode(410).contentType("application/problem+json")
                .body("detail", containsString("replaced"));
        register(tokenOf(oldUrl), facts("read-only", "generic")).statusCode(410);
        fetchManifest(newUrl).statusCode(200);
        register(tokenOf(newUrl), facts("read-only", "generic")).statusCode(200);
    }

    @Test
    void anImportTokenStopsWorkingWhenItExpires() {
        String project = RegistryApi.newProject("expiry");
        JsonPath created = create(project, "late", "generic", "read-only");
        String url = created.getString("importCommand.manifestUrl");
        fetchManifest(url).statusCode(200);

        clock.advance(Duration.ofHours(24).plusMinutes(1));
        fetchManifest(url).statusCode(410).body("detail", containsString("expired"));
        register(tokenOf(url), facts("read-only", "generic")).statusCode(410)
                .body("detail", containsString("expired"));

        JsonPath fresh = given().auth().oauth2(tokens().operator(project))
                .post(CLUSTERS + "/" + created.getString("cluster.id") + "/import-command")
                .then().statusCode(200).extract().jsonPath();
        fetchManifest(fresh.getString("importCommand.manifestUrl")).statusCode(200);
    }

    @Test
    void theCleanupManifestNamesOnlyWhatTheImportInstalledAndOutlivesAForcedDeletion() {
        JsonPath created = create(RegistryApi.newProject("cleanup"), "goner", "generic", "read-only");
        JsonPath deletion = given().auth().oauth2(tokens().admin())
                .delete(CLUSTERS + "/" + created.getString("cluster.id") + "?force=true")
                .then().statusCode(200).body("status", equalTo("Deleted")).body("forced", equalTo(true))
                .extract().jsonPath();
        String url = deletion.getString("cleanup.manifestUrl");
        assertThat(deletion.getString("cleanup.command")).isEqualTo("kubectl delete --ignore-not-found -f " + url);

        List<HasMetadata> objects = manifestObjects(url);
        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactly(
                "ClusterRoleBinding/mooring-agent-read-only", "ClusterRole/mooring-agent-read-only",
                "Deployment/mooring-agent", "RoleBinding/mooring-agent-identity", "Role/mooring-agent-identity",
                "Secret/mooring-agent-identity", "Secret/mooring-agent", "ConfigMap/mooring-agent-platform-ca",
                "ServiceAccount/mooring-agent",
                "Namespace/mooring-system", "ClusterRoleBinding/mooring-agent-cluster-admin");
        assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "mooring"));
        assertThat(ofKind(objects, Secret.class).get(0).getStringData()).isNullOrEmpty();
        assertThat(ofKind(objects, ClusterRole.class).get(0).getRules()).isNullOrEmpty();
        // kubectl delete must never reach beyond what the import made: no role binding to a real role is defined.
        assertThat(ofKind(objects, ClusterRoleBinding.class)).allSatisfy(b -> assertThat(b.getRoleRef()).isNull());

        clock.advance(Duration.ofDays(7).plusMinutes(1));
        fetchManifest(url).statusCode(410);
    }

    @Test
    void theManifestUrlCarriesAHandleThatIsNoCredentialAndStopsServingOnceTheAgentRegistered() {
        JsonPath created = create(RegistryApi.newProject("handle"), "handled", "generic", "read-only");
        String url = created.getString("importCommand.manifestUrl");
        String token = tokenOf(url);
        assertThat(url).doesNotContain(token);

        // What an access log keeps of the URL does not register an agent.
        register(RegistryApi.handleOf(url), facts("read-only", "generic")).statusCode(404)
                .contentType("application/problem+json");
        fetchManifest(url).statusCode(200);
        register(token, facts("read-only", "generic"), UUID.randomUUID().toString()).statusCode(200);

        // After the first registration the URL opens nothing: 410, and the operator reissues the command instead.
        fetchManifest(url).statusCode(410).contentType("application/problem+json")
                .body("detail", containsString("already registered"))
                .body("detail", containsString("import-command"));
        // Nor does the database keep a readable copy of the spent token.
        var row = pool.preparedQuery("select sealed_token, seal_nonce, manifest_hash from import_token"
                + " where cluster_id = $1").execute(Tuple.of(
                        UUID.fromString(created.getString("cluster.id"))))
                .await().atMost(Duration.ofSeconds(5)).iterator().next();
        assertThat(row.getValue("sealed_token")).isNull();
        assertThat(row.getValue("seal_nonce")).isNull();
        assertThat(row.getString("manifest_hash")).isNotEqualTo(SecretTokens.hash(token));
    }

    @Test
    void fetchingTheManifestDoesNotSpendTheToken() {
        JsonPath created = create(RegistryApi.newProject("peek"), "peek", "generic", "read-only");
        String url = created.getString("importCommand.manifestUrl");
        fetchManifest(url).statusCode(200).header("Cache-Control", "no-store");
        fetchManifest(url).statusCode(200);
        register(tokenOf(url), facts("read-only", "generic")).statusCode(200)
                .body("clusterId", equalTo(created.getString("cluster.id")));
    }

    @Test
    void longExpiredTokensArePurgedAndTheirLinksBecomeUnknown() {
        JsonPath created = create(RegistryApi.newProject("purge"), "purged", "generic", "read-only");
        String url = created.getString("importCommand.manifestUrl");
        clock.advance(Duration.ofDays(1).plusHours(1));
        fetchManifest(url).statusCode(410);

        // The scheduled purge (every 2 s in tests) removes tokens that expired more than 7 days ago.
        clock.advance(Duration.ofDays(7));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> fetchManifest(url).statusCode(404));
    }

    private static PolicyRule rule(String group, List<String> resources, Set<String> verbs) {
        return new io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder().withApiGroups(group)
                .withResources(resources).withVerbs(verbs.stream().sorted(verbsOrder()).toList()).build();
    }

    private static Comparator<String> verbsOrder() {
        List<String> order = List.of("get", "list", "watch", "create");
        return Comparator.comparingInt(order::indexOf);
    }
}
