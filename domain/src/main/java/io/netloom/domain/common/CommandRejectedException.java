package io.netloom.domain.common;

/**
 * A command that breaks a rule of the domain. The reason tells the API which 4xx status to answer
 * with; the message is shown to the caller, so it must never contain a secret.
 */
public final class CommandRejectedException extends RuntimeException {

    private final RejectionReason reason;

    public CommandRejectedException(RejectionReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public static CommandRejectedException invalid(String message) {
        return new CommandRejectedException(RejectionReason.INVALID_ARGUMENT, message);
    }

    public static CommandRejectedException notFound(String message) {
        return new CommandRejectedException(RejectionReason.NOT_FOUND, message);
    }

    public static CommandRejectedException conflict(String message) {
        return new CommandRejectedException(RejectionReason.ALREADY_EXISTS, message);
    }

    public static CommandRejectedException preconditionFailed(String message) {
        return new CommandRejectedException(RejectionReason.PRECONDITION_FAILED, message);
    }

    public static CommandRejectedException permissionDenied(String message) {
        return new CommandRejectedException(RejectionReason.PERMISSION_DENIED, message);
    }

    public RejectionReason reason() {
        return reason;
    }
}
