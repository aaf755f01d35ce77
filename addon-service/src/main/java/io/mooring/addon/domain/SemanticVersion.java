package io.mooring.addon.domain;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Semantic Versioning 2.0.0 version. Ordered by precedence (build metadata is ignored for ordering but kept,
 * so {@code 1.0.0+a} and {@code 1.0.0+b} are different published versions that sort alike).
 */
public record SemanticVersion(long major, long minor, long patch, String preRelease, String build)
        implements Comparable<SemanticVersion> {

    /** Largest number accepted in one of the three core parts, so sort keys stay fixed-width. */
    public static final long MAX_NUMBER = 999_999_999L;

    private static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
                    + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
                    + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

    public static Optional<SemanticVersion> parse(String text) {
        if (text == null || text.length() > 128) {
            return Optional.empty();
        }
        Matcher m = SEMVER.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            long major = number(m.group(1));
            long minor = number(m.group(2));
            long patch = number(m.group(3));
            return Optional.of(new SemanticVersion(major, minor, patch, m.group(4), m.group(5)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static long number(String digits) {
        long value = Long.parseLong(digits);
        if (value > MAX_NUMBER) {
            throw new NumberFormatException(digits);
        }
        return value;
    }

    @Override
    public int compareTo(SemanticVersion other) {
        return sortKey().compareTo(other.sortKey());
    }

    /**
     * A string whose byte order (collation "C") is the version's precedence: fixed-width core numbers, then
     * {@code ~} for a release (above every pre-release) or {@code !} and the pre-release identifiers, numeric ones
     * as a length-prefixed number (below every alphanumeric one, which is prefixed with {@code z}), separated by
     * {@code !} (below every identifier character, so a shorter list of equal identifiers sorts first).
     */
    public String sortKey() {
        StringBuilder key = new StringBuilder(48);
        key.append(String.format("%09d.%09d.%09d", major, minor, patch));
        if (preRelease == null) {
            return key.append('~').toString();
        }
        for (String identifier : preRelease.split("\\.")) {
            key.append('!');
            if (identifier.chars().allMatch(Character::isDigit)) {
                String digits = new BigInteger(identifier).toString();
                key.append('0').append(String.format("%03d", digits.length())).append(digits);
            } else {
                key.append('z').append(identifier);
            }
        }
        return key.toString();
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (preRelease == null ? "" : "-" + preRelease)
                + (build == null ? "" : "+" + build);
    }
}
