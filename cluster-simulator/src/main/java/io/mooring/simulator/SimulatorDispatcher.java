package io.mooring.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The request pipeline of a simulated API server. In order: every request is logged with its caller; discovery,
 * {@code /version}, metrics.k8s.io and the self-subject reviews are answered from the simulation; expectations
 * scripted with {@code server().expect()} come next; then RBAC of the simulated mode is enforced for the agent
 * (the simulator's own client is cluster-admin); lists are paged; server-side apply is emulated; the rest is the
 * CRUD dispatcher's, followed by what controllers would do after a write (namespace and owner cascades, the
 * switch to full permission when the agent is bound to cluster-admin).
 */
final class SimulatorDispatcher extends Dispatcher {

    private static final Set<String> HEALTH_PATHS = Set.of("/healthz", "/livez", "/readyz");
    /** The subresources the simulation has: status and scale are the CRUD store's, log is made up here. */
    private static final Set<String> SUBRESOURCES = Set.of("status", "scale", "log");

    private final KubernetesCrudDispatcher crud;
    private final ObjectStore store;
    private final Map<ServerRequest, Queue<ServerResponse>> expectations;
    private final MockDispatcher expectationDispatcher;
    private final ApiDiscovery discovery;
    private final Authorizer authorizer;
    private final MetricsEndpoint metrics;
    private final RequestLog log;
    private final String adminAuthorization;
    private final Runnable onAgentBoundToClusterAdmin;
    /** What server-side apply last applied to each object, by path: the fields its manager owns. */
    private final Map<String, ObjectNode> lastApplied = new ConcurrentHashMap<>();
    /** Built on first request: deriving it from fabric8's model classes takes a moment. */
    private volatile OpenApiDocument openApi;
    private volatile byte[] openApiProtobuf;

    SimulatorDispatcher(KubernetesCrudDispatcher crud, ObjectStore store, Map<ServerRequest, Queue<ServerResponse>> expectations,
            ApiDiscovery discovery, Authorizer authorizer, RequestLog log, String adminToken, Runnable onAgentBoundToClusterAdmin) {
        this.crud = crud;
        this.store = store;
        this.expectations = expectations;
        this.expectationDispatcher = new MockDispatcher(expectations);
        this.discovery = discovery;
        this.authorizer = authorizer;
        this.metrics = new MetricsEndpoint(store);
        this.log = log;
        this.adminAuthorization = "Bearer " + adminToken;
        this.onAgentBoundToClusterAdmin = onAgentBoundToClusterAdmin;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        boolean admin = adminAuthorization.equals(request.getHeader("Authorization"));
        MockResponse response;
        try {
            response = route(request, admin);
        } catch (RuntimeException e) {
            response = status(500, "InternalError", "simulator: " + e);
        } finally {
            if (!"GET".equals(request.getMethod())) {
                store.changed();
            }
        }
        log.record(new ApiRequest(Instant.now(), request.getMethod(), request.getPath(),
                admin ? Authorizer.ADMIN_USER : authorizer.agentUser(), response.code()));
        return response;
    }

