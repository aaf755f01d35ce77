package io.mooring.support.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantsTest {

    private static Instant parse(String text) {
        return IsoInstants.parse(text.toCharArray(), 0, text.length());
    }

    @Test
    void readsEveryUtcInstantOfTheUsualShapeAsTheIsoFormatterDoes() {
        SplittableRandom random = new SplittableRandom(20261206);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            // Every precision from whole seconds to nanoseconds, as Instant.toString writes them and padded.
            Instant instant = Instant.ofEpochSecond(random.nextLong(first, last + 1), random.nextInt(1_000_000_000))
                    .truncatedTo(i % 4 == 0 ? ChronoUnit.SECONDS : i % 4 == 1 ? ChronoUnit.MILLIS
                            : i % 4 == 2 ? ChronoUnit.MICROS : ChronoUnit.NANOS);
            String text = instant.toString();
            assertThat(parse(text)).as(text).isEqualTo(instant).isEqualTo(Instant.parse(text));
            String padded = text.substring(0, 19) + "." + "%09d".formatted(instant.getNano()).substring(0, 1 + i % 9) + "Z";
            assertThat(parse(padded)).as(padded).isEqualTo(Instant.parse(padded));
        }
    }

    @Test
    void readsTheCalendarsEdges() {
        for (String text : new String[] {"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z",
                "2000-02-29T12:00:00Z", "2024-02-29T00:00:00Z", "1600-02-29T00:00:00Z", "0000-02-29T00:00:00Z",
                "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2026-12-31T23:59:59Z"}) {
            assertThat(parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    /** Instants of another shape, valid or not: the ISO formatter decides what they mean. */
    @ParameterizedTest
    @ValueSource(strings = {"2026-12-06T07:01:52+01:00", "2026-12-06T07:01:52.123+00:00", "2026-12-06t07:01:52z",
        "2026-12-06T07:01:52z", "2026-12-06T23:59:60Z", "2026-12-06T24:00:00Z", "2026-02-29T00:00:00Z",
        "1900-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z",
        "2026-12-00T00:00:00Z", "2026-12-06T07:60:00Z", "2026-12-06T07:01:52.Z", "2026-12-06T07:01:52.1234567890Z",
        "2026-12-06T07:01:52", "2026-12-06 07:01:52Z", "+12026-12-06T07:01:52Z", "-0001-12-06T07:01:52Z",
        "2026-12-06T07:01:5xZ", "2026/12/06T07:01:52Z", "2026-12-06T07:01:52,5Z", " 2026-12-06T07:01:52Z",
        "1733468512", "", "Z"})
    void leavesEveryOtherShapeToTheIsoFormatter(String text) {
        assertThat(parse(text)).as(text).isNull();
    }

    @Test
    void readsOnlyTheCharactersItIsGiven() {
        String text = "{\"at\":\"2026-12-06T07:01:52.5Z\",\"x\":1}";
        int from = text.indexOf('2');
        assertThat(IsoInstants.parse(text.toCharArray(), from, "2026-12-06T07:01:52.5Z".length()))
                .isEqualTo(Instant.parse("2026-12-06T07:01:52.500Z"));
    }

    @Test
    void whatItReadsTheIsoFormatterReadsAlike() {
        // Random strings of the instant's characters: whatever the fast path accepts, the formatter accepts as equal.
        SplittableRandom random = new SplittableRandom(7);
        String alphabet = "0123456789-T:.Z";
        char[] shape = "2026-12-06T07:01:52.123456Z".toCharArray();
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            char[] text = shape.clone();
            for (int j = 0; j < 2; j++) {
                text[random.nextInt(text.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            Instant read = IsoInstants.parse(text, 0, text.length);
            if (read != null) {
                accepted++;
                try {
                    assertThat(DateTimeFormatter.ISO_INSTANT.parse(new String(text), Instant::from))
                            .as(new String(text)).isEqualTo(read);
                } catch (DateTimeParseException e) {
                    throw new AssertionError("read here, refused by the ISO formatter: " + new String(text), e);
                }
            }
        }
        assertThat(accepted).isGreaterThan(10_000);
    }
}
