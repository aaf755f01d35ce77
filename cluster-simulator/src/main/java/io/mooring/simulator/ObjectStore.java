package io.mooring.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The objects of the simulated cluster, kept in the CRUD dispatcher's own store so that gets, writes and watches
 * stay the mock server's. What the CRUD mode lacks for clusters of this size is added here: seeding without a
 * request per object, lists paged with {@code limit}/{@code continue} like a real API server, and field
 * selectors on any field ({@code spec.nodeName}, {@code type}, {@code involvedObject.kind}), not only on
 * metadata.name and metadata.namespace.
 */
final class ObjectStore {

    private static final Pattern FIELD_TERM = Pattern.compile("^([^!=]+)(==|!=|=)(.*)$");
    private static final Comparator<Stored> BY_KEY = Comparator.comparing(Stored::sortKey);

    private final KubernetesCrudDispatcher crud;
    private final KubernetesAttributesExtractor extractor;
    private final ObjectMapper mapper = Serialization.jsonMapper();
    private final AtomicLong version = new AtomicLong();
    /** The last list selection: paging through 30,000 pods would otherwise filter and sort the store for every page. */
    private volatile Selection lastSelection;

    private record Selection(String query, long version, List<Stored> items) {
    }

    ObjectStore(KubernetesCrudDispatcher crud) {
        this.crud = crud;
        this.extractor = (KubernetesAttributesExtractor) crud.getAttributeExtractor();
    }

    /** One stored object: its CRUD key, its JSON, and the namespace/name it sorts by. */
    record Stored(AttributeSet key, String json, String sortKey) {
    }

    /**
     * Puts an object straight into the store, as a create would, without the linear duplicate scan the CRUD
     * create does (seeding 30,000 pods through it takes minutes). Only call before the server starts.
     */
    void seed(HasMetadata object, String plural) {
        object.getMetadata().setResourceVersion(String.valueOf(crud.requestResourceVersion()));
        if (object.getMetadata().getGeneration() == null) {
            // The CRUD patch and update handlers copy the generation of the stored object and fail without one.
            object.getMetadata().setGeneration(1L);
        }
        AttributeSet key = extractor.extract(object);
        if (!key.containsKey(KubernetesAttributesExtractor.PLURAL)) {
            key = key.add(new Attribute(KubernetesAttributesExtractor.PLURAL, plural));
        }
        crud.getMap().put(key, Serialization.asJson(object));
    }

    /** Called after every write, which invalidates the cached selection. */
    void changed() {
        version.incrementAndGet();
    }

    int size() {
        return crud.getMap().size();
    }

    /** The objects a list request for {@code path} returns, sorted by namespace and name, selectors applied. */
    List<Stored> select(ApiPath path) {
        List<String[]> extraFields = new ArrayList<>();
        AttributeSet query = extractor.fromPath(crudPath(path, extraFields));
        List<Stored> items = new ArrayList<>();
        for (Map.Entry<AttributeSet, String> entry : new ArrayList<>(crud.getMap().entrySet())) {
            if (entry.getKey().matches(query) && matchesFields(entry.getValue(), extraFields)) {
                items.add(new Stored(entry.getKey(), entry.getValue(), attribute(entry.getKey(), "namespace") + "/" + attribute(entry.getKey(), "name")));
            }
        }
        items.sort(BY_KEY);
        return items;
    }

