package io.mooring.registry.api;

import static io.mooring.registry.RegistryApi.CLUSTERS;
import static io.mooring.registry.RegistryApi.clusterBody;
import static io.mooring.registry.RegistryApi.create;
import static io.mooring.registry.RegistryApi.registerAgent;
import static io.mooring.registry.RegistryApi.tokens;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.mooring.registry.RegistryApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ClusterListTest {

    @Test
    void pagesFollowTheCursorToTheEndInCreationOrder() {
        String project = RegistryApi.newProject("pages");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(create(project, "page-" + i, "generic", "read-only").getString("cluster.id"));
        }
        String viewer = tokens().viewer(project);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        List<Integer> sizes = new ArrayList<>();
        do {
            var request = given().auth().oauth2(viewer).queryParam("project", project).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(CLUSTERS).then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("items.id");
            sizes.add(ids.size());
            seen.addAll(ids);
            cursor = page.getString("nextCursor");
        } while (cursor != null);

        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(seen).containsExactlyElementsOf(created);
    }

    @Test
    void aTamperedOrForeignCursorIsABadRequest() {
        String project = RegistryApi.newProject("tamper");
        create(project, "one", "generic", "read-only");
        create(project, "two", "generic", "read-only");
        String viewer = tokens().viewer(project);
        String cursor = given().auth().oauth2(viewer).queryParam("project", project).queryParam("limit", 1)
                .get(CLUSTERS).then().statusCode(200).extract().jsonPath().getString("nextCursor");
        assertThat(cursor).isNotBlank();
        char last = cursor.charAt(5);
        String tampered = cursor.substring(0, 5) + (last == 'A' ? 'B' : 'A') + cursor.substring(6);
        given().auth().oauth2(viewer).queryParam("project", project).queryParam("cursor", tampered).get(CLUSTERS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("cursor"));
        given().auth().oauth2(viewer).queryParam("project", project).queryParam("cursor", cursor).get(CLUSTERS)
                .then().statusCode(200).body("items.name", contains("two"));
    }

    @Test
    void filtersNarrowByCloudTypeImportModeStatusAndDetectedProvider() {
        String project = RegistryApi.newProject("filters");
        String eks = create(project, "eks-one", "eks", "read-only").getString("cluster.id");
        JsonPath azure = create(project, "azure-one", "azure", "full-permission");
        String generic = create(project, "generic-one", "generic", "read-only").getString("cluster.id");
        registerAgent(azure, "full-permission", "aks");

        assertThat(ids(project, "cloudType", "eks")).containsExactly(eks);
        assertThat(ids(project, "importMode", "full-permission")).containsExactly(azure.getString("cluster.id"));
        assertThat(ids(project, "importMode", "read-only")).containsExactlyInAnyOrder(eks, generic);
        assertThat(ids(project, "status", "Running")).containsExactly(azure.getString("cluster.id"));
        assertThat(ids(project, "status", "Pending")).containsExactlyInAnyOrder(eks, generic);
        assertThat(ids(project, "detectedProvider", "aks")).containsExactly(azure.getString("cluster.id"));
        assertThat(ids(project, "detectedProvider", "azure")).isEmpty();
        assertThat(ids(project, "cloudType", "gke")).isEmpty();
    }

    @Test
    void aDetectedProviderThatDiffersFromTheChosenTypeIsShownNotCorrected() {
        String project = RegistryApi.newProject("mismatch");
        JsonPath azure = create(project, "chosen-azure", "azure", "read-only");
        RegistryApi.get(tokens().viewer(project), azure.getString("cluster.id")).statusCode(200)
                .body("providerMismatch", nullValue());
        registerAgent(azure, "read-only", "aks");
        RegistryApi.get(tokens().viewer(project), azure.getString("cluster.id")).statusCode(200)
                .body("cloudType", equalTo("azure"))
                .body("detectedProvider", equalTo("aks"))
                .body("detectedPlatform", equalTo("kubeadm"))
                .body("providerMismatch", equalTo(true));
    }

    @Test
    void theLabelSelectorFollowsKubernetesSemantics() {
        String project = RegistryApi.newProject("labels");
        String prodA = labelled(project, "prod-a", Map.of("env", "prod", "team", "a"));
        String prodX = labelled(project, "prod-x", Map.of("env", "prod", "team", "x"));
        String devWeb = labelled(project, "dev-web", Map.of("env", "dev", "tier", "web",
                "example.com/owner", "alice"));
        String bare = labelled(project, "bare", Map.of());

        assertThat(ids(project, "labelSelector", "env=prod")).containsExactlyInAnyOrder(prodA, prodX);
        assertThat(ids(project, "labelSelector", "env==dev")).containsExactly(devWeb);
        assertThat(ids(project, "labelSelector", "env=prod,team!=x")).containsExactly(prodA);
        assertThat(ids(project, "labelSelector", "team!=x")).containsExactlyInAnyOrder(prodA, devWeb, bare);
        assertThat(ids(project, "labelSelector", "tier")).containsExactly(devWeb);
        assertThat(ids(project, "labelSelector", "!tier")).containsExactlyInAnyOrder(prodA, prodX, bare);
        assertThat(ids(project, "labelSelector", "env in (prod, dev)")).containsExactlyInAnyOrder(prodA, prodX,
                devWeb);
        assertThat(ids(project, "labelSelector", "env notin (prod)")).containsExactlyInAnyOrder(devWeb, bare);
        assertThat(ids(project, "labelSelector", "example.com/owner=alice")).containsExactly(devWeb);
        assertThat(ids(project, "labelSelector", "env=prod,team!=x,tier")).isEmpty();
    }

    @Test
    void labelsCanBeChangedAndTheListFollows() {
        String project = RegistryApi.newProject("relabel");
        String id = labelled(project, "relabel", Map.of("env", "dev"));
        given().auth().oauth2(tokens().operator(project)).contentType("application/json")
                .body(Map.of("labels", Map.of("env", "prod"), "description", "now in production"))
                .patch(CLUSTERS + "/" + id)
                .then().statusCode(200).body("labels.env", equalTo("prod"))
                .body("description", equalTo("now in production"));
        assertThat(ids(project, "labelSelector", "env=prod")).containsExactly(id);
        assertThat(ids(project, "labelSelector", "env=dev")).isEmpty();

        // A merge-patch body is read alike; a field left out stays, an empty description is removed.
        given().auth().oauth2(tokens().operator(project)).contentType("application/merge-patch+json")
                .body(Map.of("description", "")).patch(CLUSTERS + "/" + id)
                .then().statusCode(200).body("description", nullValue())
                .body("labels.env", equalTo("prod"));
    }

    @Test
    void byNameThePagesFollowTheNameThenTheIdAcrossProjectsWhereNamesRepeat() {
        String first = RegistryApi.newProject("sort-a");
        String second = RegistryApi.newProject("sort-b");
        for (String name : List.of("delta", "alpha", "charlie")) {
            create(first, name, "generic", "read-only");
            create(second, name, "generic", "read-only");
        }
        create(first, "bravo", "generic", "read-only");
        String viewer = tokens().viewer(first, second);

        List<String> ascending = walk(viewer, "name", 2);
        assertThat(ascending).containsExactly("alpha", "alpha", "bravo", "charlie", "charlie", "delta", "delta");
        List<String> descending = walk(viewer, "-name", 3);
        assertThat(descending).containsExactly("delta", "delta", "charlie", "charlie", "bravo", "alpha", "alpha");
        assertThat(walk(viewer, "-createdAt", 2).get(0)).isEqualTo("bravo");
        assertThat(walk(viewer, "createdAt", 2).get(0)).isEqualTo("delta");
    }

    @Test
    void aCursorOfOneSortIsRefusedWithAnotherAndABadSortOrNameIsNamed() {
        String project = RegistryApi.newProject("sort-cursor");
        create(project, "one", "generic", "read-only");
        create(project, "two", "generic", "read-only");
        String viewer = tokens().viewer(project);
        String byName = given().auth().oauth2(viewer).queryParam("project", project).queryParam("sort", "name")
                .queryParam("limit", 1).get(CLUSTERS).then().statusCode(200).extract().jsonPath()
                .getString("nextCursor");
        given().auth().oauth2(viewer).queryParam("project", project).queryParam("cursor", byName).get(CLUSTERS)
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        given().auth().oauth2(viewer).queryParam("project", project).queryParam("sort", "name")
                .queryParam("cursor", byName).get(CLUSTERS).then().statusCode(200).body("items.name", contains("two"));
        given().auth().oauth2(viewer).queryParam("sort", "size").queryParam("name", "ONE%").get(CLUSTERS)
                .then().statusCode(400).body("errors.field", contains("name", "sort"));
    }

    @Test
    void theNameFilterMatchesAPartOfTheNameTogetherWithTheOtherFilters() {
        String project = RegistryApi.newProject("named");
        String prodEu = create(project, "prod-eu-1", "eks", "read-only").getString("cluster.id");
        String prodUs = create(project, "prod-us-1", "generic", "read-only").getString("cluster.id");
        create(project, "staging-eu", "eks", "read-only");

        assertThat(ids(project, "name", "prod")).containsExactly(prodEu, prodUs);
        assertThat(ids(project, "name", "eu-1")).containsExactly(prodEu);
        assertThat(given().auth().oauth2(tokens().viewer(project)).queryParam("project", project)
                .queryParam("name", "eu").queryParam("cloudType", "eks").queryParam("sort", "-name").get(CLUSTERS)
                .then().statusCode(200).extract().jsonPath().getList("items.name"))
                .containsExactly("staging-eu", "prod-eu-1");
        assertThat(ids(project, "name", "nothing-like-it")).isEmpty();
    }

    /** Every cluster the token sees, page by page in {@code sort}: their names in the order the pages gave them. */
    private static List<String> walk(String token, String sort, int limit) {
        List<String> names = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(token).queryParam("sort", sort).queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(CLUSTERS).then().statusCode(200).extract().jsonPath();
            names.addAll(page.getList("items.name"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return names;
    }

    private static String labelled(String project, String name, Map<String, String> labels) {
        Map<String, Object> body = clusterBody(name, project, "generic", "read-only");
        body.put("labels", new HashMap<>(labels));
        return create(tokens().operator(project), body).getString("cluster.id");
    }

    private static List<String> ids(String project, String parameter, String value) {
        return given().auth().oauth2(tokens().viewer(project)).queryParam("project", project)
                .queryParam(parameter, value).get(CLUSTERS)
                .then().statusCode(200).extract().jsonPath().getList("items.id");
    }
}
