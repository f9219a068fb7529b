package io.netloom.gateway.protocol;

import java.util.Arrays;

/**
 * What the sign-in proof binds to besides the nonce: the TLS connection it travels on, as each end
 * sees it. Over TLS, the connection's RFC 9266 {@code tls-exporter} value (32 bytes, unique to this
 * connection's handshake) and the SHA-256 of the server's certificate; over plain {@code ws://},
 * nothing ({@code type} "none"), so the proof is bound to the nonce and the gateway's key only.
 */
public record ChannelBinding(String type, byte[] exporter, byte[] serverCertificateSha256) {

    public static final String TLS_EXPORTER = "tls-exporter";
    public static final String NONE = "none";
    public static final int EXPORTER_BYTES = 32;

    public ChannelBinding {
        if (!TLS_EXPORTER.equals(type) && !NONE.equals(type)) {
            throw new IllegalArgumentException("unknown channel binding " + type);
        }
        exporter = exporter.clone();
        serverCertificateSha256 = serverCertificateSha256.clone();
        if (TLS_EXPORTER.equals(type) && (exporter.length != EXPORTER_BYTES || serverCertificateSha256.length != 32)) {
            throw new IllegalArgumentException("a tls-exporter binding has a 32-byte exporter and certificate hash");
        }
        if (NONE.equals(type) && (exporter.length != 0 || serverCertificateSha256.length != 0)) {
            throw new IllegalArgumentException("an unbound connection has no exporter and no certificate");
        }
    }

    /** A connection without TLS. */
    public static ChannelBinding unbound() {
        return new ChannelBinding(NONE, new byte[0], new byte[0]);
    }

    public static ChannelBinding tlsExporter(byte[] exporter, byte[] serverCertificateSha256) {
        return new ChannelBinding(TLS_EXPORTER, exporter, serverCertificateSha256);
    }

    public boolean isBound() {
        return TLS_EXPORTER.equals(type);
    }

    @Override
    public byte[] exporter() {
        return exporter.clone();
    }

    @Override
    public byte[] serverCertificateSha256() {
        return serverCertificateSha256.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChannelBinding that && type.equals(that.type) && Arrays.equals(exporter, that.exporter)
                && Arrays.equals(serverCertificateSha256, that.serverCertificateSha256);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(exporter) * 17 + Arrays.hashCode(serverCertificateSha256);
    }

    /** The exporter is a per-connection secret: kept out of logs. */
    @Override
    public String toString() {
        return "ChannelBinding[" + type + "]";
    }
}
