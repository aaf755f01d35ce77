package io.mooring.agent.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.agent.platform.StateDirectory.StoredCredential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoryTest {

    @Test
    void keepsTheCredentialReadableByTheAgentOnly(@TempDir Path dir) throws Exception {
        StateDirectory state = new StateDirectory(dir.resolve("state"), PlatformJson.mapper());
        StoredCredential credential = new StoredCredential(UUID.randomUUID(), "jwt", Instant.parse("2026-11-01T10:00:00Z"), "secret",
                Instant.parse("2026-11-01T09:45:00Z"), StateDirectory.hash("import-token"));

        state.credential(credential);

        assertThat(state.credential()).contains(credential);
        assertThat(Files.getPosixFilePermissions(dir.resolve("state/credential.json")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (var files = Files.list(dir.resolve("state"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("credential.json");
        }
    }

    @Test
    void aTornFileIsAsGoodAsNone(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("credential.json"), "{\"clusterId\":");
        assertThat(new StateDirectory(dir, PlatformJson.mapper()).credential()).isEmpty();
    }

    @Test
    void fallsBackToTheTemporaryDirectoryWhenThePreferredOneIsNotWritable() {
        // A read-only root filesystem without a volume at the state directory: /tmp is the emptyDir that remains.
        Path unwritable = Path.of("/dev/null/mooring-agent");

        Path used = StateDirectory.usable(unwritable);

        assertThat(used).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "mooring-agent"));
    }

    @Test
    void theImportTokenIsNeverStoredOnlyItsHash() {
        assertThat(StateDirectory.hash("import-token")).hasSize(64).doesNotContain("import-token");
        assertThat(StateDirectory.hash(null)).isNull();
    }
}
