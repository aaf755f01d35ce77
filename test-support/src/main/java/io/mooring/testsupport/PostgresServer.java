package io.mooring.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The PostgreSQL server the tests and the local stack use (a real one, 127.0.0.1:5432 by default). Each
 * caller gets databases of its own, so runs never see each other's data.
 * Overridable with {@code MOORING_PG_HOST}, {@code MOORING_PG_PORT}, {@code MOORING_PG_USER} and
 * {@code MOORING_PG_PASSWORD}.
 */
public final class PostgresServer {

    /** Whether bin/ensure-postgres was tried already in this JVM (it is tried at most once). */
    private static final AtomicBoolean ENSURED = new AtomicBoolean();

    private final String host;
    private final int port;
    private final String user;
    private final String password;

    public PostgresServer(String host, int port, String user, String password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    public static PostgresServer fromEnvironment() {
        Map<String, String> env = System.getenv();
        return new PostgresServer(
                env.getOrDefault("MOORING_PG_HOST", "127.0.0.1"),
                Integer.parseInt(env.getOrDefault("MOORING_PG_PORT", "5432")),
                env.getOrDefault("MOORING_PG_USER", "postgres"),
                env.getOrDefault("MOORING_PG_PASSWORD", ""));
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Creates a new, empty database named after {@code prefix} and a random suffix; returns its name. */
    public String createDatabase(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .toLowerCase(Locale.ROOT);
        createDatabaseNamed(name);
        return name;
    }

    /** Creates the database unless it exists already (the local stack keeps its data between runs). */
    public void ensureDatabase(String name) {
        try (Connection connection = adminConnection();
                var rs = connection.createStatement()
                        .executeQuery("select 1 from pg_database where datname = '" + checkName(name) + "'")) {
            if (!rs.next()) {
                createDatabaseNamed(name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
    }

    public void dropDatabase(String name) {
        try (Connection connection = adminConnection(); Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + checkName(name) + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop database " + name, e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    private void createDatabaseNamed(String name) {
        try (Connection connection = adminConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create database " + checkName(name));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
    }

    private Connection adminConnection() {
        DriverManager.setLoginTimeout(5);
        try {
            return DriverManager.getConnection(jdbcUrl("postgres"), user, password);
        } catch (SQLException first) {
            // A fresh machine: bin/ensure-postgres finds, starts or installs the server (once per JVM), then retry.
            if (ENSURED.compareAndSet(false, true) && ensurePostgres()) {
                try {
                    return DriverManager.getConnection(jdbcUrl("postgres"), user, password);
                } catch (SQLException again) {
                    throw unreachable(again);
                }
            }
            throw unreachable(first);
        }
    }

    /** Runs the repository's bin/ensure-postgres (looked for from the working directory up), if there is one. */
    private static boolean ensurePostgres() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve("bin/ensure-postgres");
            if (Files.isExecutable(script)) {
                try {
                    Process process = new ProcessBuilder(script.toString()).inheritIO().start();
                    return process.waitFor(10, TimeUnit.MINUTES) && process.exitValue() == 0;
                } catch (IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    private IllegalStateException unreachable(SQLException e) {
        return new IllegalStateException("""
                PostgreSQL is not reachable at %s:%d as user '%s' (%s).
                Mooring's tests and local stack need a real PostgreSQL server: bin/ensure-postgres finds, starts or
                (as root on Debian/Ubuntu) installs one, and says what to do when it cannot. Or point MOORING_PG_HOST,
                MOORING_PG_PORT, MOORING_PG_USER and MOORING_PG_PASSWORD at a server you have."""
                .formatted(host, port, user, e.getMessage()), e);
    }

    private static String checkName(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Not a safe database name: " + name);
        }
        return name;
    }
}
