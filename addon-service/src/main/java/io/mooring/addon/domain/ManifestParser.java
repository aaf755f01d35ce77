package io.mooring.addon.domain;

import com.fasterxml.jackson.databind.JsonMappingException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.mooring.events.KubernetesNames;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads multi-document YAML (hand-written manifests, or what Helm rendered) into Kubernetes objects, and refuses
 * anything that is not one, naming the document and the line.
 *
 * <p>YAML is read with SnakeYAML's safe constructor (YAML 1.1, like the Go YAML library kubectl uses: anchors and
 * merge keys work, {@code 0644} is octal), duplicate keys refused, nesting and alias expansion bounded ({@link BoundedYaml}). Timestamps and binary scalars
 * stay text, as they are in the JSON a Kubernetes API server receives. Each object must then have
 * {@code apiVersion}, {@code kind} and {@code metadata.name}, and must read as the fabric8 Kubernetes model's
 * type for its kind (custom kinds read as generic resources). Objects are kept as written; a {@code kind: List}
 * document contributes its items.
 */
public final class ManifestParser {

    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    private final int maxObjects;
    private final BoundedYaml yaml;

    /**
     * @param codePointLimit the longest text read; its documents may expand (through aliases) to at most twice as
     *                       many characters and a bounded number of values (see {@link BoundedYaml})
     */
    public ManifestParser(int maxObjects, int codePointLimit) {
        this.maxObjects = maxObjects;
        this.yaml = new BoundedYaml(codePointLimit, Math.max(100_000L, maxObjects * 2_000L), 2L * codePointLimit);
    }

    /** One object read from the text. {@code namespaced} is null when the model does not know the kind. */
    public record ParsedObject(int document, int line, Map<String, Object> object, Boolean namespaced) {

        public String apiVersion() {
            return (String) object.get("apiVersion");
        }

        public String kind() {
            return (String) object.get("kind");
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> metadata() {
            return (Map<String, Object>) object.get("metadata");
        }

        public String name() {
            return (String) metadata().get("name");
        }

        public String namespace() {
            Object namespace = metadata().get("namespace");
            return namespace instanceof String s && !s.isEmpty() ? s : null;
        }
    }

    public List<ParsedObject> parse(String text) throws ManifestException {
        List<ParsedObject> objects = new ArrayList<>();
        BoundedYaml.Constructor constructor = new BoundedYaml.Constructor(yaml.options(), true);
        BoundedYaml.Budget budget = new BoundedYaml.Budget();
        int document = 0;
        Iterator<Node> documents = yaml.composeAll(yaml.yaml(constructor), text);
        while (true) {
            Node node;
            try {
                if (!documents.hasNext()) {
                    break;
                }
                document++;
                node = documents.next();
                if (node != null) {
                    yaml.check(node, budget);
                }
            } catch (MarkedYAMLException e) {
                throw yamlError(Math.max(document, 1), e);
            } catch (BoundedYaml.TooLargeException e) {
                throw new ManifestException(Math.max(document, 1), 0, "the YAML " + e.getMessage());
            } catch (YAMLException e) {
                throw new ManifestException(Math.max(document, 1), 0, "not valid YAML: " + e.getMessage());
            }
            if (node == null) {
                continue;
            }
            int line = node.getStartMark().getLine() + 1;
            Object value;
            try {
                value = constructor.construct(node);
            } catch (MarkedYAMLException e) {
                throw yamlError(document, e);
            } catch (YAMLException | ClassCastException e) {
                throw new ManifestException(document, line, "not valid YAML: " + e.getMessage());
            }
            if (value == null) {
                continue;
            }
            Map<String, Object> object = asObject(document, line, value);
            if ("List".equals(object.get("kind")) && object.get("items") instanceof List<?> items) {
                int item = 0;
                for (Object element : items) {
                    item++;
                    Map<String, Object> itemObject = asObject(document, line, element);
                    add(objects, check(document, line, itemObject, "item " + item + ": "));
                }
            } else {
                add(objects, check(document, line, object, ""));
            }
        }
        return objects;
    }

    private void add(List<ParsedObject> objects, ParsedObject object) throws ManifestException {
        if (objects.size() >= maxObjects) {
            throw new ManifestException(object.document(), object.line(),
                    "more than " + maxObjects + " objects in one layer");
        }
        objects.add(object);
    }

