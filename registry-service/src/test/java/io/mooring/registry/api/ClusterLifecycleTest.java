package io.mooring.registry.api;

import static io.mooring.registry.RegistryApi.CLUSTERS;
import static io.mooring.registry.RegistryApi.clusterBody;
import static io.mooring.registry.RegistryApi.facts;
import static io.mooring.registry.RegistryApi.importTokenFromSecret;
import static io.mooring.registry.RegistryApi.manifestObjects;
import static io.mooring.registry.RegistryApi.ofKind;
import static io.mooring.registry.RegistryApi.register;
import static io.mooring.registry.RegistryApi.status;
import static io.mooring.registry.RegistryApi.tokens;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.mooring.events.EventType;
import io.mooring.events.Topics;
import io.mooring.registry.RegistryApi;
import io.mooring.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ClusterLifecycleTest {

    @Test
    void aClusterIsImportedConnectedMigratedAndDeletedWithItsEventsOnKafka() {
        String project = RegistryApi.newProject("life");
        String operator = tokens().operator(project);
        String admin = tokens().admin();

        try (TopicReader lifecycle = TopicReader.of(Topics.CLUSTER_LIFECYCLE)) {
            // Create: Pending, with the command to run in the cluster.
            Map<String, Object> body = clusterBody("prod-eu", project, "eks", "read-only");
            body.put("labels", Map.of("env", "prod"));
            var createResponse = given().auth().oauth2(operator).contentType("application/json").body(body)
                    .post(CLUSTERS)
                    .then().statusCode(201)
                    .body("cluster.status", equalTo("Pending"))
                    .body("cluster.importMode", equalTo("read-only"))
                    .body("importCommand.command", startsWith("kubectl apply -f http://localhost:8080/api/v1/import/"))
                    .body("importCommand.command", endsWith(".yaml"))
                    .extract();
            JsonPath created = createResponse.jsonPath();
            String id = created.getString("cluster.id");
            assertThat(createResponse.header("Location")).endsWith(CLUSTERS + "/" + id);
            assertThat(created.getString("importCommand.expiresAt")).isNotBlank();
            lifecycle.awaitOne(id, EventType.CLUSTER_IMPORTED.type());

            // Fetch the manifest, as kubectl does, and read the token from its Secret, as the agent does.
            String manifestUrl = created.getString("importCommand.manifestUrl");
            List<HasMetadata> manifest = manifestObjects(manifestUrl);
            String importToken = importTokenFromSecret(manifest);
            // The URL (which access logs keep) carries a handle, never the token.
            assertThat(manifestUrl).doesNotContain(importToken);

            // Register: the token is spent, the cluster is Running and connected.
            JsonPath credential = register(importToken, facts("read-only", "eks")).statusCode(200)
                    .body("clusterId", equalTo(id)).extract().jsonPath();
            String agentToken = credential.getString("accessToken");
            assertThat(credential.getString("refreshSecret")).isNotBlank();
            register(importToken, facts("read-only", "eks")).statusCode(410)
                    .contentType("application/problem+json");
            RegistryApi.fetchManifest(manifestUrl).statusCode(410);

            RegistryApi.get(operator, id).statusCode(200)
                    .body("status", equalTo("Running"))
                    .body("kubernetesVersion", equalTo("v1.30.4"))
                    .body("detectedProvider", equalTo("eks"))
                    .body("providerMismatch", equalTo(false));
            JsonPath connected = JsonPath.from(lifecycle.awaitOne(id, EventType.CLUSTER_CONNECTED.type()).value());
            assertThat(connected.getString("importMode")).isEqualTo("read-only");
            assertThat(connected.getString("kubernetesVersion")).isEqualTo("v1.30.4");

            // Migrate: pending until the agent confirms from the API server.
            JsonPath migration = given().auth().oauth2(operator).post(CLUSTERS + "/" + id + "/migrate-to-full-permissions")
                    .then().statusCode(202)
                    .body("cluster.importMode", equalTo("read-only"))
                    .body("cluster.pendingMigration.to", equalTo("full-permission"))
                    .body("importCommand.importMode", equalTo("full-permission"))
                    .extract().jsonPath();
            List<HasMetadata> fullManifest = manifestObjects(migration.getString("importCommand.manifestUrl"));
            assertThat(ofKind(fullManifest, ClusterRoleBinding.class))
                    .extracting(b -> b.getRoleRef().getName()).containsExactly("cluster-admin");

            status(agentToken, facts("read-only", "eks"), false).statusCode(200)
                    .body("importMode", equalTo("read-only"))
                    .body("pendingMigration", equalTo("full-permission"))
                    .body("cleanup", equalTo(false));
            status(agentToken, facts("full-permission", "eks"), false).statusCode(200)
                    .body("status", equalTo("Running"))
                    .body("importMode", equalTo("full-permission"))
                    .body("pendingMigration", nullValue());
            JsonPath modeChanged = JsonPath.from(lifecycle.awaitOne(id, EventType.MODE_CHANGED.type()).value());
            assertThat(modeChanged.getString("from")).isEqualTo("read-only");
            assertThat(modeChanged.getString("to")).isEqualTo("full-permission");
            assertThat(modeChanged.getString("requestedBy")).isEqualTo("otto-operator");
            RegistryApi.get(operator, id).statusCode(200).body("importMode", equalTo("full-permission"))
                    .body("pendingMigration", nullValue());

            // Delete: Deleting until the agent reports its cleanup, then gone.
            given().auth().oauth2(admin).delete(CLUSTERS + "/" + id)
                    .then().statusCode(202)
                    .body("status", equalTo("Deleting"))
                    .body("agentCleansUp", equalTo(true))
                    .body("cleanup.command", startsWith("kubectl delete --ignore-not-found -f "));
            RegistryApi.get(operator, id).statusCode(200).body("status", equalTo("Deleting"));
            status(agentToken, facts("full-permission", "eks"), false).statusCode(200)
                    .body("status", equalTo("Deleting"))
                    .body("cleanup", equalTo(true))
                    .body("remove.name", hasItem("mooring-system"));
            status(agentToken, facts("full-permission", "eks"), true).statusCode(200)
                    .body("status", equalTo("Deleted"));

            JsonPath deleted = JsonPath.from(lifecycle.awaitOne(id, EventType.CLUSTER_DELETED.type()).value());
            assertThat(deleted.getBoolean("forced")).isFalse();
            assertThat(deleted.getString("deletedBy")).isEqualTo("ada-admin");
            RegistryApi.get(operator, id).statusCode(404).contentType("application/problem+json");
            status(agentToken, facts("full-permission", "eks"), false).statusCode(410);

            // One cluster, one key: its events arrived in the order they happened.
            List<ConsumerRecord<String, String>> events = lifecycle.await(r -> id.equals(r.key()), 4,
                    Duration.ofSeconds(20));
            assertThat(events).extracting(r -> TopicReader.header(r, "ce_type")).containsExactly(
                    EventType.CLUSTER_IMPORTED.type(), EventType.CLUSTER_CONNECTED.type(),
                    EventType.MODE_CHANGED.type(), EventType.CLUSTER_DELETED.type());
        }
    }
}
