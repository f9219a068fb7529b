package io.netloom.daemon.ice;

import io.netloom.daemon.relay.RelayServer;
import io.netloom.daemon.relay.RelayTransport;
import java.util.Locale;

/**
 * A TURN server, the transport to reach it over and its (long-term, usually time-limited) credential.
 *
 * @param transport UDP ({@code turn:…?transport=udp}, the default), TCP ({@code turn:…?transport=tcp}) or TLS
 *     ({@code turns:}, RFC 7065: TLS over TCP)
 */
public record TurnServer(String host, int port, RelayTransport transport, String username, String password) {

    /** RFC 7065's default ports: 3478 for {@code turn:}, 5349 for {@code turns:}. */
    static final int DEFAULT_PORT = 3478;
    static final int DEFAULT_TLS_PORT = 5349;

    public TurnServer {
        // The own TURN client's record holds the same facts: its checks are the ones that count.
        new RelayServer(host, port, transport, username, password);
    }

    /** A TURN server over UDP. */
    public TurnServer(String host, int port, String username, String password) {
        this(host, port, RelayTransport.UDP, username, password);
    }

    /**
     * Parses {@code turn:host[:port][?transport=udp|tcp]} (port 3478 by default) and
     * {@code turns:host[:port][?transport=tcp]} (TLS, port 5349 by default). DTLS ({@code turns:…?transport=udp})
     * is refused. Throws {@link IllegalArgumentException} with the reason.
     */
    public static TurnServer parse(String uri, String username, String password) {
        IceUris.Parsed parsed = IceUris.parse(uri, "turn", true);
        RelayTransport transport;
        if (parsed.secure()) {
            if (parsed.transport() != null && !parsed.transport().equals("tcp")) {
                throw new IllegalArgumentException(IceUris.quote(uri) + ": turns: with transport=" + parsed.transport()
                        + " is not supported, only TLS over TCP");
            }
            transport = RelayTransport.TLS;
        } else if (parsed.transport() == null || parsed.transport().equals("udp")) {
            transport = RelayTransport.UDP;
        } else if (parsed.transport().equals("tcp")) {
            transport = RelayTransport.TCP;
        } else {
            throw new IllegalArgumentException(IceUris.quote(uri) + ": transport=" + parsed.transport()
                    + " is not supported (udp or tcp)");
        }
        try {
            return new TurnServer(parsed.host(), parsed.portOr(parsed.secure() ? DEFAULT_TLS_PORT : DEFAULT_PORT),
                    transport, username, password);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(IceUris.quote(uri) + ": " + e.getMessage(), e);
        }
    }

    /** The URI in its canonical form, e.g. {@code turn:203.0.113.1:3478?transport=tcp} or {@code turns:host:5349}. */
    public String uri() {
        String where = IceUris.hostForUri(host) + ":" + port;
        return transport == RelayTransport.TLS ? "turns:" + where + "?transport=tcp"
                : "turn:" + where + "?transport=" + transport.name().toLowerCase(Locale.ROOT);
    }

    /** The same server for Netloom's own TURN client. */
    public RelayServer relayServer() {
        return new RelayServer(host, port, transport, username, password);
    }

    @Override
    public String toString() {
        return "TurnServer[" + uri() + ", username=" + username + ", password=***]";
    }
}