    /** Answers a list request, one page at a time when the client asks for a limit. */
    MockResponse list(ApiPath path) {
        String query = path.path() + "?" + path.query().getOrDefault("labelSelector", "") + "&" + path.query().getOrDefault("fieldSelector", "");
        long current = version.get();
        Selection cached = lastSelection;
        List<Stored> items;
        if (cached != null && cached.version() == current && cached.query().equals(query)) {
            items = cached.items();
        } else {
            items = List.copyOf(select(path));
            lastSelection = new Selection(query, current, items);
        }
        int from = 0;
        String token = path.query().get("continue");
        if (token != null && !token.isEmpty()) {
            String after = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            while (from < items.size() && items.get(from).sortKey().compareTo(after) <= 0) {
                from++;
            }
        }
        int limit = parseLimit(path.query().get("limit"));
        int to = limit > 0 ? Math.min(items.size(), from + limit) : items.size();
        long length = 0;
        for (int i = from; i < to; i++) {
            length += items.get(i).json().length() + 1;
        }
        StringBuilder body = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 64, length + 256));
        body.append("{\"apiVersion\":\"v1\",\"kind\":\"List\",\"metadata\":{\"resourceVersion\":\"")
                .append(crud.requestResourceVersion()).append('"');
        if (to < items.size()) {
            String next = Base64.getUrlEncoder().withoutPadding().encodeToString(items.get(to - 1).sortKey().getBytes(StandardCharsets.UTF_8));
            body.append(",\"continue\":\"").append(next).append("\",\"remainingItemCount\":").append(items.size() - to);
        }
        body.append("},\"items\":[");
        for (int i = from; i < to; i++) {
            if (i > from) {
                body.append(',');
            }
            body.append(items.get(i).json());
        }
        body.append("]}");
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(body.toString());
    }

    /** Every stored object of a namespace, for deleting the namespace's contents with it. */
    List<Stored> inNamespace(String namespace) {
        List<Stored> items = new ArrayList<>();
        for (Map.Entry<AttributeSet, String> entry : new ArrayList<>(crud.getMap().entrySet())) {
            if (namespace.equals(attribute(entry.getKey(), "namespace"))) {
                items.add(new Stored(entry.getKey(), entry.getValue(), ""));
            }
        }
        return items;
    }

    /** The objects whose ownerReferences name {@code uid}, for garbage collection. */
    List<Stored> ownedBy(String uid) {
        String needle = "\"uid\":\"" + uid + "\"";
        List<Stored> owned = new ArrayList<>();
        for (Map.Entry<AttributeSet, String> entry : new ArrayList<>(crud.getMap().entrySet())) {
            String json = entry.getValue();
            int refs = json.indexOf("\"ownerReferences\"");
            if (refs >= 0 && json.indexOf(needle, refs) > 0) {
                JsonNode references = read(json).path("metadata").path("ownerReferences");
                for (JsonNode reference : references) {
                    if (uid.equals(reference.path("uid").asText())) {
                        owned.add(new Stored(entry.getKey(), json, ""));
                        break;
                    }
                }
            }
        }
        return owned;
    }

    /** The API path of a stored object, rebuilt from its key. */
    static String pathOf(AttributeSet key) {
        String api = attribute(key, KubernetesAttributesExtractor.API);
        String namespace = attribute(key, KubernetesAttributesExtractor.NAMESPACE);
        StringBuilder path = new StringBuilder(api.isEmpty() ? "/api/" : "/apis/" + api + "/");
        path.append(attribute(key, KubernetesAttributesExtractor.VERSION));
        if (!namespace.isEmpty()) {
            path.append("/namespaces/").append(namespace);
        }
        return path.append('/').append(attribute(key, KubernetesAttributesExtractor.PLURAL))
                .append('/').append(attribute(key, KubernetesAttributesExtractor.NAME)).toString();
    }

    JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The path the CRUD extractor understands: label selector and the metadata field selectors it knows, while
     * the other field selector terms are returned in {@code extraFields} to be checked on the JSON.
     */
    private static String crudPath(ApiPath path, List<String[]> extraFields) {
        StringBuilder crudPath = new StringBuilder(path.path());
        String separator = "?";
        String labels = path.query().get("labelSelector");
        if (labels != null && !labels.isEmpty()) {
            crudPath.append(separator).append("labelSelector=").append(URLEncoder.encode(labels, StandardCharsets.UTF_8));
            separator = "&";
        }
        String fields = path.query().get("fieldSelector");
        List<String> metadataFields = new ArrayList<>();
        if (fields != null && !fields.isEmpty()) {
            for (String term : fields.split(",")) {
                Matcher matcher = FIELD_TERM.matcher(term.trim());
                if (!matcher.matches()) {
                    continue;
                }
                String field = matcher.group(1);
                if (field.equals("metadata.name") || field.equals("metadata.namespace")) {
                    metadataFields.add(term.trim());
                } else {
                    extraFields.add(new String[] {field, matcher.group(2), matcher.group(3)});
                }
            }
        }
        if (!metadataFields.isEmpty()) {
            crudPath.append(separator).append("fieldSelector=")
                    .append(URLEncoder.encode(String.join(",", metadataFields), StandardCharsets.UTF_8));
        }
        return crudPath.toString();
    }

    private boolean matchesFields(String json, List<String[]> fields) {
        if (fields.isEmpty()) {
            return true;
        }
        JsonNode node = read(json);
        for (String[] field : fields) {
            JsonNode value = node;
            for (String part : field[0].split("\\.")) {
                value = value.path(part);
            }
            // A missing field selects like an empty one, as on a real API server.
            String actual = value.isMissingNode() || value.isNull() ? "" : value.asText();
            boolean equal = actual.equals(field[2]);
            if (field[1].equals("!=") == equal) {
                return false;
            }
        }
        return true;
    }

    private static String attribute(AttributeSet key, String name) {
        Attribute attribute = key.getAttribute(name);
        return attribute == null || attribute.getValues().isEmpty() ? "" : attribute.getValues().get(0).toString();
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(limit));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
