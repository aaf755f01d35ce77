package io.mooring.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A dead letter in the running application's store, for tests of the dead-letter API that need one without first
 * making a consumer refuse an event.
 */
public final class DeadLetterRows {

    private DeadLetterRows() {
    }

    /** Parks a record of {@code consumer} the way the idempotent consumer does; returns the dead letter's id. */
    public static long park(String consumer) {
        Config config = ConfigProvider.getConfig();
        String sql = """
                insert into mooring_dead_letter (consumer, topic, record_partition, record_offset, headers, record_value,
                    error)
                values (?, 'mooring.test', 0, ?, '[]'::jsonb, 'not a cloud event', 'parked by a test')
                returning id""";
        try (Connection connection = DriverManager.getConnection(
                        config.getValue("quarkus.datasource.jdbc.url", String.class),
                        config.getValue("quarkus.datasource.username", String.class),
                        config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, consumer);
            insert.setLong(2, ThreadLocalRandom.current().nextLong(Long.MAX_VALUE));
            try (ResultSet id = insert.executeQuery()) {
                id.next();
                return id.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not park a dead letter", e);
        }
    }
}