    private MockResponse route(RecordedRequest request, boolean admin) {
        String method = request.getMethod();
        ApiPath path = ApiPath.parse(request.getPath());
        if ("GET".equals(method)) {
            MockResponse answer = discovery(path, request);
            if (answer != null) {
                return answer;
            }
        }
        if (ApiDiscovery.METRICS_GROUP.equals(path.group()) && path.resource() != null) {
            return metrics(method, path, admin);
        }
        if ("POST".equals(method)) {
            MockResponse answer = review(path, request, admin);
            if (answer != null) {
                return answer;
            }
        }
        Queue<ServerResponse> scripted = expectations.get(new SimpleRequest(HttpMethod.valueOf(method), request.getPath()));
        if (scripted != null && !scripted.isEmpty()) {
            return expectationDispatcher.dispatch(request);
        }
        if (!path.api() || path.resource() == null) {
            // The CRUD store would read a path it cannot parse as "every object"; a real server has nothing there.
            return MetricsEndpoint.notFound();
        }
        String verb = path.verb(method);
        if (!admin && !authorizer.allows(verb, path.group(), path.resource(), path.namespace(), path.name())) {
            return forbidden(path, verb);
        }
        if (path.subresource() != null && !SUBRESOURCES.contains(path.subresource())) {
            return MetricsEndpoint.notFound();
        }
        if ("log".equals(path.subresource())) {
            return podLog(path);
        }
        if ("GET".equals(method) && path.api() && path.resource() != null && path.name() == null && !path.isWatch()) {
            return store.list(path);
        }
        if ("PATCH".equals(method)) {
            String contentType = String.valueOf(request.getHeader("Content-Type"));
            if (contentType.contains("apply-patch")) {
                return serverSideApply(request, path);
            }
            boolean strategic = contentType.contains("strategic-merge-patch");
            if ((strategic || contentType.contains("merge-patch")) && path.name() != null && path.subresource() == null) {
                return patch(request, path, strategic);
            }
        }
        if (("POST".equals(method) || "PUT".equals(method)) && isSecret(path)
                && store.read(text(request.getBody())) instanceof ObjectNode secret) {
            request = withBody(request.getHttpVersion(), HttpMethod.valueOf(method), request.getPath(), "application/json",
                    normalized(path, secret).toString());
        }
        MockResponse response = crud.dispatch(request);
        afterWrite(method, path, request, response);
        return response;
    }

    // ---------------------------------------------------------------- what the simulation answers itself

    private MockResponse discovery(ApiPath path, RecordedRequest request) {
        String p = path.path().isEmpty() ? "/" : path.path();
        if (p.equals("/")) {
            return json(200, discovery.rootPathsJson());
        }
        if (p.equals("/version") || p.equals("/version/")) {
            return json(200, discovery.versionJson());
        }
        if (HEALTH_PATHS.contains(p)) {
            return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain; charset=utf-8").setBody("ok");
        }
        if (p.equals("/api") || p.equals("/api/")) {
            return json(200, discovery.coreVersionsJson());
        }
        if (p.equals("/apis") || p.equals("/apis/")) {
            return json(200, discovery.groupListJson());
        }
        if (path.api() && !path.group().isEmpty() && path.version() == null) {
            String group = discovery.groupJson(path.group());
            return group == null ? MetricsEndpoint.notFound() : json(200, group);
        }
        if (path.isGroupVersionDiscovery()) {
            String resources = discovery.resourceListJson(path.group(), path.version());
            return resources == null ? MetricsEndpoint.notFound() : json(200, resources);
        }
        if (p.equals("/openapi/v2") || p.equals("/openapi/v2/")) {
            return openApi(String.valueOf(request.getHeader("Accept")));
        }
        if (p.startsWith("/openapi") || p.startsWith("/swagger")) {
            // No OpenAPI v3: kubectl falls back to v2 for validation and patch metadata.
            return MetricsEndpoint.notFound();
        }
        return null;
    }

    /** The OpenAPI v2 document, as protobuf when asked for it (client-go always does), else as JSON. */
    private MockResponse openApi(String accept) {
        OpenApiDocument document = openApi;
        if (document == null) {
            synchronized (this) {
                if (openApi == null) {
                    openApi = new OpenApiDocument(discovery, discovery.gitVersion());
                    openApiProtobuf = OpenApiProtobuf.encode(openApi.json());
                }
                document = openApi;
            }
        }
        if (accept.contains("protobuf")) {
            return new MockResponse().setResponseCode(200)
                    .setHeader("Content-Type", "application/com.github.proto-openapi.spec.v2.v1.0+protobuf")
                    .setBody(openApiProtobuf);
        }
        return json(200, document.json().toString());
    }

