package io.netloom.daemon.firewall;

/** A rule (inbound, forward) or served route that cannot be translated safely; the message says why, for the user. */
final class InvalidRuleException extends Exception {

    InvalidRuleException(String message) {
        super(message);
    }
}
