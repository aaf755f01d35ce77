package io.mooring.agent.domain;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Drift detection: the part of a live object that the applier set, i.e. the live values at the paths of the
 * desired object (maps are followed key by key; lists and scalars are taken whole). Right after an apply the
 * projection of the server's answer is recorded; a later projection of the live object that differs means someone
 * else changed what Mooring owns. Comparing projections, not the desired object itself, keeps the server's
 * normalisation (quantities, defaults inside list items) from looking like drift. {@code status} and the server's
 * metadata are not compared; labels and annotations are.
 */
public final class Projection {

    /** Stands for a path the live object lacks. */
    public static final String ABSENT = "\u0000absent";

    private Projection() {
    }

    public static Map<String, Object> of(Map<String, Object> desired, Map<String, Object> live) {
        Map<String, Object> projection = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : desired.entrySet()) {
            String key = entry.getKey();
            if ("status".equals(key)) {
                continue;
            }
            if ("metadata".equals(key)) {
                Map<String, Object> desiredMeta = asMap(entry.getValue());
                Map<String, Object> liveMeta = live == null ? null : asMap(live.get("metadata"));
                Map<String, Object> meta = new LinkedHashMap<>();
                for (String part : List.of("labels", "annotations")) {
                    if (desiredMeta != null && desiredMeta.get(part) instanceof Map<?, ?>) {
                        meta.put(part, project(desiredMeta.get(part), liveMeta == null ? null : liveMeta.get(part), liveMeta != null && liveMeta.containsKey(part)));
                    }
                }
                projection.put(key, meta);
                continue;
            }
            projection.put(key, project(entry.getValue(), live == null ? null : live.get(key), live != null && live.containsKey(key)));
        }
        return projection;
    }

    public static boolean same(Map<String, Object> recorded, Map<String, Object> current) {
        return Objects.equals(normalise(recorded), normalise(current));
    }

    private static Object project(Object desired, Object live, boolean present) {
        if (!present) {
            return ABSENT;
        }
        if (desired instanceof Map<?, ?> desiredMap && live instanceof Map<?, ?> liveMap) {
            Map<String, Object> projected = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : desiredMap.entrySet()) {
                String key = String.valueOf(entry.getKey());
                projected.put(key, project(entry.getValue(), liveMap.get(key), liveMap.containsKey(key)));
            }
            return projected;
        }
        return live;
    }

    /** Numbers compare by value: 1 and 1.0 and 1L are the same setting. */
    private static Object normalise(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), normalise(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Projection::normalise).toList();
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros();
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }
}