    /**
     * A JSON merge patch or a strategic merge patch (what client-side {@code kubectl apply} sends), computed here
     * and stored as an update: the CRUD store knows only JSON merge and JSON patches, and would replace the lists
     * a strategic merge patch merges by key.
     */
    private MockResponse patch(RecordedRequest request, ApiPath path, boolean strategic) {
        MockResponse existing = crud.handleGet(path.path());
        if (existing.code() != 200) {
            return existing;
        }
        JsonNode patch = store.read(text(request.getBody()));
        if (!patch.isObject()) {
            return status(400, "BadRequest", "the patch is not a JSON object");
        }
        ObjectNode current = (ObjectNode) store.read(text(existing.getBody()));
        JsonNode patched = strategic ? StrategicMergePatch.strategic(current, (ObjectNode) patch)
                : StrategicMergePatch.mergePatch(current, patch);
        if (!(patched instanceof ObjectNode object)) {
            return status(422, "Invalid", "the patch leaves no object");
        }
        for (String immutable : List.of("apiVersion", "kind")) {
            object.set(immutable, current.get(immutable));
        }
        object.withObjectProperty("metadata").set("name", current.path("metadata").path("name"));
        if (current.path("metadata").has("namespace")) {
            object.withObjectProperty("metadata").set("namespace", current.path("metadata").path("namespace"));
        }
        object.withObjectProperty("metadata").set("uid", current.path("metadata").path("uid"));
        object.withObjectProperty("metadata").set("resourceVersion", current.path("metadata").path("resourceVersion"));
        RecordedRequest update = withBody(request.getHttpVersion(), HttpMethod.PUT, path.path(), "application/json",
                normalized(path, object).toString());
        MockResponse updated = crud.dispatch(update);
        afterWrite("PUT", path, update, updated);
        return updated;
    }

    private static boolean isSecret(ApiPath path) {
        return path.api() && "".equals(path.group()) && "secrets".equals(path.resource()) && path.subresource() == null;
    }

