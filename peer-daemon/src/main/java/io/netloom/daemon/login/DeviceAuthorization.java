package io.netloom.daemon.login;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * What the person needs to confirm a device sign-in (RFC 8628 3.2): where to go and which code to enter, or the
 * one URL that carries the code. The device code itself stays inside {@link DeviceLogin}.
 */
public record DeviceAuthorization(URI verificationUri, String userCode, Optional<URI> verificationUriComplete,
        Duration expiresIn) {

    /** The lines {@code netloom login} prints. */
    public String prompt() {
        StringBuilder text = new StringBuilder("To sign in, open " + verificationUri + " and enter the code " + userCode
                + "\n");
        verificationUriComplete.ifPresent(complete -> text.append("or open ").append(complete).append('\n'));
        long minutes = Math.max(1, expiresIn.toMinutes());
        text.append("Waiting for the sign-in to be confirmed (the code expires in ").append(minutes)
                .append(minutes == 1 ? " minute" : " minutes").append(")...\n");
        return text.toString();
    }
}
