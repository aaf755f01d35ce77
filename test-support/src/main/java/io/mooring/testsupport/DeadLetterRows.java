package io.mooring.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

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

    private static final String PROBLEM = "application/problem+json";

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

    /**
     * The dead-letter discard, an operation every service has that answers 204, asked by a client that accepts only
     * application/problem+json, as a generated client does (issue #14): the 204, then for the same id a 404 problem.
     */
    public static void discardServesAProblemJsonClient(String service, String adminToken) {
        String path = "/api/v1/admin/" + service + "/dead-letters/" + park("test");
        given().auth().oauth2(adminToken).accept(PROBLEM).delete(path).then().statusCode(204);
        given().auth().oauth2(adminToken).accept(PROBLEM).delete(path).then().statusCode(404).contentType(PROBLEM)
                .body("status", equalTo(404));
    }
}
