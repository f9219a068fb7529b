package io.netloom.server.database;

/** The embedded PostgreSQL cannot be started or set up; the message says why and what to do. */
public class EmbeddedDatabaseException extends RuntimeException {

    public EmbeddedDatabaseException(String message) {
        super(message);
    }

    public EmbeddedDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
