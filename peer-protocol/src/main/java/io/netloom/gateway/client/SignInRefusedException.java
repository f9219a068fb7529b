package io.netloom.gateway.client;

/** The gateway closed the connection instead of admitting this peer: its close code and reason say why. */
public final class SignInRefusedException extends RuntimeException {

    private final short code;
    private final String reason;

    public SignInRefusedException(short code, String reason) {
        super("the gateway refused the sign-in with code " + code + (reason == null || reason.isEmpty() ? ""
                : " (" + reason + ")"));
        this.code = code;
        this.reason = reason == null ? "" : reason;
    }

    public short code() {
        return code;
    }

    public String reason() {
        return reason;
    }
}
