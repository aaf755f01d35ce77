package io.mooring.cost.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a rate card from JSON: the built-in one shipped in {@value #BUILT_IN}, or one an admin supplies in
 * the same format. Every problem is an {@link IllegalArgumentException} naming the offending path, so that
 * a bad card is refused as a whole rather than half-applied.
 *
 * <pre>{@code
 * { "source": "...", "asOf": "2026-11-25", "currency": "USD", "notes": "...",
 *   "unitRates": { "cpuCoreHour": 0.031611, "memoryGibHour": 0.004237, "gpuHour": 0.95, "storageGibMonth": 0.04 },
 *   "providers": { "aws": { "types":   { "m5.large": { "vcpus": 2, "memoryGib": 8, "gpus": 0 } },
 *                           "regions": { "us-east-1": { "m5.large": 0.096 } } } } }
 * }</pre>
 *
 * Sizes are listed once per type and prices per region, because a type is the same size everywhere.
 */
public final class RateCardLoader {

    /** Classpath location of the card shipped with the service. */
    public static final String BUILT_IN = "/ratecards/builtin.json";

    // Decimal numbers are read as BigDecimal straight from the text: a price must not pass through a double.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private RateCardLoader() {
    }

    /** The card shipped with the service. */
    public static RateCard builtIn() {
        try (InputStream in = RateCardLoader.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("built-in rate card " + BUILT_IN + " is missing from the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RateCard read(InputStream json) {
        try {
            return parse(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("rate card is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RateCard read(String json) {
        try {
            return parse(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("rate card is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static RateCard parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("rate card must be a JSON object");
        }
        String source = text(root, "source");
        LocalDate asOf;
        try {
            asOf = LocalDate.parse(text(root, "asOf"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("asOf must be a date (YYYY-MM-DD)");
        }
        String currency = text(root, "currency");
        String notes = root.hasNonNull("notes") ? root.get("notes").asText() : null;
        JsonNode unit = object(root, "unitRates", "unitRates");
        UnitRates unitRates = new UnitRates(
                decimal(unit, "cpuCoreHour", "unitRates.cpuCoreHour"),
                decimal(unit, "memoryGibHour", "unitRates.memoryGibHour"),
                decimal(unit, "gpuHour", "unitRates.gpuHour"),
                decimal(unit, "storageGibMonth", "unitRates.storageGibMonth"));

        List<InstancePrice> prices = new ArrayList<>();
        JsonNode providers = root.get("providers");
        if (providers != null && !providers.isNull()) {
            if (!providers.isObject()) {
                throw new IllegalArgumentException("providers must be an object");
            }
            for (Map.Entry<String, JsonNode> entry : providers.properties()) {
                prices.addAll(provider(Provider.of(entry.getKey()), entry.getValue(), "providers." + entry.getKey()));
            }
        }
        return new RateCard(source, asOf, currency, notes, unitRates, prices);
    }

    private record Size(int vcpus, BigDecimal memoryGib, int gpus) {
    }

    private static List<InstancePrice> provider(Provider provider, JsonNode node, String path) {
        Map<String, Size> sizes = new HashMap<>();
        JsonNode types = object(node, "types", path + ".types");
        for (Map.Entry<String, JsonNode> type : types.properties()) {
            String at = path + ".types." + type.getKey();
            sizes.put(type.getKey(), new Size(
                    count(type.getValue(), "vcpus", at + ".vcpus", true),
                    decimal(type.getValue(), "memoryGib", at + ".memoryGib"),
                    count(type.getValue(), "gpus", at + ".gpus", false)));
        }
        List<InstancePrice> prices = new ArrayList<>();
        JsonNode regions = object(node, "regions", path + ".regions");
        for (Map.Entry<String, JsonNode> region : regions.properties()) {
            String regionPath = path + ".regions." + region.getKey();
            if (!region.getValue().isObject()) {
                throw new IllegalArgumentException(regionPath + " must be an object of instance type to price");
            }
            for (Map.Entry<String, JsonNode> price : region.getValue().properties()) {
                String at = regionPath + "." + price.getKey();
                Size size = sizes.get(price.getKey());
                if (size == null) {
                    throw new IllegalArgumentException(at + " has a price but no size under " + path + ".types");
                }
                if (!price.getValue().isNumber()) {
                    throw new IllegalArgumentException(at + " must be a number");
                }
                prices.add(new InstancePrice(provider, region.getKey(), price.getKey(), size.vcpus(),
                        size.memoryGib(), size.gpus(), Money.requireRate(price.getValue().decimalValue(), at)));
            }
        }
        return prices;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value.asText();
    }

    private static JsonNode object(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw new IllegalArgumentException(path + " is required and must be an object");
        }
        return value;
    }

    private static BigDecimal decimal(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException(path + " is required and must be a number");
        }
        return Money.requireRate(value.decimalValue(), path);
    }

    private static int count(JsonNode node, String field, String path, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IllegalArgumentException(path + " is required");
            }
            return 0;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 0) {
            throw new IllegalArgumentException(path + " must be a whole number, zero or more");
        }
        return value.intValue();
    }
}
