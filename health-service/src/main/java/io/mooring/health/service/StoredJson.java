package io.mooring.health.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mooring.events.inventory.Inventory;
import io.mooring.health.domain.CheckResult;
import io.mooring.health.domain.CheckStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** The JSON this service stores in its tables: check results, and inventories in a canonical form whose hash is stable. */
@ApplicationScoped
public class StoredJson {

    /** A check result as stored and served. */
    public record Check(String name, String status, String message) {
        static Check of(CheckResult r) {
            return new Check(r.name(), r.status().wireName(), r.message());
        }

        CheckResult toResult() {
            return new CheckResult(name, CheckStatus.parse(status), message);
        }
    }

    private static final TypeReference<List<Check>> CHECKS = new TypeReference<>() {
    };

    private final ObjectMapper json;
    private final ObjectMapper canonical;

    public StoredJson(ObjectMapper json) {
        this.json = json;
        // Map entries (labels) in key order, so the same inventory always serialises, and hashes, alike.
        this.canonical = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }

    public String checks(List<CheckResult> results) {
        return write(json, results.stream().map(Check::of).toList());
    }

    public List<Check> readChecks(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            return json.readValue(text, CHECKS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored check results are not readable", e);
        }
    }

    public String canonicalInventory(Inventory inventory) {
        return write(canonical, inventory);
    }

    public Inventory readInventory(String text) {
        try {
            return json.readValue(text, Inventory.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored inventory is not readable", e);
        }
    }

    public <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is not readable", e);
        }
    }

    public Map<String, Object> tree(Object value) {
        return json.convertValue(value, new TypeReference<Map<String, Object>>() {
        });
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
