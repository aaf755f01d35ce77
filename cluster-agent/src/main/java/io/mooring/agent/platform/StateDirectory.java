package io.mooring.agent.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The agent's only writable place besides /tmp (an emptyDir in the manifest): the stored credential, the marker
 * that the cluster was deleted, and the kinds the applier has ever applied. Files are written to a temporary name
 * and moved into place, readable by the agent's user only.
 */
public final class StateDirectory {

    static final String CREDENTIAL = "credential.json";
    static final String STOPPED = "stopped.json";
    public static final String STOPPED_FILE = STOPPED;
    public static final String APPLIED_KINDS_FILE = "applied-kinds.json";
    static final String EVENTS_DELIVERED = "events-delivered.json";

    /** Every event last seen before {@code lastSeen} is with the platform. */
    public record EventsDelivered(Instant lastSeen) {
    }

    /**
     * The credential as stored: what the registry answered, when it was obtained, and a hash of the import token
     * it was obtained with (a different token in the Secret means a new import).
     */
    public record StoredCredential(UUID clusterId, String accessToken, Instant expiresAt, String refreshSecret, Instant obtainedAt,
            String importTokenHash) {
        /** Secrets stay out of logs and exception messages. */
        @Override
        public String toString() {
            return "StoredCredential[clusterId=" + clusterId + ", expiresAt=" + expiresAt + ", obtainedAt=" + obtainedAt + "]";
        }
    }

    /** Why the agent stopped for good, and for which import. */
    public record Stopped(String reason, Instant at, String importTokenHash) {
    }

    private final Path directory;
    private final ObjectMapper json;

    public StateDirectory(Path directory, ObjectMapper json) {
        this.directory = directory;
        this.json = json;
    }

    public Path path() {
        return directory;
    }

    /**
     * The state directory to use: {@code preferred} when the agent can write there, otherwise a directory under
     * {@code java.io.tmpdir} (an emptyDir in the import manifest), so that a manifest without a volume at the
     * preferred path still keeps the credential across container restarts of the same pod.
     */
    public static Path usable(Path preferred) {
        if (writable(preferred)) {
            return preferred;
        }
        Path fallback = Path.of(System.getProperty("java.io.tmpdir"), "mooring-agent");
        if (writable(fallback)) {
            Logger.getLogger(StateDirectory.class).warnf(
                    "The state directory %s is not writable; keeping the agent's state in %s instead", preferred, fallback);
            return fallback;
        }
        return preferred;
    }

    private static boolean writable(Path directory) {
        try {
            Files.createDirectories(directory);
            Path probe = Files.createTempFile(directory, ".probe", ".tmp");
            Files.delete(probe);
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    public Optional<StoredCredential> credential() {
        return read(CREDENTIAL, StoredCredential.class);
    }

    public void credential(StoredCredential credential) {
        write(CREDENTIAL, credential);
    }

    public Optional<Stopped> stopped() {
        return read(STOPPED, Stopped.class);
    }

    public void stopped(Stopped stopped) {
        write(STOPPED, stopped);
    }

    public Optional<Instant> eventsDelivered() {
        return read(EVENTS_DELIVERED, EventsDelivered.class).map(EventsDelivered::lastSeen);
    }

    public void eventsDelivered(Instant lastSeen) {
        write(EVENTS_DELIVERED, new EventsDelivered(lastSeen));
    }

    public void delete(String name) {
        try {
            Files.deleteIfExists(directory.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + name + " in the state directory " + directory, e);
        }
    }

    public <T> Optional<T> read(String name, Class<T> type) {
        Path file = directory.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(json.readValue(file.toFile(), type));
        } catch (IOException e) {
            // A torn or foreign file is as good as none: the agent registers or starts afresh.
            return Optional.empty();
        }
    }

    public void write(String name, Object value) {
        try {
            Files.createDirectories(directory);
            Path target = directory.resolve(name);
            Path temporary = Files.createTempFile(directory, "." + name, ".tmp");
            try {
                restrict(temporary);
                Files.write(temporary, json.writeValueAsString(value).getBytes(StandardCharsets.UTF_8));
                try {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name + " in the state directory " + directory, e);
        }
    }

    private static void restrict(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** A one-way hash of an import token: enough to tell a new token from the one already used. */
    public static String hash(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
