package io.mooring.health.domain;

import static io.mooring.health.domain.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mooring.events.agent.ClusterEvent;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventFilterTest {

    private static final Instant T0 = NOW.minus(Duration.ofHours(2));

    /** BackOff on shop/Pod/cart-7, happening from T0 to T0 + 1h. */
    private static final EventEntry ENTRY = EventEntry.from(new ClusterEvent("u", "Warning", "BackOff", "m", "shop",
            "Pod", "cart-7", "kubelet", 4, T0, T0.plus(Duration.ofHours(1))), NOW);

    @Test
    void emptyFilterMatchesEverything() {
        assertThat(EventFilter.ALL.matches(ENTRY)).isTrue();
        assertThat(new EventFilter(" ", "", null, null, null, null, null)).isEqualTo(EventFilter.ALL);
    }

    @Test
    void eachCriterionNarrowsTheMatch() {
        assertThat(filter("Warning", "BackOff", "shop", "Pod", "cart-7").matches(ENTRY)).isTrue();
        assertThat(filter("Normal", null, null, null, null).matches(ENTRY)).isFalse();
        assertThat(filter(null, "Failed", null, null, null).matches(ENTRY)).isFalse();
        assertThat(filter(null, null, "default", null, null).matches(ENTRY)).isFalse();
        assertThat(filter(null, null, null, "Deployment", null).matches(ENTRY)).isFalse();
        assertThat(filter(null, null, null, null, "cart-8").matches(ENTRY)).isFalse();
    }

    @Test
    void typeIsCaseInsensitiveAndCanonicalised() {
        assertThat(filter("warning", null, null, null, null).type()).isEqualTo("Warning");
    }

    @Test
    void timeRangeSelectsEntriesWhoseActivityOverlapsIt() {
        Instant start = T0;
        Instant end = T0.plus(Duration.ofHours(1));

        assertThat(range(start.minusSeconds(60), start.plusSeconds(60)).matches(ENTRY)).as("overlaps the start").isTrue();
        assertThat(range(start.plusSeconds(600), start.plusSeconds(900)).matches(ENTRY)).as("inside the span").isTrue();
        assertThat(range(end, end.plusSeconds(60)).matches(ENTRY)).as("from is inclusive").isTrue();
        assertThat(range(end.plusMillis(1), end.plusSeconds(60)).matches(ENTRY)).as("after it").isFalse();
        assertThat(range(start.minusSeconds(60), start).matches(ENTRY)).as("to is exclusive").isFalse();
        assertThat(new EventFilter(null, null, null, null, null, null, start.plusSeconds(1)).matches(ENTRY)).isTrue();
    }

    @Test
    void everyInvalidFieldIsReportedAtOnce() {
        InvalidQueryException e = catchThrowableOfType(InvalidQueryException.class,
                () -> new EventFilter("Error", "x".repeat(129), "Not_A_Namespace", "pod/x", "a\nb", NOW, NOW));

        assertThat(e.errors()).extracting(InvalidQueryException.FieldError::field)
                .containsExactly("type", "reason", "namespace", "objectKind", "objectName", "to");
        assertThat(e.errors().get(0).message()).isEqualTo("must be Normal or Warning");
    }

    @Test
    void fromMustBeBeforeTo() {
        assertThatThrownBy(() -> range(NOW, NOW.minusSeconds(1)))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessage("to: must be after from");
    }

    @Test
    void tooLongNamesAreRefused() {
        assertThatThrownBy(() -> filter(null, null, "a".repeat(64), null, null)).isInstanceOf(InvalidQueryException.class);
        assertThatThrownBy(() -> filter(null, null, null, null, "a".repeat(254))).isInstanceOf(InvalidQueryException.class);
        assertThat(filter(null, null, "a".repeat(63), null, "system:node:" + "a".repeat(200)).namespace()).hasSize(63);
    }

    @Test
    void queryParametersAreParsedWithBadTimestampsReportedAlongsideOtherErrors() {
        EventFilter parsed = EventFilter.fromQuery("Warning", "BackOff", "shop", "Pod", "cart-7",
                "2025-06-01T10:00:00Z", "2025-06-01T11:00:00Z");
        assertThat(parsed.from()).isEqualTo(Instant.parse("2025-06-01T10:00:00Z"));

        InvalidQueryException e = catchThrowableOfType(InvalidQueryException.class,
                () -> EventFilter.fromQuery("Bad", null, null, null, null, "yesterday", null));
        assertThat(e.errors()).extracting(InvalidQueryException.FieldError::field).containsExactly("from", "type");
        assertThat(e).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalFiltersHaveEqualFingerprintsAndDifferentOnesDiffer() {
        assertThat(filter("warning", "BackOff", null, null, null).fingerprint())
                .isEqualTo(filter("Warning", " BackOff ", "", null, null).fingerprint());
        assertThat(filter(null, "BackOff", null, null, null).fingerprint())
                .isNotEqualTo(filter(null, null, null, null, "BackOff").fingerprint());
    }

    private static EventFilter filter(String type, String reason, String namespace, String kind, String name) {
        return new EventFilter(type, reason, namespace, kind, name, null, null);
    }

    private static EventFilter range(Instant from, Instant to) {
        return new EventFilter(null, null, null, null, null, from, to);
    }
}
