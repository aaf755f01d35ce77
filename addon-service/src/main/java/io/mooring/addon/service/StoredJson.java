package io.mooring.addon.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mooring.addon.domain.LayerDefinition;
import io.mooring.addon.domain.RenderedLayer;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The JSON of the documents kept in text columns (layer definitions, renderings, value overrides), and the canonical
 * form a profile's content hash is taken of.
 */
@ApplicationScoped
public class StoredJson {

    private static final TypeReference<List<LayerDefinition>> DEFINITIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<RenderedLayer>> RENDERED = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Map<String, Object>>> OVERRIDES = new TypeReference<>() {
    };

    /** Keys sorted, so equal content always writes the same bytes. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .findAndAddModules()
            .build();

    private final ObjectMapper json;

    public StoredJson(ObjectMapper json) {
        this.json = json;
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    public String canonical(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    public String hash(Object value) {
        return Sha256.hex(canonical(value).getBytes(StandardCharsets.UTF_8));
    }

    public List<LayerDefinition> definitions(String text) {
        return read(text, DEFINITIONS);
    }

    public List<RenderedLayer> rendered(String text) {
        return read(text, RENDERED);
    }

    public Map<String, Map<String, Object>> overrides(String text) {
        return read(text, OVERRIDES);
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is unreadable", e);
        }
    }
}
