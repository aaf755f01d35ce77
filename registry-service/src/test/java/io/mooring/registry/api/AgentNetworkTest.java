package io.mooring.registry.api;

import static io.mooring.registry.RegistryApi.CLUSTERS;
import static io.mooring.registry.RegistryApi.clusterBody;
import static io.mooring.registry.RegistryApi.create;
import static io.mooring.registry.RegistryApi.manifestObjects;
import static io.mooring.registry.RegistryApi.ofKind;
import static io.mooring.registry.RegistryApi.tokens;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.mooring.registry.RegistryApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An import for an agent behind a corporate proxy or a private CA: the settings are checked field by field, stay
 * with the cluster, show in its view (the bundle as its certificates) and go into every import manifest issued for
 * it until changed.
 */
@QuarkusTest
class AgentNetworkTest {

    private static final String ROOT_CA = resource("agent-network/root-ca.pem");
    private static final String ISSUING_CA = resource("agent-network/issuing-ca.pem");
    private static final String ROOT_CA_SHA256 =
            "9F:9F:CD:F6:0A:96:C5:DD:18:7F:F0:D9:E8:CC:BA:64:AB:F8:C3:4A:B4:39:A1:3B:4C:A9:C7:7B:09:D2:04:D9";

    private String project;
    private String operator;

    @BeforeEach
    void aProjectOfItsOwn() {
        project = RegistryApi.newProject("net");
        operator = tokens().operator(project);
    }

    @Test
    void theSettingsStayWithTheClusterAndEveryImportCommandCarriesThem() {
        String bundle = "# Corp root, as a bundle file has it\n" + ROOT_CA + "subject=issuing\n" + ISSUING_CA;
        JsonPath created = create(operator, withNetwork("behind-proxy", Map.of(
                "httpsProxy", "http://proxy.corp:3128", "noProxy", List.of("10.0.0.0/8", ".Corp"), "caBundle", bundle)));

        assertThat(created.getString("cluster.agentNetwork.httpsProxy")).isEqualTo("http://proxy.corp:3128");
        assertThat(created.getList("cluster.agentNetwork.noProxy")).containsExactly("10.0.0.0/8", ".corp");
        assertThat(created.getList("cluster.agentNetwork.caCertificates.subject"))
                .containsExactly("CN=Mooring Test Corp Root CA,O=Mooring Test", "CN=Mooring Test Corp Issuing CA,O=Mooring Test");
        assertThat(created.getString("cluster.agentNetwork.caCertificates[0].sha256")).isEqualTo(ROOT_CA_SHA256);
        assertThat(created.prettify()).doesNotContain("BEGIN CERTIFICATE");

        List<HasMetadata> first = manifestObjects(created.getString("importCommand.manifestUrl"));
        assertThat(first).extracting(HasMetadata::getKind).containsSubsequence("ConfigMap", "Deployment");
        Map<String, String> env = env(first);
        assertThat(env).containsEntry("HTTPS_PROXY", "http://proxy.corp:3128")
                .containsEntry("NO_PROXY", "kubernetes.default.svc,.svc,.cluster.local,$(KUBERNETES_SERVICE_HOST),10.0.0.0/8,.corp")
                .containsEntry("MOORING_PLATFORM_CA_BUNDLE", "/etc/mooring-agent/platform-ca/ca.crt");
        ConfigMap ca = ofKind(first, ConfigMap.class).get(0);
        assertThat(ca.getMetadata().getName()).isEqualTo("mooring-agent-platform-ca");
        assertThat(ca.getData().get("ca.crt")).as("the certificates only, comments dropped")
                .isEqualTo(normalised(ROOT_CA) + normalised(ISSUING_CA));
        Container agent = container(first);
        assertThat(agent.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo("/etc/mooring-agent/platform-ca");
            assertThat(m.getReadOnly()).isTrue();
        });

