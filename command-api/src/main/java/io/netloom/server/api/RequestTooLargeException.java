package io.netloom.server.api;

/** A request body over the API's size limit. */
public final class RequestTooLargeException extends RuntimeException {

    public RequestTooLargeException(long limit) {
        super("request body is larger than " + limit + " bytes", null, false, false);
    }
}
