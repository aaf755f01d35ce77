package io.mooring.registry.api;

import io.mooring.events.CloudType;
import io.mooring.registry.domain.ClusterSort;
import io.mooring.registry.domain.ClusterStatus;
import io.mooring.registry.domain.ImportMode;
import io.mooring.events.KubernetesNames;
import io.mooring.registry.domain.LabelSelector;
import io.mooring.events.WireValue;
import io.mooring.registry.service.ClusterService;
import io.mooring.registry.service.Problems;
import io.mooring.support.api.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the list query parameters. They arrive as strings and are converted here, so that every bad value is
 * a 400 naming its parameter (JAX-RS would answer a failed conversion with 404), all of them at once.
 */
final class ListParameters {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final Pattern NAME_PART = Pattern.compile("[a-z0-9-]{1,63}");

    private final List<Problem.FieldError> errors = new ArrayList<>();

    private ListParameters() {
    }

    static ClusterService.ListQuery read(String project, String cloudType, String importMode, String status,
            String detectedProvider, String labelSelector, String name, String sort, String limit, String cursor) {
        ListParameters p = new ListParameters();
        ClusterService.ListQuery query = new ClusterService.ListQuery(
                p.dnsLabel("project", project),
                p.wire("cloudType", CloudType.class, cloudType),
                p.wire("importMode", ImportMode.class, importMode),
                p.wire("status", ClusterStatus.class, status),
                p.dnsLabel("detectedProvider", detectedProvider),
                p.selector(labelSelector),
                p.namePart(name),
                Optional.ofNullable(p.wire("sort", ClusterSort.class, sort)).orElse(ClusterSort.CREATED_AT),
                p.limit(limit),
                blankToNull(cursor));
        if (!p.errors.isEmpty()) {
            throw Problems.invalid(p.errors);
        }
        return query;
    }

    /** The summary's one parameter, {@code project}: null when absent, a 400 naming it when not a DNS label. */
    static String project(String project) {
        ListParameters p = new ListParameters();
        String read = p.dnsLabel("project", project);
        if (!p.errors.isEmpty()) {
            throw Problems.invalid(p.errors);
        }
        return read;
    }

    private String dnsLabel(String name, String value) {
        String v = blankToNull(value);
        if (v != null && !KubernetesNames.isDnsLabel(v)) {
            errors.add(new Problem.FieldError(name, KubernetesNames.DNS_LABEL_RULE));
            return null;
        }
        return v;
    }

    /** A part of a name: only what names hold, which also keeps LIKE's wildcards out of it. */
    private String namePart(String value) {
        String v = blankToNull(value);
        if (v != null && !NAME_PART.matcher(v).matches()) {
            errors.add(new Problem.FieldError("name", "must be 1 to 63 lower-case letters, digits or dashes"));
            return null;
        }
        return v;
    }

    private <E extends Enum<E> & WireValue> E wire(String name, Class<E> type, String value) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        return WireValue.parse(type, v).orElseGet(() -> {
            errors.add(new Problem.FieldError(name, "must be one of " + WireValue.allowed(type)));
            return null;
        });
    }

    private LabelSelector selector(String value) {
        try {
            return LabelSelector.parse(value);
        } catch (LabelSelector.InvalidSelectorException e) {
            errors.add(new Problem.FieldError("labelSelector", e.getMessage()));
            return null;
        }
    }

    private int limit(String value) {
        String v = blankToNull(value);
        if (v == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(v);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        errors.add(new Problem.FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
        return DEFAULT_LIMIT;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
