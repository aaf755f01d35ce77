package io.mooring.support.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which database failures are the database being unavailable (503), and which stay errors of the request. */
class DatabaseUnavailableStatesTest {

    @Test
    void tooManyClientsIsTheDatabaseBeingUnavailableNotAnError() {
        PgException tooMany = new PgException("sorry, too many clients already", "FATAL", "53300", null);
        assertThat(ProblemMappers.isDatabaseUnavailable(new RuntimeException("wrapped", tooMany))).isTrue();
        assertThat(ProblemMappers.isDatabaseUnavailable(new SQLException("out of memory", "53200"))).isTrue();
    }

    @Test
    void connectionFailuresAndAServerShuttingDownAreUnavailable() {
        assertThat(ProblemMappers.isDatabaseUnavailable(new PgException("terminating connection due to"
                + " administrator command", "FATAL", "57P01", null))).isTrue();
        assertThat(ProblemMappers.isDatabaseUnavailable(new SQLException("connection failure", "08006"))).isTrue();
    }

    @Test
    void aConstraintViolationOrABadQueryStaysWhatItIs() {
        assertThat(ProblemMappers.isDatabaseUnavailable(new PgException("duplicate key value", "ERROR", "23505",
                null))).isFalse();
        assertThat(ProblemMappers.isDatabaseUnavailable(new PgException("syntax error", "ERROR", "42601", null)))
                .isFalse();
        assertThat(ProblemMappers.isDatabaseUnavailable(new IllegalStateException("no cause"))).isFalse();
    }
}
