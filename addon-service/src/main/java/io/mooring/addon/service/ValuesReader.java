package io.mooring.addon.service;

import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Chart values as given in a request: a JSON object, or a string of YAML that holds a mapping. */
final class ValuesReader {

    private ValuesReader() {
    }

    /** The values as a map; throws {@link IllegalArgumentException} with the reason when they are not one. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Object values) {
        if (values == null) {
            return Map.of();
        }
        if (values instanceof Map<?, ?> map) {
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
                LoaderOptions options = new LoaderOptions();
                options.setMaxAliasesForCollections(50);
                options.setAllowDuplicateKeys(false);
                parsed = new Yaml(new SafeConstructor(options)).load(text);
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
            return (Map<String, Object>) JsonTypes.normalise(copy);
        }
        throw new IllegalArgumentException("must be an object (or a string of YAML holding a mapping)");
    }
}
