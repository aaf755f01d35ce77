package io.mooring.health.domain;

import static io.mooring.health.domain.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EventCursorCodecTest {

    private static final UUID CLUSTER = UUID.fromString("5f0c6a0e-2b7e-4c1f-9f4e-1d2a3b4c5d6e");
    private static final EventFilter FILTER = new EventFilter("Warning", null, "shop", null, null, null, null);

    private final EventCursorCodec codec = EventCursorCodec.withSecret("a secret shared by every instance");
    private final EventCursor cursor = new EventCursor(Instant.parse("2025-06-01T11:59:58.123456789Z"),
            UUID.fromString("f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9"));

    @Test
    void cursorSurvivesTheRoundTripToTheNanosecond() {
        String token = codec.encode(cursor, CLUSTER, FILTER);

        assertThat(codec.decode(token, CLUSTER, FILTER)).isEqualTo(cursor);
    }

    @Test
    void tokenIsUrlSafeAndShort() {
        String token = codec.encode(cursor, CLUSTER, FILTER);

        assertThat(token).matches("[A-Za-z0-9_-]+").hasSizeLessThan(80);
    }

    @Test
    void everySingleCharacterChangeIsRejected() {
        String token = codec.encode(cursor, CLUSTER, FILTER);

        for (int i = 0; i < token.length(); i++) {
            char replacement = token.charAt(i) == 'A' ? 'B' : 'A';
            String tampered = token.substring(0, i) + replacement + token.substring(i + 1);
            assertThatThrownBy(() -> codec.decode(tampered, CLUSTER, FILTER))
                    .as("changed at %d", i)
                    .isInstanceOf(InvalidCursorException.class);
        }
    }

    @Test
    void forgedPositionWithoutTheSecretIsRejected() {
        byte[] bytes = Base64.getUrlDecoder().decode(codec.encode(cursor, CLUSTER, FILTER));
        bytes[5] ^= 0x01; // move lastSeen by a few seconds, keep the old signature
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

        assertThatThrownBy(() -> codec.decode(forged, CLUSTER, FILTER)).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void cursorOfAnotherClusterOrQueryIsRejected() {
        String token = codec.encode(cursor, CLUSTER, FILTER);

        assertThatThrownBy(() -> codec.decode(token, UUID.randomUUID(), FILTER)).isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> codec.decode(token, CLUSTER, EventFilter.ALL)).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void noFilterIsTheSameQueryAsTheEmptyFilter() {
        String token = codec.encode(cursor, CLUSTER, null);

        assertThat(codec.decode(token, CLUSTER, EventFilter.ALL)).isEqualTo(cursor);
    }

    @Test
    void cursorIssuedWithAnotherSecretIsRejected() {
        String token = EventCursorCodec.withSecret("another secret of enough length").encode(cursor, CLUSTER, FILTER);

        assertThatThrownBy(() -> codec.decode(token, CLUSTER, FILTER)).isInstanceOf(InvalidCursorException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"not-a-cursor", "!!!!", "eyJsYXN0U2VlbiI6IjIwMjUtMDYtMDFUMTI6MDA6MDBaIn0"})
    void garbageIsRejected(String token) {
        assertThatThrownBy(() -> codec.decode(token, CLUSTER, FILTER)).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void paddedOrOversizedVariantsOfAValidTokenAreRejected() {
        String token = codec.encode(cursor, CLUSTER, FILTER);

        assertThatThrownBy(() -> codec.decode(token + "==", CLUSTER, FILTER)).isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> codec.decode(token + "A", CLUSTER, FILTER)).isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> codec.decode(token.substring(1), CLUSTER, FILTER)).isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> codec.decode("x".repeat(100_000), CLUSTER, FILTER)).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void rejectionNamesTheCursorFieldForTheProblemResponse() {
        InvalidCursorException e = catchThrowableOfType(InvalidCursorException.class,
                () -> codec.decode("tampered", CLUSTER, FILTER));

        assertThat(e).isInstanceOf(InvalidQueryException.class);
        assertThat(e.errors()).extracting(InvalidQueryException.FieldError::field).containsExactly("cursor");
        assertThat(e.getMessage()).doesNotContain("HMAC", "signature", "Base64");
    }

    @Test
    void shortSecretsAreRefused() {
        assertThatThrownBy(() -> new EventCursorCodec("short".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pagingWithCursorsVisitsEveryEntryOnceNewestFirst() {
        // 25 entries, several sharing a lastSeen, ids whose signed and unsigned orders differ.
        List<EventCursor> rows = IntStream.range(0, 25)
                .mapToObj(i -> new EventCursor(NOW.minusSeconds(i / 3), new UUID((long) i * 0x1234_5678_9abc_def1L, i)))
                .collect(Collectors.toCollection(ArrayList::new));
        List<EventCursor> expected = rows.stream().sorted(EventCursor.NEWEST_FIRST).toList();

        List<EventCursor> visited = new ArrayList<>();
        String token = null;
        do {
            EventCursor after = token == null ? null : codec.decode(token, CLUSTER, FILTER);
            List<EventCursor> page = rows.stream()
                    .filter(r -> after == null || after.precedes(r.lastSeen(), r.id()))
                    .sorted(EventCursor.NEWEST_FIRST)
                    .limit(4)
                    .toList();
            visited.addAll(page);
            token = page.size() < 4 ? null : codec.encode(page.get(page.size() - 1), CLUSTER, FILTER);
        } while (token != null);

        assertThat(visited).containsExactlyElementsOf(expected);
    }

    @Test
    void idsTieBreakInTheDatabasesUnsignedOrder() {
        UUID low = UUID.fromString("00000000-0000-4000-8000-000000000000");
        UUID high = UUID.fromString("ffffffff-0000-4000-8000-000000000000"); // negative as a signed long
        var a = new EventCursor(NOW, low);
        var b = new EventCursor(NOW, high);

        assertThat(high.compareTo(low)).as("java.util.UUID compares signed").isNegative();
        assertThat(List.of(a, b).stream().sorted(EventCursor.NEWEST_FIRST).toList()).containsExactly(b, a);
        assertThat(b.precedes(NOW, low)).isTrue();
        assertThat(a.precedes(NOW, high)).isFalse();
        assertThat(new EventCursor(NOW, low).precedes(NOW.minusNanos(1), high)).isTrue();
    }
}