        String id = created.getString("cluster.id");
        JsonPath reissued = asOperator().post(CLUSTERS + "/" + id + "/import-command").then().statusCode(200).extract().jsonPath();
        List<HasMetadata> second = manifestObjects(reissued.getString("importCommand.manifestUrl"));
        assertThat(env(second)).containsEntry("HTTPS_PROXY", "http://proxy.corp:3128")
                .containsEntry("MOORING_PLATFORM_CA_BUNDLE", "/etc/mooring-agent/platform-ca/ca.crt");
        assertThat(ofKind(second, ConfigMap.class)).singleElement()
                .satisfies(c -> assertThat(c.getData()).isEqualTo(ca.getData()));

        JsonPath migrated = asOperator().post(CLUSTERS + "/" + id + "/migrate-to-full-permissions").then().statusCode(202)
                .extract().jsonPath();
        assertThat(env(manifestObjects(migrated.getString("importCommand.manifestUrl"))))
                .containsEntry("HTTPS_PROXY", "http://proxy.corp:3128");
    }

    @Test
    void aChangeReplacesTheSettingsForTheNextImportCommandAndAnEmptyObjectRemovesThem() {
        JsonPath created = create(operator, withNetwork("moved", Map.of("httpsProxy", "http://proxy.corp:3128",
                "noProxy", List.of("corp.example"), "caBundle", ROOT_CA)));
        String id = created.getString("cluster.id");

        asOperator().body(Map.of("agentNetwork", Map.of("httpsProxy", "http://10.1.2.3:8080"))).patch(CLUSTERS + "/" + id)
                .then().statusCode(200)
                .body("agentNetwork.httpsProxy", equalTo("http://10.1.2.3:8080"))
                .body("agentNetwork.noProxy.size()", equalTo(0))
                .body("agentNetwork.caCertificates.size()", equalTo(0));
        List<HasMetadata> changed = reissue(id);
        assertThat(env(changed)).containsEntry("HTTPS_PROXY", "http://10.1.2.3:8080")
                .containsEntry("NO_PROXY", "kubernetes.default.svc,.svc,.cluster.local,$(KUBERNETES_SERVICE_HOST)")
                .doesNotContainKey("MOORING_PLATFORM_CA_BUNDLE");
        assertThat(ofKind(changed, ConfigMap.class)).isEmpty();

        asOperator().body(Map.of("agentNetwork", Map.of())).patch(CLUSTERS + "/" + id)
                .then().statusCode(200).body("agentNetwork", nullValue());
        assertThat(env(reissue(id))).doesNotContainKeys("HTTPS_PROXY", "NO_PROXY", "MOORING_PLATFORM_CA_BUNDLE");
        given().auth().oauth2(operator).get(CLUSTERS + "/" + id).then().statusCode(200).body("agentNetwork", nullValue());
    }

    @Test
    void anUnusableProxyIsRefusedNamingTheField() {
        refused(Map.of("httpsProxy", "https://proxy.corp:3128"), "agentNetwork.httpsProxy", "http://");
        refused(Map.of("httpsProxy", "http://user:secret@proxy.corp:3128"), "agentNetwork.httpsProxy", "credentials");
        refused(Map.of("httpsProxy", "http://proxy.corp"), "agentNetwork.httpsProxy", "port");
        refused(Map.of("httpsProxy", "socks5://proxy.corp:1080"), "agentNetwork.httpsProxy", "http://proxy.corp:3128");
        refused(Map.of("httpsProxy", "http://proxy.corp:3128/path?x=1"), "agentNetwork.httpsProxy", "without a path");
        refused(Map.of("httpsProxy", "http://proxy.corp:3128/" + "a".repeat(2100)), "agentNetwork.httpsProxy", "2048");
    }

    @Test
    void noProxyEntriesMustBeNamesAddressesOrBlocksAndComeWithAProxy() {
        refused(Map.of("httpsProxy", "http://proxy.corp:3128", "noProxy", List.of("ok.corp", "*.corp")),
                "agentNetwork.noProxy[1]", "wildcards");
        refused(Map.of("httpsProxy", "http://proxy.corp:3128", "noProxy", List.of("registry.corp:5000")),
                "agentNetwork.noProxy[0]", "without a port");
        refused(Map.of("httpsProxy", "http://proxy.corp:3128", "noProxy", List.of("10.0.0.0/33")),
                "agentNetwork.noProxy[0]", "prefix length from 0 to 32");
        refused(Map.of("httpsProxy", "http://proxy.corp:3128", "noProxy", List.of("bad name")),
                "agentNetwork.noProxy[0]", "host name");
        refused(Map.of("noProxy", List.of("10.0.0.0/8")), "agentNetwork.noProxy", "applies only with httpsProxy");
        // IPv6 literals and blocks are entries like any other.
        create(operator, withNetwork("v6", Map.of("httpsProxy", "http://[fd00::1]:3128", "noProxy", List.of("fd00::/8", "::1"))));
    }

    @Test
    void aCaBundleMustBeCertificatesOnlyAndBounded() {
        refused(Map.of("caBundle", "hello"), "agentNetwork.caBundle", "one or more PEM certificates");
        String key = "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(new byte[48])
                + "\n-----END PRIVATE KEY-----\n";
        refused(Map.of("caBundle", ROOT_CA + key), "agentNetwork.caBundle", "private key");
        refused(Map.of("caBundle", "-----BEGIN CERTIFICATE-----\nTm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n"),
                "agentNetwork.caBundle", "not a valid X.509 certificate");
        refused(Map.of("caBundle", ROOT_CA + "-----BEGIN CERTIFICATE-----\nMIIB"), "agentNetwork.caBundle", "without its END");
        refused(Map.of("caBundle", ROOT_CA.repeat(50)), "agentNetwork.caBundle", "32768");
        // The same checks on a change; a refused change changes nothing.
        String id = create(operator, withNetwork("patched", Map.of("caBundle", ROOT_CA))).getString("cluster.id");
        problem(asOperator().body(Map.of("agentNetwork", Map.of("caBundle", "hello"))).patch(CLUSTERS + "/" + id))
                .body("errors[0].field", equalTo("agentNetwork.caBundle"));
        given().auth().oauth2(operator).get(CLUSTERS + "/" + id).then().statusCode(200)
                .body("agentNetwork.caCertificates[0].sha256", equalTo(ROOT_CA_SHA256));
    }

    private void refused(Map<String, Object> network, String field, String message) {
        problem(asOperator().body(withNetwork("refused", network)).post(CLUSTERS))
                .body("errors[0].field", equalTo(field))
                .body("errors[0].message", containsString(message));
    }

    private static ValidatableResponse problem(Response response) {
        return response.then().statusCode(400).contentType("application/problem+json")
                .body(not(containsString("Exception")));
    }

    private Map<String, Object> withNetwork(String name, Map<String, Object> network) {
        Map<String, Object> body = new HashMap<>(clusterBody(name, project, "generic", "read-only"));
        body.put("agentNetwork", network);
        return body;
    }

    private List<HasMetadata> reissue(String id) {
        return manifestObjects(asOperator().post(CLUSTERS + "/" + id + "/import-command").then().statusCode(200)
                .extract().jsonPath().getString("importCommand.manifestUrl"));
    }

    private RequestSpecification asOperator() {
        return given().auth().oauth2(operator).contentType("application/json");
    }

    private static Container container(List<HasMetadata> objects) {
        return ofKind(objects, Deployment.class).get(0).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Map<String, String> env(List<HasMetadata> objects) {
        return container(objects).getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue, (a, b) -> b));
    }

    /** The PEM as the registry rewrites it: 64-character lines, LF line ends. */
    private static String normalised(String pem) {
        String body = pem.replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", "").replaceAll("\\s", "");
        String wrapped = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(Base64.getDecoder().decode(body));
        return "-----BEGIN CERTIFICATE-----\n" + wrapped + "\n-----END CERTIFICATE-----\n";
    }

    private static String resource(String name) {
        try (InputStream in = AgentNetworkTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
