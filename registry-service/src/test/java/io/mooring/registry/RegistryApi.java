package io.mooring.registry;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.mooring.testsupport.Tokens;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** What the registry's tests do over HTTP, said once. */
public final class RegistryApi {

    public static final String CLUSTERS = "/api/v1/clusters";
    private static final YAMLMapper YAML = new YAMLMapper();

    private RegistryApi() {
    }

    public static Tokens tokens() {
        return Tokens.shared();
    }

    /** A project name of its own for each test, so tests never see each other's clusters. */
    public static String newProject(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Map<String, Object> clusterBody(String name, String project, String cloudType, String mode) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("project", project);
        body.put("cloudType", cloudType);
        body.put("importMode", mode);
        return body;
    }

    /** Creates a cluster as an operator of its project; the 201 answer. */
    public static JsonPath create(String project, String name, String cloudType, String mode) {
        return create(tokens().operator(project), clusterBody(name, project, cloudType, mode));
    }

    public static JsonPath create(String token, Map<String, Object> body) {
        JsonPath created = given().auth().oauth2(token).contentType("application/json").body(body)
                .post(CLUSTERS)
                .then().statusCode(201).extract().jsonPath();
        // As kubectl would: the manifest is fetched while it is served, so tests can register after it is not.
        tokenOf(created.getString("importCommand.manifestUrl"));
        return created;
    }

    /** The path of a URL the registry answered (its public URL is the gateway's, not this test server's). */
    public static String pathOf(String url) {
        return URI.create(url).getPath();
    }

    /** The handle in a manifest URL: not the import token, which only the manifest holds. */
    public static String handleOf(String manifestUrl) {
        String path = pathOf(manifestUrl);
        return path.substring(path.lastIndexOf('/') + 1, path.length() - ".yaml".length());
    }

    /**
     * The import token of a manifest URL, as the agent gets it: from the manifest's Secret. Remembered, because the
     * URL stops serving the manifest once an agent registered (or the command was replaced or expired).
     */
    public static String tokenOf(String manifestUrl) {
        return TOKENS.computeIfAbsent(manifestUrl, url -> importTokenFromSecret(manifestObjects(url)));
    }

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    public static ValidatableResponse fetchManifest(String manifestUrl) {
        return given().get(pathOf(manifestUrl)).then();
    }

    /** The served manifest, parsed back into typed fabric8 objects. */
    public static List<HasMetadata> manifestObjects(String manifestUrl) {
        String yaml = fetchManifest(manifestUrl).statusCode(200).contentType("application/yaml")
                .extract().asString();
        return parse(yaml);
    }

    public static List<HasMetadata> parse(String yaml) {
        try (MappingIterator<HasMetadata> documents = YAML.readerFor(HasMetadata.class).readValues(yaml)) {
            return documents.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> objects, Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** The import token as the agent reads it from the manifest's Secret. */
    public static String importTokenFromSecret(List<HasMetadata> objects) {
        return ofKind(objects, Secret.class).stream().filter(s -> s.getMetadata().getName().equals("mooring-agent"))
                .findFirst().orElseThrow().getStringData().get("MOORING_IMPORT_TOKEN");
    }

    public static Map<String, Object> facts(String permissions, String provider) {
        Map<String, Object> facts = new HashMap<>();
        facts.put("agentVersion", "0.1.0");
        facts.put("kubernetesVersion", "v1.30.4");
        facts.put("detectedProvider", provider);
        facts.put("detectedPlatform", "kubeadm");
        facts.put("permissions", permissions);
        return facts;
    }

    public static ValidatableResponse register(String importToken, Map<String, Object> facts) {
        return register(importToken, facts, null);
    }

    /** A registration from an agent that read its cluster's kube-system UID ({@code null}: an older agent). */
    public static ValidatableResponse register(String importToken, Map<String, Object> facts, String clusterUid) {
        return register(importToken, facts, clusterUid, null);
    }

    /** A registration that also presents the re-registration secret a first registration answered. */
    public static ValidatableResponse register(String importToken, Map<String, Object> facts, String clusterUid,
            String reRegistrationSecret) {
        Map<String, Object> body = new HashMap<>();
        body.put("importToken", importToken);
        body.put("facts", facts);
        if (clusterUid != null) {
            body.put("clusterUid", clusterUid);
        }
        if (reRegistrationSecret != null) {
            body.put("reRegistrationSecret", reRegistrationSecret);
        }
        return given().contentType("application/json").body(body).post("/api/v1/agent/register").then();
    }

    /** Registers the agent of a freshly created cluster; the agent credential. */
    public static JsonPath registerAgent(JsonPath created, String permissions, String provider) {
        String token = tokenOf(created.getString("importCommand.manifestUrl"));
        return register(token, facts(permissions, provider)).statusCode(200).extract().jsonPath();
    }

    public static ValidatableResponse status(String agentToken, Map<String, Object> facts, boolean cleanupDone) {
        Map<String, Object> body = new HashMap<>();
        body.put("facts", facts);
        body.put("cleanupDone", cleanupDone);
        return given().auth().oauth2(agentToken).contentType("application/json").body(body)
                .post("/api/v1/agent/status").then();
    }

    public static ValidatableResponse refresh(Object clusterId, String secret) {
        Map<String, Object> body = new HashMap<>();
        body.put("clusterId", clusterId);
        body.put("refreshSecret", secret);
        return given().contentType("application/json").body(body).post("/api/v1/agent/token").then();
    }

    public static ValidatableResponse get(String token, String id) {
        return given().auth().oauth2(token).get(CLUSTERS + "/" + id).then();
    }
}
