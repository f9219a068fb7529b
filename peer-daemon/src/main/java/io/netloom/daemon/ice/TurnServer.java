package io.netloom.daemon.ice;

import java.util.Objects;

/** A TURN server reached over UDP, with its (long-term, usually time-limited) credential. */
public record TurnServer(String host, int port, String username, String password) {

    public TurnServer {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("TURN host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("TURN port " + port + " is out of range 1-65535");
        }
        if (username == null || username.isEmpty()) {
            throw new IllegalArgumentException("TURN username is missing");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("TURN password is missing");
        }
    }

    /**
     * Parses {@code turn:host[:port][?transport=udp]}; the port defaults to 3478. {@code turns:} and
     * {@code transport=tcp} are refused: only UDP relaying is implemented. Throws
     * {@link IllegalArgumentException} with the reason.
     */
    public static TurnServer parse(String uri, String username, String password) {
        IceUris.Parsed parsed = IceUris.parse(uri, "turn");
        if (parsed.transport() != null && !parsed.transport().equals("udp")) {
            throw new IllegalArgumentException(IceUris.quote(uri) + ": transport=" + parsed.transport()
                    + " is not supported, only UDP TURN");
        }
        try {
            return new TurnServer(parsed.host(), parsed.port(), username, password);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(IceUris.quote(uri) + ": " + e.getMessage(), e);
        }
    }

    public String uri() {
        return "turn:" + IceUris.hostForUri(host) + ":" + port + "?transport=udp";
    }

    @Override
    public String toString() {
        return "TurnServer[" + uri() + ", username=" + username + ", password=***]";
    }
}
