package io.netloom.daemon.relay;

/** The realm and nonce a relay asked the client to authenticate with (from a 401 or a 438 answer). */
record Challenge(byte[] realm, byte[] nonce) {
}
