package io.netloom.server.api;

/** A query parameter the path does not take, one given twice, or a value it cannot have: a 400. */
public final class InvalidQueryParameterException extends RuntimeException {

    public InvalidQueryParameterException(String message) {
        super(message, null, false, false);
    }
}
