package io.mooring.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.support.api.PageCursors;
import io.mooring.support.api.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageCursorsTest {

    private final PageCursors cursors = new PageCursors("a-secret-of-this-installation");

    @Test
    void aCursorReadsBackAsThePositionItWasMadeOf() {
        String cursor = cursors.encode("profiles", "nginx-ingress", "2.1.0");
        assertThat(cursors.decode("profiles", cursor, 2)).containsExactly("nginx-ingress", "2.1.0");
        assertThat(cursors.decode("profiles", null, 2)).isNull();
        assertThat(cursors.decode("profiles", " ", 2)).isNull();
    }

    @Test
    void anEditedCursorIsRefusedNamingTheCursorParameter() {
        String cursor = cursors.encode("profiles", "a");
        byte[] bytes = Base64.getUrlDecoder().decode(cursor);
        bytes[6] ^= 1;
        String edited = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        assertRefused(() -> cursors.decode("profiles", edited, 1));
    }

    @Test
    void anUnsignedOrForeignCursorIsRefused() {
        String plainBase64 = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("c1\nnginx".getBytes(StandardCharsets.UTF_8));
        assertRefused(() -> cursors.decode("profiles", plainBase64, 1));
        String otherInstallation = new PageCursors("another-installation-secret").encode("profiles", "a");
        assertRefused(() -> cursors.decode("profiles", otherInstallation, 1));
        assertRefused(() -> cursors.decode("profiles", "%%%not-base64", 1));
    }

    @Test
    void aCursorIsOnlyGoodForTheListAndQueryItWasIssuedFor() {
        String cursor = cursors.encode("events|cluster-1|all", "x");
        assertRefused(() -> cursors.decode("events|cluster-2|all", cursor, 1));
        assertRefused(() -> cursors.decode("events|cluster-1|all", cursor, 2));
    }

    @Test
    void aShortSecretIsRejected() {
        assertThatThrownBy(() -> new PageCursors("short")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertRefused(Runnable decode) {
        assertThatThrownBy(decode::run).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.toProblem().errors()).extracting(f -> f.field()).isEqualTo(List.of("cursor"));
        });
    }
}
