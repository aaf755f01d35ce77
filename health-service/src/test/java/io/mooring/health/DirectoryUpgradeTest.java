package io.mooring.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.testsupport.PostgresServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * A database health-service migrated before the shared cluster directory existed keeps its clusters: V0_4 runs out
 * of order after V2, then V3 copies the clusters and tombstones into it.
 */
class DirectoryUpgradeTest {

    private static final List<String> SHARED_BEFORE = List.of("V0_1__outbox.sql", "V0_2__outbox_dead_letters.sql",
            "V0_3__consumer_dead_letters.sql");

    @Test
    void anUpgradedDatabaseKeepsItsClustersAndTombstones() throws Exception {
        PostgresServer postgres = PostgresServer.fromEnvironment();
        String database = postgres.createDatabase("health_upgrade");
        try {
            Path before = Files.createTempDirectory("shared-before");
            for (String name : SHARED_BEFORE) {
                try (InputStream in = getClass().getResourceAsStream("/db/mooring-support/" + name)) {
                    Files.copy(in, before.resolve(name));
                }
            }
            flyway(postgres, database, "filesystem:" + before).target("2").load().migrate();
            try (Connection connection = connect(postgres, database); Statement sql = connection.createStatement()) {
                sql.execute("""
                        insert into cluster_health (cluster_id, project, name, cloud_type, import_mode, connectivity,
                            connectivity_since, health, imported_at, updated_at)
                        values ('00000000-0000-0000-0000-00000000000a', 'team-a', 'prod-1', 'eks', 'read-only',
                            'Connected', '2026-01-01T10:00:00Z', 'Healthy', '2026-01-01T09:00:00Z',
                            '2026-01-01T10:00:00Z')""");
                sql.execute("""
                        insert into deleted_cluster (cluster_id, project, deleted_at)
                        values ('00000000-0000-0000-0000-00000000000b', 'team-b', '2026-01-02T10:00:00Z')""");
            }

            flyway(postgres, database, "classpath:db/mooring-support").load().migrate();

            try (Connection connection = connect(postgres, database); Statement sql = connection.createStatement()) {
                assertThat(rows(sql.executeQuery("""
                        select cluster_id, project, name, cloud_type, import_mode, imported_at, deleted, deleted_at
                        from mooring_cluster order by cluster_id""")))
                        .containsExactly(
                                "00000000-0000-0000-0000-00000000000a|team-a|prod-1|eks|read-only"
                                        + "|2026-01-01 09:00:00+00|f|null",
                                "00000000-0000-0000-0000-00000000000b|team-b|null|null|null|null|t"
                                        + "|2026-01-02 10:00:00+00");
                assertThat(rows(sql.executeQuery(
                        "select connectivity, health from cluster_health join mooring_cluster using (cluster_id)")))
                        .containsExactly("Connected|Healthy");
            }
        } finally {
            postgres.dropDatabase(database);
        }
    }

    private static FluentConfiguration flyway(PostgresServer postgres,
            String database, String sharedLocation) {
        return Flyway.configure().outOfOrder(true)
                .dataSource(postgres.jdbcUrl(database), postgres.user(), postgres.password())
                .locations("classpath:db/migration", sharedLocation);
    }

    private static Connection connect(PostgresServer postgres, String database) throws Exception {
        Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(),
                postgres.password());
        connection.createStatement().execute("set timezone = 'UTC'");
        return connection;
    }

    private static List<String> rows(ResultSet result) throws Exception {
        List<String> rows = new ArrayList<>();
        int columns = result.getMetaData().getColumnCount();
        while (result.next()) {
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= columns; i++) {
                values.add(String.valueOf(result.getString(i)));
            }
            rows.add(String.join("|", values));
        }
        return rows;
    }
}