    private static ManifestException yamlError(int document, MarkedYAMLException e) {
        // The line is where the parser found the problem; the construct it was in is named with its own line.
        Mark problem = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        StringBuilder reason = new StringBuilder("not valid YAML: ");
        if (e.getContext() != null) {
            reason.append(e.getContext());
            if (e.getContextMark() != null && problem != null && e.getContextMark().getLine() != problem.getLine()) {
                reason.append(" (from line ").append(e.getContextMark().getLine() + 1).append(')');
            }
            reason.append(", ");
        }
        reason.append(e.getProblem() != null ? e.getProblem() : "unreadable");
        return new ManifestException(document, problem == null ? 0 : problem.getLine() + 1, reason.toString().trim());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(int document, int line, Object value) throws ManifestException {
        if (!(value instanceof Map<?, ?> map)) {
            throw new ManifestException(document, line,
                    "is not a Kubernetes object (expected a mapping with apiVersion, kind and metadata)");
        }
        return (Map<String, Object>) stringKeys(map);
    }

    private static ParsedObject check(int document, int line, Map<String, Object> object, String where)
            throws ManifestException {
        if (!(object.get("apiVersion") instanceof String apiVersion) || apiVersion.isBlank()) {
            throw new ManifestException(document, line, where + "apiVersion is missing");
        }
        if (!apiVersion.matches("([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?v[0-9a-z]+")) {
            throw new ManifestException(document, line, where + "apiVersion '" + apiVersion + "' is not valid");
        }
        if (!(object.get("kind") instanceof String kind) || kind.isBlank()) {
            throw new ManifestException(document, line, where + "kind is missing");
        }
        if (!kind.matches("[A-Za-z][A-Za-z0-9]*")) {
            throw new ManifestException(document, line, where + "kind '" + kind + "' is not valid");
        }
        if (!(object.get("metadata") instanceof Map<?, ?> metadata)) {
            throw new ManifestException(document, line, where + "metadata is missing");
        }
        if (!(metadata.get("name") instanceof String name) || name.isBlank()) {
            throw new ManifestException(document, line, where + "metadata.name is missing"
                    + (metadata.containsKey("generateName") ? " (generateName cannot be applied declaratively)" : ""));
        }
        if (name.length() > 253 || name.contains("/") || name.equals(".") || name.equals("..")
                || !name.equals(name.strip())) {
            throw new ManifestException(document, line, where + "metadata.name '" + name + "' is not valid");
        }
        Object namespace = metadata.get("namespace");
        if (namespace != null && !(namespace instanceof String s && (s.isEmpty() || KubernetesNames.isDnsLabel(s)))) {
            throw new ManifestException(document, line,
                    where + "metadata.namespace '" + namespace + "' " + KubernetesNames.DNS_LABEL_RULE);
        }
        for (String field : List.of("labels", "annotations")) {
            Object values = metadata.get(field);
            if (values != null && !(values instanceof Map<?, ?>)) {
                throw new ManifestException(document, line, where + "metadata." + field + " must be a mapping");
            }
        }
        Boolean namespaced;
        try {
            KubernetesResource resource = KUBERNETES.convertValue(object, KubernetesResource.class);
            namespaced = resource instanceof GenericKubernetesResource ? null : resource instanceof Namespaced;
        } catch (IllegalArgumentException e) {
            throw new ManifestException(document, line,
                    where + kind + " '" + name + "' does not match the Kubernetes model: " + modelMessage(e));
        }
        return new ParsedObject(document, line, object, namespaced);
    }

    private static String modelMessage(IllegalArgumentException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = cause instanceof JsonMappingException mapping
                ? path(mapping) + mapping.getOriginalMessage()
                : cause.getMessage();
        message = message == null ? "unreadable" : message;
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "" : path + ": ";
    }

    /** JSON has string keys only; YAML may have others (e.g. {@code 1: a}), which become their text. */
    private static Object stringKeys(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), stringKeys(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(stringKeys(v)));
            return copy;
        }
        if (value instanceof Set<?> set) {
            // !!set: the JSON a YAML-to-JSON conversion gives is an object of nulls
            Map<String, Object> copy = new LinkedHashMap<>();
            set.forEach(v -> copy.put(String.valueOf(v), null));
            return copy;
        }
        return value;
    }
}
