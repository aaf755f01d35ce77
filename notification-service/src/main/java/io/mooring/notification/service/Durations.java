package io.mooring.notification.service;

import io.mooring.support.api.ProblemException;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/** An ISO-8601 duration a caller gives in a body field, bounded; what is wrong with it is a 400 naming the field. */
final class Durations {

    private Durations() {
    }

    /**
     * @param fallback what an absent value means
     * @param max the longest allowed, named in the refusal as {@code maxText} (e.g. P7D rather than PT168H)
     * @param example a valid value, for the refusal of one that is no duration
     */
    static Duration bounded(String field, String value, Duration fallback, Duration max, String maxText,
            String example) {
        if (value == null) {
            return fallback;
        }
        Duration duration;
        try {
            duration = Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be an ISO-8601 duration, e.g. " + example);
        }
        if (duration.isNegative() || duration.compareTo(max) > 0) {
            throw ProblemException.invalid(field, "must be between PT0S and " + maxText);
        }
        return duration;
    }
}
