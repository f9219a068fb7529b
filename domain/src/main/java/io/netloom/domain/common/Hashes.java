package io.netloom.domain.common;

import java.util.regex.Pattern;

/**
 * Secrets are hashed before they reach the domain, so events only ever hold digests. Requiring the exact
 * digest form catches a caller that accidentally passes the secret itself.
 */
public final class Hashes {

    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

    private Hashes() {
    }

    public static String requireSha256(String hash, String what) {
        if (hash == null || !SHA256.matcher(hash).matches()) {
            // Never echo the value: if it is not a digest it may well be the secret.
            throw CommandRejectedException.invalid(what + " must be of the form sha256:<64 lowercase hex digits>");
        }
        return hash;
    }
}