    /**
     * What the API server stores of a written object: a Secret's {@code stringData} is merged into {@code data}
     * (base64) and never stored itself.
     */
    private static ObjectNode normalized(ApiPath path, ObjectNode object) {
        if (isSecret(path) && object.path("stringData").isObject()) {
            ObjectNode data = object.path("data").isObject() ? (ObjectNode) object.get("data") : object.putObject("data");
            object.get("stringData").fields().forEachRemaining(e -> data.put(e.getKey(),
                    Base64.getEncoder().encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8))));
            object.remove("stringData");
        }
        return object;
    }

    private MockResponse metrics(String method, ApiPath path, boolean admin) {
        if (!discovery.serves(ApiDiscovery.METRICS_GROUP)) {
            return MetricsEndpoint.notFound();
        }
        String verb = path.verb(method);
        if (!"get".equals(verb) && !"list".equals(verb)) {
            return status(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        }
        if (!admin && !authorizer.allows(verb, path.group(), path.resource())) {
            return forbidden(path, verb);
        }
        return metrics.handle(path);
    }

    private MockResponse review(ApiPath path, RecordedRequest request, boolean admin) {
        if ("authorization.k8s.io".equals(path.group()) && "selfsubjectaccessreviews".equals(path.resource())) {
            SelfSubjectAccessReview review = Serialization.unmarshal(text(request.getBody()), SelfSubjectAccessReview.class);
            return json(201, Serialization.asJson(authorizer.review(review, admin)));
        }
        if ("authorization.k8s.io".equals(path.group()) && "selfsubjectrulesreviews".equals(path.resource())) {
            SelfSubjectRulesReview review = Serialization.unmarshal(text(request.getBody()), SelfSubjectRulesReview.class);
            return json(201, Serialization.asJson(authorizer.rules(review, admin)));
        }
        if ("authentication.k8s.io".equals(path.group()) && "selfsubjectreviews".equals(path.resource())) {
            String user = admin ? Authorizer.ADMIN_USER : authorizer.agentUser();
            List<String> groups = admin ? List.of("system:masters", "system:authenticated")
                    : List.of("system:serviceaccounts", "system:serviceaccounts:" + user.split(":")[2], "system:authenticated");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("kind", "SelfSubjectReview");
            body.put("apiVersion", "authentication.k8s.io/v1");
            body.put("metadata", Map.of());
            body.put("status", Map.of("userInfo", Map.of("username", user, "groups", groups)));
            return json(201, Serialization.asJson(body));
        }
        return null;
    }

    /**
     * Server-side apply as the one field manager an imported cluster's add-ons have: create when absent; otherwise
     * the applied object replaces what was applied before, so a container or a key left out of the new
     * configuration is gone, as with the real API server. What the server owns (uid, creation time, status, owner
     * references, finalizers) is kept, and so are labels and annotations that the manager never applied. Fields
     * other managers set in spec or data are not tracked: they are replaced too.
     */
    private MockResponse serverSideApply(RecordedRequest request, ApiPath path) {
        if (path.name() == null) {
            return status(400, "BadRequest", "apply requires a resource name");
        }
        GenericKubernetesResource applied = Serialization.unmarshal(text(request.getBody()), GenericKubernetesResource.class);
        applied.getMetadata().setResourceVersion(null);
        applied.getMetadata().setManagedFields(null);
        if (path.namespace() != null) {
            applied.getMetadata().setNamespace(path.namespace());
        }
        ObjectNode appliedJson = (ObjectNode) store.read(Serialization.asJson(applied));
        MockResponse existing = crud.handleGet(path.path());
        if (existing.code() == 404) {
            if (path.subresource() != null) {
                return existing;
            }
            String collection = path.path().substring(0, path.path().lastIndexOf('/'));
            RecordedRequest create = withBody(request.getHttpVersion(), HttpMethod.POST, collection, "application/json",
                    normalized(path, appliedJson.deepCopy()).toString());
            MockResponse created = crud.dispatch(create);
            if (created.code() < 300) {
                lastApplied.put(path.path(), appliedJson);
            }
            afterWrite("POST", ApiPath.parse(collection), create, created);
            return created;
        }
        ObjectNode current = (ObjectNode) store.read(text(existing.getBody()));
        ObjectNode merged = applyOver(current, appliedJson, lastApplied.get(path.path()));
        RecordedRequest update = withBody(request.getHttpVersion(), HttpMethod.PUT, path.path(), "application/json",
                normalized(path, merged).toString());
        MockResponse updated = crud.dispatch(update);
        if (updated.code() < 300) {
            lastApplied.put(path.path(), appliedJson);
        }
        afterWrite("PUT", path, update, updated);
        return updated;
    }

    private static ObjectNode applyOver(ObjectNode current, ObjectNode applied, ObjectNode previouslyApplied) {
        ObjectNode merged = applied.deepCopy();
        ObjectNode metadata = merged.withObjectProperty("metadata");
        JsonNode currentMetadata = current.path("metadata");
        for (String serverOwned : List.of("uid", "creationTimestamp", "resourceVersion", "generation", "ownerReferences", "finalizers")) {
            if (!metadata.has(serverOwned) && currentMetadata.has(serverOwned)) {
                metadata.set(serverOwned, currentMetadata.get(serverOwned));
            }
        }
        for (String map : List.of("labels", "annotations")) {
            ObjectNode result = currentMetadata.path(map).isObject() ? ((ObjectNode) currentMetadata.get(map)).deepCopy()
                    : metadata.objectNode();
            if (previouslyApplied != null) {
                previouslyApplied.path("metadata").path(map).fieldNames().forEachRemaining(result::remove);
            }
            if (metadata.path(map).isObject()) {
                result.setAll((ObjectNode) metadata.get(map));
            }
            if (result.isEmpty()) {
                metadata.remove(map);
            } else {
                metadata.set(map, result);
            }
        }
        if (!merged.has("status") && current.has("status")) {
            merged.set("status", current.get("status"));
        }
        return merged;
    }

    /** A few plausible lines, so that a log request finds the pod's container rather than the whole store. */
    private MockResponse podLog(ApiPath path) {
        if (!"pods".equals(path.resource()) || !path.group().isEmpty()) {
            return MetricsEndpoint.notFound();
        }
        MockResponse pod = crud.handleGet("/api/v1/namespaces/" + path.namespace() + "/pods/" + path.name());
        if (pod.code() != 200) {
            return pod;
        }
        String now = Instant.now().toString();
        String log = now + " INFO  starting " + path.name() + "\n"
                + now + " INFO  listening on :8080\n"
                + now + " INFO  ready\n";
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain").setBody(log);
    }

    // ---------------------------------------------------------------- what controllers do after a write

    private void afterWrite(String method, ApiPath path, RecordedRequest request, MockResponse response) {
        int code = response.code();
        if (code < 200 || code >= 300 || !path.api() || path.resource() == null) {
            return;
        }
        if ("DELETE".equals(method) && path.name() != null && path.subresource() == null) {
            lastApplied.remove(path.path());
            if (path.group().isEmpty() && "namespaces".equals(path.resource()) && path.namespace() == null) {
                for (ObjectStore.Stored object : store.inNamespace(path.name())) {
                    crud.handleDelete(ObjectStore.pathOf(object.key()));
                }
            } else if (!text(request.getBody()).contains("Orphan")) {
                collectGarbage(uidOf(response));
            }
        }
        if (!"DELETE".equals(method) && "rbac.authorization.k8s.io".equals(path.group()) && "clusterrolebindings".equals(path.resource())
                && bindsServiceAccountToClusterAdmin(response)) {
            onAgentBoundToClusterAdmin.run();
        }
    }

    /** Background cascading deletion: what the owner of deleted objects owned goes too. */
    private void collectGarbage(String uid) {
        Deque<String> owners = new ArrayDeque<>();
        if (uid != null && !uid.isEmpty()) {
            owners.add(uid);
        }
        while (!owners.isEmpty()) {
            for (ObjectStore.Stored owned : store.ownedBy(owners.removeFirst())) {
                crud.handleDelete(ObjectStore.pathOf(owned.key()));
                owners.add(store.read(owned.json()).path("metadata").path("uid").asText());
            }
        }
    }

    private String uidOf(MockResponse response) {
        if (response.getBody() == null || response.getBody().size() == 0) {
            return null;
        }
        JsonNode body = store.read(text(response.getBody()));
        return body.path("metadata").path("uid").asText(null);
    }

    private boolean bindsServiceAccountToClusterAdmin(MockResponse response) {
        if (response.getBody() == null || response.getBody().size() == 0) {
            return false;
        }
        JsonNode binding = store.read(text(response.getBody()));
        if (!"cluster-admin".equals(binding.path("roleRef").path("name").asText())) {
            return false;
        }
        for (JsonNode subject : binding.path("subjects")) {
            if ("ServiceAccount".equals(subject.path("kind").asText()) && !"kube-system".equals(subject.path("namespace").asText())) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- responses

    private MockResponse forbidden(ApiPath path, String verb) {
        String resource = path.resource() == null ? path.path() : path.resource();
        String subject = path.name() == null ? resource : resource + " \"" + path.name() + "\"";
        String scope = path.namespace() == null ? "at the cluster scope" : "in the namespace \"" + path.namespace() + "\"";
        String message = path.resource() == null
                ? "forbidden: User \"" + authorizer.agentUser() + "\" cannot " + verb + " path \"" + path.path() + "\""
                : subject + " is forbidden: User \"" + authorizer.agentUser() + "\" cannot " + verb + " resource \"" + resource
                        + "\" in API group \"" + path.group() + "\" " + scope;
        Map<String, Object> details = new LinkedHashMap<>();
        if (path.name() != null) {
            details.put("name", path.name());
        }
        if (path.resource() != null) {
            details.put("group", path.group());
            details.put("kind", resource);
        }
        return statusWithDetails(403, "Forbidden", message, details);
    }

    static MockResponse status(int code, String reason, String message) {
        return statusWithDetails(code, reason, message, Map.of());
    }

    private static MockResponse statusWithDetails(int code, String reason, String message, Map<String, Object> details) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.put("metadata", Map.of());
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", reason);
        status.put("details", details);
        status.put("code", code);
        return json(code, Serialization.asJson(status));
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }

    /** Reads a body without consuming it: Buffer.readUtf8() empties the buffer, and the CRUD handlers read it after us. */
    private static String text(Buffer body) {
        return body == null ? "" : new String(body.getBytes(), StandardCharsets.UTF_8);
    }

    private static RecordedRequest withBody(String httpVersion, HttpMethod method, String path, String contentType, String body) {
        Headers headers = new Headers.Builder().add("Content-Type", contentType).build();
        return new RecordedRequest(httpVersion, method, path, headers, new Buffer(body.getBytes(StandardCharsets.UTF_8)));
    }
}
