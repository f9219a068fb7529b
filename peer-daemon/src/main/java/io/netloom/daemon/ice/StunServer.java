package io.netloom.daemon.ice;

import java.util.Objects;

/** A STUN server, as in {@code stun:203.0.113.1:3478} (UDP). */
public record StunServer(String host, int port) {

    static final int DEFAULT_PORT = 3478;

    public StunServer {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("STUN host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("STUN port " + port + " is out of range 1-65535");
        }
    }

    /** Parses {@code stun:host[:port]}; the port defaults to 3478. Throws {@link IllegalArgumentException} with the reason. */
    public static StunServer parse(String uri) {
        IceUris.Parsed parsed = IceUris.parse(uri, "stun", false);
        if (parsed.transport() != null) {
            throw new IllegalArgumentException(IceUris.quote(uri) + ": stun: URIs take no transport parameter");
        }
        return new StunServer(parsed.host(), parsed.portOr(DEFAULT_PORT));
    }

    @Override
    public String toString() {
        return "stun:" + IceUris.hostForUri(host) + ":" + port;
    }
}
