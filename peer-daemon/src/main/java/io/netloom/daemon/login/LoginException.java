package io.netloom.daemon.login;

/** Signing in failed; the message is meant for the person at the device, and names no token. */
public final class LoginException extends Exception {

    public LoginException(String message) {
        super(message);
    }
}
