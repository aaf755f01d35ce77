package io.mooring.support.messaging;

import io.mooring.support.api.ProblemException;
import io.vertx.pgclient.PgException;
import jakarta.validation.ValidationException;
import java.sql.SQLException;
import org.hibernate.JDBCException;

/**
 * Whether a failed record could ever succeed. A record that failed for a deterministic reason fails again every
 * time: it is parked as a dead letter so the rest of its partition carries on. Anything else (the database
 * unreachable or refusing a table, a deadlock, a timeout) passes once someone or something mends it: the record
 * is retried until it succeeds, however long that takes.
 */
final class Failures {

    private Failures() {
    }

    /**
     * Deterministic: the record is not a Mooring CloudEvent or its data cannot be read (IllegalArgumentException),
     * the handler refuses it (IllegalArgumentException, a validation failure, a 4xx ProblemException), or the
     * database refuses its data (SQLSTATE class 22, data exception, or 23, integrity constraint violation).
     * Other database errors (connection, 40xxx, a missing table or privilege an operator will restore) are not.
     */
    static boolean deterministic(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 20; depth++) {
            String state = sqlState(current);
            if (state != null) {
                return state.startsWith("22") || state.startsWith("23");
            }
            if (current instanceof ProblemException problem) {
                return problem.status() < 500;
            }
            if (current instanceof IllegalArgumentException || current instanceof ValidationException) {
                return true;
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return false;
    }

    static boolean transientFailure(Throwable failure) {
        return !deterministic(failure);
    }

    /** One line that says what went wrong, with the SQLSTATE when the database said no. */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 5; depth++) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(current.getClass().getSimpleName());
            String state = sqlState(current);
            if (state != null) {
                text.append(" [SQLSTATE ").append(state).append(']');
            }
            if (current.getMessage() != null) {
                text.append(": ").append(current.getMessage());
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return text.toString();
    }

    private static String sqlState(Throwable failure) {
        if (failure instanceof PgException pg) {
            return pg.getSqlState();
        }
        if (failure instanceof JDBCException jdbc) {
            try {
                return jdbc.getSQLState();
            } catch (RuntimeException noSqlException) {
                return null;
            }
        }
        if (failure instanceof SQLException sql) {
            return sql.getSQLState();
        }
        return null;
    }
}
