package io.mooring.cost.service;

import io.mooring.events.KubernetesNames;
import io.mooring.support.api.Problem;
import io.mooring.support.api.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report's parameters, checked: the window [from, to) in whole UTC hours, what to group by, the step.
 *
 * <ul>
 * <li>{@code window=Nh} is the last N hours up to the end of the current hour; {@code window=Nd} the last N
 *     days up to the end of the current UTC day (today counts as one), so day windows are whole days.</li>
 * <li>{@code from}/{@code to} are ISO-8601 instants ({@code 2026-03-01T00:00:00Z}), date-times with an offset,
 *     or dates (midnight UTC); {@code to} defaults to the end of the current hour. They are widened to whole
 *     hours, since cost accrues by the hour; the report states the window it covers.</li>
 * <li>Neither: the last 7 days.</li>
 * </ul>
 * Every invalid parameter is named in one 400 problem.
 */
public record ReportSpec(Instant from, Instant to, String window, Aggregate aggregate, String labelKey, Step step) {

    private static final Pattern WINDOW = Pattern.compile("([1-9][0-9]{0,5})([hd])");
    static final String DEFAULT_WINDOW = "7d";

    public static ReportSpec parse(String window, String from, String to, String aggregate, String step,
            Aggregate defaultAggregate, int maxDays, Instant now) {
        window = blank(window);
        from = blank(from);
        to = blank(to);
        aggregate = blank(aggregate);
        step = blank(step);
        List<Problem.FieldError> errors = new ArrayList<>();
        Instant start = null;
        Instant end = null;
        String label = null;
        boolean range = from != null || to != null;
        if (range && window != null) {
            errors.add(new Problem.FieldError("window", "give either window or from/to, not both"));
        } else if (range) {
            Instant parsedFrom = from == null ? null : instant("from", from, errors);
            Instant parsedTo = to == null ? ceilHour(now) : instant("to", to, errors);
            if (from == null) {
                errors.add(new Problem.FieldError("from", "is required when to is given"));
            } else if (parsedFrom != null && parsedTo != null) {
                if (!parsedFrom.isBefore(parsedTo)) {
                    errors.add(new Problem.FieldError("from", "must be before to"));
                } else {
                    start = parsedFrom.truncatedTo(ChronoUnit.HOURS);
                    end = ceilHour(parsedTo);
                }
            }
        } else {
            String text = window == null ? DEFAULT_WINDOW : window.trim();
            Matcher m = WINDOW.matcher(text);
            if (!m.matches()) {
                errors.add(new Problem.FieldError("window", "must be a number of hours or days such as 24h, 7d or 30d"));
            } else {
                long n = Long.parseLong(m.group(1));
                if (m.group(2).equals("h")) {
                    end = ceilHour(now);
                    start = end.minus(Duration.ofHours(n));
                } else {
                    end = now.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
                    start = end.minus(Duration.ofDays(n));
                }
                window = text;
            }
        }
        if (start != null && end != null && Duration.between(start, end).compareTo(Duration.ofDays(maxDays)) > 0) {
            errors.add(new Problem.FieldError(range ? "from" : "window",
                    "the window may cover at most " + maxDays + " days"));
        }

        Aggregate by = defaultAggregate;
        if (aggregate != null) {
            String text = aggregate.trim();
            if (text.startsWith("label:")) {
                label = text.substring("label:".length());
                if (!KubernetesNames.isLabelKey(label)) {
                    errors.add(new Problem.FieldError("aggregate", "label:<key> needs a valid Kubernetes label key"));
                }
                by = Aggregate.LABEL;
            } else {
                by = Aggregate.of(text).orElse(null);
                if (by == null) {
                    errors.add(new Problem.FieldError("aggregate", Aggregate.EXPECTED));
                }
            }
        }

        Step stepBy = null;
        if (step != null) {
            switch (step.trim()) {
                case "hour" -> stepBy = Step.HOUR;
                case "day" -> stepBy = Step.DAY;
                default -> errors.add(new Problem.FieldError("step", "must be hour or day"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "invalid-request", "Invalid request", "The request is not valid.", errors);
        }
        return new ReportSpec(start, end, range ? null : window, by, label, stepBy);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static Instant ceilHour(Instant instant) {
        Instant floor = instant.truncatedTo(ChronoUnit.HOURS);
        return floor.equals(instant) ? floor : floor.plus(1, ChronoUnit.HOURS);
    }

    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");

    private static Instant instant(String field, String text, List<Problem.FieldError> errors) {
        String value = text.trim();
        Instant parsed = null;
        try {
            parsed = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                parsed = LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                errors.add(new Problem.FieldError(field,
                        "must be an ISO-8601 date-time with an offset (2026-03-01T00:00:00Z) or a date (2026-03-01)"));
                return null;
            }
        }
        if (parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST)) {
            errors.add(new Problem.FieldError(field, "must be between 1970 and 9999"));
            return null;
        }
        return parsed;
    }
}
