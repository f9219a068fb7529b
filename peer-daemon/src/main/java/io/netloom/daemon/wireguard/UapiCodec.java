package io.netloom.daemon.wireguard;

import io.netloom.daemon.link.IpPrefix;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds and reads messages of the WireGuard cross-platform UAPI
 * (https://www.wireguard.com/xplatform/): {@code key=value} lines ended by an empty line, answered
 * by {@code errno=N}. Pure text in and out, so every quirk can be unit tested.
 */
final class UapiCodec {

    static final String GET_REQUEST = "get=1\n\n";

    private static final Pattern KEY = Pattern.compile("[a-z0-9_]+");

    private UapiCodec() {
    }

    static String configureRequest(byte[] privateKey, int listenPort) {
        if (listenPort < 0 || listenPort > 65535) {
            throw new IllegalArgumentException("listen port must be between 0 and 65535, got " + listenPort);
        }
        return new Request()
                .line("private_key", WireGuardKeys.privateKeyToHex(privateKey))
                .line("listen_port", Integer.toString(listenPort))
                .end();
    }

    /**
     * Creates or updates one peer without touching the others. {@code replace_allowed_ips} must
     * come before the {@code allowed_ip} lines: it clears whatever was set so far for the peer,
     * including allowed IPs from earlier lines of the same request.
     */
    static String upsertPeerRequest(WireGuardPeer peer) {
        Request request = new Request()
                .line("public_key", WireGuardKeys.base64ToHex(peer.publicKey()))
                .line("replace_allowed_ips", "true");
        for (IpPrefix allowed : peer.allowedPrefixes()) {
            request.line("allowed_ip", allowed.toString());
        }
        if (peer.endpoint() != null) {
            request.line("endpoint", Endpoints.format(peer.endpoint()));
        }
        return request
                .line("persistent_keepalive_interval", Integer.toString(peer.persistentKeepaliveSeconds()))
                .end();
    }

    static String removePeerRequest(String publicKey) {
        return new Request()
                .line("public_key", WireGuardKeys.base64ToHex(publicKey))
                .line("remove", "true")
                .end();
    }

    /** Splits a message into its lines, up to the empty line that ends it. */
    static List<UapiPair> parse(String message) throws IOException {
        if (!message.endsWith("\n\n")) {
            throw new IOException("WireGuard's answer was cut short (no closing empty line)");
        }
        List<UapiPair> pairs = new ArrayList<>();
        for (String line : message.substring(0, message.length() - 2).split("\n", -1)) {
            int equals = line.indexOf('=');
            // Never quote the line: it may be the device's private key.
            if (equals <= 0 || !KEY.matcher(line.substring(0, equals)).matches()) {
                throw new IOException("WireGuard's answer has a malformed line " + (pairs.size() + 1));
            }
            pairs.add(new UapiPair(line.substring(0, equals), line.substring(equals + 1)));
        }
        return pairs;
    }

    /** Checks the answer to a {@code set} request. */
    static void requireSuccess(String answer, String operation) throws IOException {
        checkErrno(parse(answer), operation);
    }

    static int listenPort(String getAnswer) throws IOException {
        List<UapiPair> pairs = parse(getAnswer);
        checkErrno(pairs, "report its listen port");
        for (UapiPair pair : pairs) {
            if (pair.key().equals("listen_port")) {
                return (int) readNumber(pair);
            }
        }
        throw new IOException("WireGuard reported no listen port");
    }

    static List<PeerStatistics> statistics(String getAnswer) throws IOException {
        List<UapiPair> pairs = parse(getAnswer);
        checkErrno(pairs, "report its peers");
        List<PeerStatistics> peers = new ArrayList<>();
        PeerBuilder current = null;
        // Device keys come first; each public_key line starts a new peer whose keys follow it.
        for (UapiPair pair : pairs) {
            if (pair.key().equals("public_key")) {
                if (current != null) {
                    peers.add(current.build());
                }
                current = new PeerBuilder(readKey(pair));
            } else if (current != null) {
                current.accept(pair);
            }
        }
        if (current != null) {
            peers.add(current.build());
        }
        return peers;
    }

    private static void checkErrno(List<UapiPair> pairs, String operation) throws IOException {
        UapiPair last = pairs.isEmpty() ? null : pairs.get(pairs.size() - 1);
        if (last == null || !last.key().equals("errno")) {
            throw new IOException("WireGuard did not " + operation + ": its answer has no errno line");
        }
        long errno = readNumber(last);
        if (errno != 0) {
            throw new IOException("WireGuard could not " + operation + ": " + describeErrno(errno));
        }
    }

    // wireguard-go answers with negated errno values (errno=-22), the spec shows positive ones.
    private static String describeErrno(long errno) {
        long code = Math.abs(errno);
        String meaning = switch ((int) code) {
            case 5 -> "input/output error";
            case 22 -> "invalid argument";
            case 71 -> "protocol error";
            case 98 -> "address already in use (is another program using the listen port?)";
            default -> "error";
        };
        return meaning + " (errno " + code + ")";
    }

    private static long readNumber(UapiPair pair) throws IOException {
        try {
            return Long.parseLong(pair.value());
        } catch (NumberFormatException e) {
            throw new IOException("WireGuard reported a non-numeric " + pair.key());
        }
    }

    private static String readKey(UapiPair pair) throws IOException {
        try {
            return WireGuardKeys.hexToBase64(pair.value());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
    }

    /** Collects one peer's lines of a {@code get} answer. */
    private static final class PeerBuilder {
        private final String publicKey;
        private InetSocketAddress endpoint;
        private long handshakeSeconds;
        private long handshakeNanos;
        private long receivedBytes;
        private long sentBytes;

        PeerBuilder(String publicKey) {
            this.publicKey = publicKey;
        }

        void accept(UapiPair pair) throws IOException {
            switch (pair.key()) {
                case "endpoint" -> endpoint = readEndpoint(pair);
                case "last_handshake_time_sec" -> handshakeSeconds = readNumber(pair);
                case "last_handshake_time_nsec" -> handshakeNanos = readNumber(pair);
                case "rx_bytes" -> receivedBytes = readNumber(pair);
                case "tx_bytes" -> sentBytes = readNumber(pair);
                default -> {
                    // allowed_ip, keepalive, protocol_version and keys of future versions: not reported.
                }
            }
        }

        private static InetSocketAddress readEndpoint(UapiPair pair) throws IOException {
            try {
                return Endpoints.parse(pair.value());
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage());
            }
        }

        PeerStatistics build() throws IOException {
            return new PeerStatistics(publicKey, endpoint, HandshakeTimes.of(handshakeSeconds, handshakeNanos),
                    receivedBytes, sentBytes);
        }
    }

    /** A request under construction; refuses values that could smuggle in another line. */
    private static final class Request {
        private final StringBuilder text = new StringBuilder("set=1\n");

        Request line(String key, String value) {
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("UAPI value for " + key + " contains a line break");
            }
            text.append(key).append('=').append(value).append('\n');
            return this;
        }

        String end() {
            return text.append('\n').toString();
        }
    }
}
