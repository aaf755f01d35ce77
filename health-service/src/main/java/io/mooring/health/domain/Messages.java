package io.mooring.health.domain;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/** Text helpers shared by the checks, so every message lists, pluralises and truncates the same way. */
final class Messages {

    /** Messages end up in the history table, in events and in UIs; a 30,000-pod cluster must not write an essay. */
    static final int MAX_MESSAGE_LENGTH = 1000;

    /**
     * Orders names as people read them: "node-2" before "node-10" (runs of digits compare as numbers), nulls
     * last. Sorting keeps messages stable between reports, so they do not appear to change when nothing did.
     */
    static final Comparator<String> NATURAL_ORDER = Comparator.nullsLast(Messages::compareNatural);

    private Messages() {
    }

    private static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                String na = stripLeadingZeros(a.substring(i, endA));
                String nb = stripLeadingZeros(b.substring(j, endB));
                int cmp = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (cmp != 0) {
                    return cmp;
                }
                i = endA;
                j = endB;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int remaining = Integer.compare(a.length() - i, b.length() - j);
        // Equal by the rules above ("n01" and "n1"): fall back to plain order so distinct names never tie.
        return remaining != 0 ? remaining : a.compareTo(b);
    }

    private static int digitsEnd(String s, int from) {
        int end = from;
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    private static String stripLeadingZeros(String digits) {
        int k = 0;
        while (k < digits.length() - 1 && digits.charAt(k) == '0') {
            k++;
        }
        return digits.substring(k);
    }

    /** "a", "a and b", "a, b and c", or "a, b, c and 7 more" when there are more than {@code max}. */
    static String list(List<String> items, int max) {
        if (items.isEmpty()) {
            return "";
        }
        int shown = Math.min(items.size(), Math.max(1, max));
        int rest = items.size() - shown;
        List<String> head = items.subList(0, shown);
        if (rest > 0) {
            return String.join(", ", head) + " and " + rest + " more";
        }
        if (head.size() == 1) {
            return head.get(0);
        }
        return String.join(", ", head.subList(0, head.size() - 1)) + " and " + head.get(head.size() - 1);
    }

    static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    /** Coarse on purpose: "45s", "14m", "2h 5m", "3d 4h"; nobody reads seconds of a day-long outage. */
    static String duration(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return hours + "h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + "m");
        }
        long days = hours / 24;
        return days + "d" + (hours % 24 == 0 ? "" : " " + hours % 24 + "h");
    }

    static String cap(String message) {
        if (message == null || message.length() <= MAX_MESSAGE_LENGTH) {
            return message;
        }
        return message.substring(0, MAX_MESSAGE_LENGTH - 1) + "…";
    }

    static String orUnknown(String value) {
        return value == null || value.isBlank() ? "unknown" : value;
    }
}
