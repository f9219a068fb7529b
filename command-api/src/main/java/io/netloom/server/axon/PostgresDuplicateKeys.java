package io.netloom.server.axon;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon's JDBC store that an append failed on a unique key, as PostgreSQL reports it: SQL state 23505, in a
 * {@code PSQLException} or behind the driver's {@code BatchUpdateException} (Axon appends a command's events as one
 * batch). Axon's default resolver looks for {@code SQLIntegrityConstraintViolationException}, which PostgreSQL's
 * driver never throws, so a sequence number another process took reached the caller as a bare
 * {@code EventStoreException}. Recognised, it becomes the {@code ConcurrencyException} the retry and the API's 409
 * expect (ADR 0056).
 */
public final class PostgresDuplicateKeys implements PersistenceExceptionResolver {

    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && isUniqueViolation(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUniqueViolation(SQLException failure) {
        for (SQLException next = failure; next != null; next = next.getNextException()) {
            if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
