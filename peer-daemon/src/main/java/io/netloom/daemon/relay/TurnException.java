package io.netloom.daemon.relay;

import java.io.IOException;

/** A failed TURN allocation or request, with a typed reason and the relay's STUN error code if it sent one. */
public final class TurnException extends IOException {

    private static final long serialVersionUID = 1L;

    private final TurnError error;
    private final int code;

    TurnException(TurnError error, String message) {
        this(error, 0, message, null);
    }

    TurnException(TurnError error, String message, Throwable cause) {
        this(error, 0, message, cause);
    }

    TurnException(TurnError error, int code, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
        this.code = code;
    }

    public TurnError error() {
        return error;
    }

    /** The STUN error code of the relay's answer (e.g. 486), or 0 when the failure was not an error response. */
    public int code() {
        return code;
    }
}
