package io.netloom.server.enrollment;

/** A setup key nobody issued (or one since deleted): the caller is simply not authenticated. */
public final class InvalidSetupKeyException extends RuntimeException {

    public InvalidSetupKeyException() {
        super("setup key is invalid", null, false, false);
    }
}
