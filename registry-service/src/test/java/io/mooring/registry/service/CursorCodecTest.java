package io.mooring.registry.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.registry.domain.PagePosition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorCodecTest {

    private final CursorCodec codec = new CursorCodec("one key".getBytes(StandardCharsets.UTF_8));

    @Test
    void aCursorReadsBackAsThePositionItWasMadeFrom() {
        PagePosition position = new PagePosition(Instant.parse("2026-11-25T10:00:00.123456Z"), UUID.randomUUID());
        String cursor = codec.encode(position);
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(codec.decode(cursor)).contains(position);
    }

    @Test
    void anAlteredForeignOrGarbageCursorIsRefused() {
        String cursor = codec.encode(new PagePosition(Instant.now(), UUID.randomUUID()));
        byte[] bytes = Base64.getUrlDecoder().decode(cursor);
        bytes[3] ^= 1;
        assertThat(codec.decode(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))).isEmpty();
        assertThat(new CursorCodec("another key".getBytes(StandardCharsets.UTF_8)).decode(cursor)).isEmpty();
        assertThat(codec.decode("garbage")).isEmpty();
        assertThat(codec.decode("!!!")).isEmpty();
        assertThat(codec.decode("")).isEmpty();
        assertThat(codec.decode("A".repeat(500))).isEmpty();
    }
}
