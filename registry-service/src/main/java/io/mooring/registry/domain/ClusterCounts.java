package io.mooring.registry.domain;

import io.mooring.events.CloudType;
import io.mooring.events.WireValue;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet at a glance: how many clusters are in each status, import mode, declared cloud type and detected
 * provider. Every status, mode and cloud type is present, zero or not, so that a chart or a script finds the same
 * keys whatever the fleet holds; detected providers are open-ended (whatever agents report), most frequent first,
 * with {@value #NOT_DETECTED} for clusters whose agent has not reported yet.
 */
public record ClusterCounts(long total, Map<String, Long> byStatus, Map<String, Long> byImportMode,
        Map<String, Long> byCloudType, Map<String, Long> byDetectedProvider) {

    public static final String NOT_DETECTED = "not-detected";

    /** How many clusters share one combination of the four: a row of the database's GROUP BY. */
    public record Group(ClusterStatus status, ImportMode importMode, CloudType cloudType, String detectedProvider,
            long count) {
    }

    public static ClusterCounts of(List<Group> groups) {
        Map<String, Long> byStatus = zeroes(ClusterStatus.class);
        Map<String, Long> byImportMode = zeroes(ImportMode.class);
        Map<String, Long> byCloudType = zeroes(CloudType.class);
        Map<String, Long> providers = new LinkedHashMap<>();
        long total = 0;
        for (Group group : groups) {
            total += group.count();
            byStatus.merge(group.status().wire(), group.count(), Long::sum);
            byImportMode.merge(group.importMode().wire(), group.count(), Long::sum);
            byCloudType.merge(group.cloudType().wire(), group.count(), Long::sum);
            providers.merge(group.detectedProvider() == null ? NOT_DETECTED : group.detectedProvider(),
                    group.count(), Long::sum);
        }
        Map<String, Long> byDetectedProvider = new LinkedHashMap<>();
        providers.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> byDetectedProvider.put(e.getKey(), e.getValue()));
        return new ClusterCounts(total, byStatus, byImportMode, byCloudType, byDetectedProvider);
    }

    private static <E extends Enum<E> & WireValue> Map<String, Long> zeroes(Class<E> type) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (E value : type.getEnumConstants()) {
            counts.put(value.wire(), 0L);
        }
        return counts;
    }
}
