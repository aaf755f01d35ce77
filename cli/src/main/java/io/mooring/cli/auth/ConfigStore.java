package io.mooring.cli.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.cli.CliException;
import io.mooring.cli.ExitCodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The config file, {@code config.json} in {@code $MOORING_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/mooring}, else
 * {@code ~/.config/mooring}. It holds tokens, so the directory is 0700 and the file 0600, written to a temporary
 * file with those permissions and moved into place: there is no moment in which another user could read it.
 */
public final class ConfigStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;

    public ConfigStore(Path dir) {
        this.dir = dir;
    }

    public static ConfigStore fromEnvironment(Map<String, String> env) {
        String explicit = env.get("MOORING_CONFIG_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return new ConfigStore(Path.of(explicit));
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".config");
        return new ConfigStore(base.resolve("mooring"));
    }

    public Path file() {
        return dir.resolve("config.json");
    }

    public Config load() {
        Path file = file();
        if (!Files.exists(file)) {
            return Config.EMPTY;
        }
        try {
            return JSON.readValue(file.toFile(), Config.class);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage()
                    + " (fix or delete it, then run mooring login)", e);
        }
    }

    public void save(Config config) {
        try {
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (!Files.isDirectory(dir)) {
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
            Path temporary = posix ? Files.createTempFile(dir, "config", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, "config", ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), config);
            Files.move(temporary, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file(), e);
        }
    }
}
