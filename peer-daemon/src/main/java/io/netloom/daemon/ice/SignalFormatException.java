package io.netloom.daemon.ice;

/** A signal payload that is not a valid Netloom ICE message; the message says why, readable for an operator. */
final class SignalFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    SignalFormatException(String message) {
        super(message);
    }
}
