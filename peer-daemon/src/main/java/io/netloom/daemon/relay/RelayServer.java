package io.netloom.daemon.relay;

import java.util.Locale;
import java.util.Objects;

/** A TURN server, the transport to reach it and the long-term credential to allocate with. */
public record RelayServer(String host, int port, RelayTransport transport, String username, String password) {

    public RelayServer {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transport, "transport");
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

    /** Where the server is, for logs and errors: never the credential. */
    public String describe() {
        return transport.name().toLowerCase(Locale.ROOT) + "://" + host + ":" + port;
    }

    @Override
    public String toString() {
        return "RelayServer[" + describe() + ", username=" + username + ", password=***]";
    }
}
