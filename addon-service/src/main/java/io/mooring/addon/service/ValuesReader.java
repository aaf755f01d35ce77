package io.mooring.addon.service;

import io.mooring.addon.domain.BoundedYaml;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Chart values as given in a request: a JSON object, or a string of YAML that holds a mapping. Both are bounded
 * alike (nesting, and what YAML aliases expand to: {@link BoundedYaml}), before anything copies them.
 */
final class ValuesReader {

    private static final BoundedYaml YAML = BoundedYaml.forValues();

    private ValuesReader() {
    }

    /** The values as a map; throws {@link IllegalArgumentException} with the reason when they are not one. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Object values) {
        if (values == null) {
            return Map.of();
        }
        if (values instanceof Map<?, ?> map) {
            try {
                YAML.checkTree(map);
            } catch (BoundedYaml.TooLargeException e) {
                throw new IllegalArgumentException("are too large: the values " + e.getMessage());
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return copy;
        }
        if (values instanceof String text) {
            if (text.isBlank()) {
                return Map.of();
            }
            Object parsed;
            try {
                parsed = YAML.load(text, false);
            } catch (BoundedYaml.TooLargeException e) {
                throw new IllegalArgumentException("are too large: the YAML " + e.getMessage());
            } catch (RuntimeException e) {
                String message = e.getMessage() == null ? "unreadable" : e.getMessage().lines().findFirst().orElse("");
                throw new IllegalArgumentException("is not valid YAML: " + message);
            }
            if (parsed == null) {
                return Map.of();
            }
            if (!(parsed instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("must be a mapping of values");
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), v));
            // Through JSON types only (no dates or byte arrays), as a JSON body would have given them.
            return (Map<String, Object>) YamlToJson.normalise(copy);
        }
        throw new IllegalArgumentException("must be an object (or a string of YAML holding a mapping)");
    }
}
