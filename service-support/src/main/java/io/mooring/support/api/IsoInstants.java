package io.mooring.support.api;

import java.time.Instant;
import java.time.Month;
import java.time.Year;

/**
 * Reads the one shape of instant that agents and clients send nearly always, {@code 2026-12-06T07:01:52.123456Z}
 * (UTC, a four-digit year, zero to nine fraction digits), by hand. Anything else, including a valid instant of
 * another shape (an offset, a lower-case {@code z}, a leap second), is not read here: the caller falls back to
 * {@link java.time.format.DateTimeFormatter#ISO_INSTANT}, which decides what it means or that it is an error.
 * Under agent load the formatter was 7 % of health-service's CPU (twenty instants in an event batch): it keeps a
 * map of parsed fields per instant and resolves them in several passes.
 */
public final class IsoInstants {

    private static final int SHORTEST = "2026-12-06T07:01:52Z".length();
    private static final int LONGEST = "2026-12-06T07:01:52.123456789Z".length();

    private IsoInstants() {
    }

    /** The instant {@code text[offset, offset + length)} names, or null when it is not of the shape read here. */
    public static Instant parse(char[] text, int offset, int length) {
        // SHORTEST + 1 is "...52.Z", a point without digits: whether ISO_INSTANT takes that is its own rule to keep.
        if (length < SHORTEST || length > LONGEST || length == SHORTEST + 1) {
            return null;
        }
        int at = offset;
        int year = digits(text, at, 4);
        int month = digits(text, at + 5, 2);
        int day = digits(text, at + 8, 2);
        int hour = digits(text, at + 11, 2);
        int minute = digits(text, at + 14, 2);
        int second = digits(text, at + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59
                || text[at + 4] != '-' || text[at + 7] != '-' || text[at + 10] != 'T' || text[at + 13] != ':'
                || text[at + 16] != ':' || text[at + length - 1] != 'Z'
                || day > Month.of(month).length(Year.isLeap(year))) {
            return null;
        }
        int nanos = 0;
        if (length > SHORTEST) {
            if (text[at + 19] != '.') {
                return null;
            }
            int fractionDigits = length - SHORTEST - 1;
            int fraction = digits(text, at + 20, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        long epochSecond = epochDay(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /** The value of {@code count} decimal digits from {@code from}, or -1 when one of them is not a digit. */
    private static int digits(char[] text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Days since 1970-01-01 of a valid date in the proleptic Gregorian calendar (as {@code LocalDate.toEpochDay}). */
    private static long epochDay(int year, int month, int day) {
        // Counted from March, so that the leap day is the last day of the counting year.
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }
}
