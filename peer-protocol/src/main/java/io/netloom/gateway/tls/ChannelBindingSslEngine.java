package io.netloom.gateway.tls;

import io.netloom.gateway.protocol.ChannelBinding;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.bouncycastle.tls.RecordPreview;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsProtocol;
import org.bouncycastle.tls.TlsServerProtocol;

/**
 * A {@link SSLEngine} over Bouncy Castle's TLS 1.3 protocol, for Netty's {@code SslHandler}, that
 * keeps the connection's RFC 9266 tls-exporter. Bouncy Castle's own JSSE engine cannot: it lets the
 * exporter be read only inside its handshake-complete callback, which it offers to no one (ADR 0014).
 * Here the protocol peers are ours, so they read it there and hand it over.
 * <p>
 * Follows the JDK engine's contract as Netty uses it: one TLS record per {@code unwrap} (underflow
 * until it is complete, overflow before consuming it when its plaintext would not fit), at most one
 * application record per {@code wrap}, handshake output drained by {@code wrap}, no delegated tasks,
 * no renegotiation and no session resumption.
 */
final class ChannelBindingSslEngine extends SSLEngine implements HandshakeListener {

    private static final int RECORD_HEADER_BYTES = 5;

    private final ChannelBindingSslContext context;
    private final boolean client;
    private SSLParameters parameters;
    private EngineSession session;
    private TlsProtocol protocol;
    private BindingTlsClient tlsClient;
    private BindingTlsServer tlsServer;
    private HandshakeStatus handshakeStatus = HandshakeStatus.NOT_HANDSHAKING;
    private SSLException deferred;
    private volatile ChannelBinding binding;

    ChannelBindingSslEngine(ChannelBindingSslContext context, boolean client, String peerHost, int peerPort,
            SSLParameters parameters) {
        super(peerHost, peerPort);
        this.context = context;
        this.client = client;
        this.parameters = parameters;
    }

    /** The binding of this connection, once its handshake has completed. */
    ChannelBinding channelBinding() {
        ChannelBinding completed = binding;
        if (completed == null) {
            throw new IllegalStateException("the TLS handshake has not completed");
        }
        return completed;
    }

    @Override
    public void handshakeCompleted(byte[] exporter, X509Certificate[] serverChain, int cipherSuite) {
        session.established(serverChain, cipherSuite);
        binding = ChannelBinding.tlsExporter(exporter, sha256(serverChain[0]));
    }

    @Override
    public synchronized void beginHandshake() throws SSLException {
        if (protocol != null) {
            throw new SSLException("renegotiation is not supported");
        }
        session = new EngineSession(getPeerHost(), getPeerPort(), client, requestedServerNames());
        session.handshaking();
        try {
            if (client) {
                TlsClientProtocol clientProtocol = new TlsClientProtocol();
                protocol = clientProtocol;
                tlsClient = new BindingTlsClient(context.crypto(), context.trustManager(), this,
                        requestedServerNames(), this);
                clientProtocol.connect(tlsClient);
                handshakeStatus = HandshakeStatus.NEED_WRAP;
            } else {
                TlsServerProtocol serverProtocol = new TlsServerProtocol();
                protocol = serverProtocol;
                tlsServer = new BindingTlsServer(context.crypto(), context.keyManager(), this, this);
                serverProtocol.accept(tlsServer);
                handshakeStatus = HandshakeStatus.NEED_UNWRAP;
            }
        } catch (IOException e) {
            throw new SSLException(e);
        }
    }

    @Override
    public synchronized SSLEngineResult wrap(ByteBuffer[] sources, int offset, int length, ByteBuffer destination)
            throws SSLException {
        beginIfNeeded();
        int available = protocol.getAvailableOutputBytes();
        if (deferred != null && available == 0) {
            SSLException failure = deferred;
            deferred = null;
            throw failure;
        }
        Status status = Status.OK;
        int consumed = 0;
        if (handshakeStatus == HandshakeStatus.NOT_HANDSHAKING) {
            if (protocol.isClosed()) {
                status = Status.CLOSED;
            } else if (available == 0) {
                int plaintext = remaining(sources, offset, length, protocol.getApplicationDataLimit());
                if (plaintext > 0) {
                    try {
                        RecordPreview preview = protocol.previewOutputRecord(plaintext);
                        if (destination.remaining() < preview.getRecordSize()) {
                            status = Status.BUFFER_OVERFLOW;
                        } else {
                            byte[] data = take(sources, offset, length, preview.getApplicationDataLimit());
                            protocol.writeApplicationData(data, 0, data.length);
                            consumed = data.length;
                        }
                    } catch (IOException e) {
                        throw new SSLException(e);
                    }
                }
            }
        }
        int produced = 0;
        available = protocol.getAvailableOutputBytes();
        if (available > 0) {
            int count = Math.min(destination.remaining(), available);
            if (count == 0) {
                status = Status.BUFFER_OVERFLOW;
            } else {
                produced = protocol.readOutput(destination, count);
                available -= produced;
            }
        }
        HandshakeStatus reported = handshakeStatus;
        if (handshakeStatus == HandshakeStatus.NEED_WRAP && available == 0) {
            reported = afterHandshakeOutput(deferred == null ? HandshakeStatus.NEED_UNWRAP : HandshakeStatus.NEED_WRAP);
        }
        return new SSLEngineResult(status, reported, consumed, produced);
    }

    @Override
    public synchronized SSLEngineResult unwrap(ByteBuffer source, ByteBuffer[] destinations, int offset, int length)
            throws SSLException {
        beginIfNeeded();
        if (protocol.isClosed()) {
            return new SSLEngineResult(Status.CLOSED, handshakeStatus, 0, 0);
        }
        int consumed = 0;
        int produced = 0;
        try {
            RecordPreview preview = previewRecord(source);
            if (preview == null || source.remaining() < preview.getRecordSize()) {
                return new SSLEngineResult(Status.BUFFER_UNDERFLOW, handshakeStatus, 0, 0);
            }
            if (remaining(destinations, offset, length, preview.getApplicationDataLimit())
                    < preview.getApplicationDataLimit()) {
                return new SSLEngineResult(Status.BUFFER_OVERFLOW, handshakeStatus, 0, 0);
            }
            byte[] record = new byte[preview.getRecordSize()];
            source.get(record);
            consumed = record.length;
            protocol.offerInput(record);
            produced = readApplicationData(destinations, offset, length);
        } catch (IOException e) {
            if (handshakeStatus != HandshakeStatus.NEED_UNWRAP) {
                throw new SSLException(e);
            }
            // The alert Bouncy Castle queued goes out with the next wrap, which then reports the failure.
            deferred = new SSLException(e);
            handshakeStatus = HandshakeStatus.NEED_WRAP;
            return new SSLEngineResult(Status.OK, HandshakeStatus.NEED_WRAP, consumed, produced);
        }
        HandshakeStatus reported = handshakeStatus;
        if (handshakeStatus == HandshakeStatus.NEED_UNWRAP) {
            reported = protocol.getAvailableOutputBytes() > 0 ? (handshakeStatus = HandshakeStatus.NEED_WRAP)
                    : afterHandshakeOutput(HandshakeStatus.NEED_UNWRAP);
        } else if (handshakeStatus == HandshakeStatus.NOT_HANDSHAKING && protocol.getAvailableOutputBytes() > 0) {
            // An answer the protocol owes after the handshake (its close_notify, a key update) goes out with a wrap.
            reported = HandshakeStatus.NEED_WRAP;
        }
        Status status = protocol.isClosed() ? Status.CLOSED : Status.OK;
        return new SSLEngineResult(status, reported, consumed, produced);
    }

    /** Once no handshake output is pending: finished, closed, or still waiting for the peer. */
    private HandshakeStatus afterHandshakeOutput(HandshakeStatus waiting) {
        if (isHandshakeComplete()) {
            handshakeStatus = HandshakeStatus.NOT_HANDSHAKING;
            return HandshakeStatus.FINISHED;
        }
        if (protocol.isClosed() && deferred == null) {
            handshakeStatus = HandshakeStatus.NOT_HANDSHAKING;
            return HandshakeStatus.NOT_HANDSHAKING;
        }
        handshakeStatus = waiting;
        return waiting;
    }

    private boolean isHandshakeComplete() {
        return client ? tlsClient.isHandshakeComplete() : tlsServer.isHandshakeComplete();
    }

    private int readApplicationData(ByteBuffer[] destinations, int offset, int length) {
        int produced = 0;
        int available = protocol.getAvailableInputBytes();
        for (int i = offset; i < offset + length && available > 0; i++) {
            int count = Math.min(destinations[i].remaining(), available);
            if (count > 0) {
                int read = protocol.readInput(destinations[i], count);
                produced += read;
                available -= read;
            }
        }
        return produced;
    }

    private RecordPreview previewRecord(ByteBuffer source) throws IOException {
        if (source.remaining() < RECORD_HEADER_BYTES) {
            return null;
        }
        byte[] header = new byte[RECORD_HEADER_BYTES];
        source.duplicate().get(header);
        return protocol.previewInputRecord(header);
    }

    private void beginIfNeeded() throws SSLException {
        if (protocol == null) {
            beginHandshake();
        }
    }

    @Override
    public synchronized void closeInbound() throws SSLException {
        if (protocol != null) {
            try {
                protocol.closeInput();
            } catch (IOException e) {
                throw new SSLException(e);
            }
        }
    }

    @Override
    public synchronized boolean isInboundDone() {
        return protocol != null && protocol.isClosed();
    }

    @Override
    public synchronized void closeOutbound() {
        if (protocol != null) {
            try {
                protocol.close();
            } catch (IOException e) {
                // Closing queues a close_notify; a connection that already failed has nothing left to say.
                deferred = null;
            }
        }
    }

    @Override
    public synchronized boolean isOutboundDone() {
        return protocol != null && protocol.isClosed() && protocol.getAvailableOutputBytes() == 0;
    }

    /** No ALPN: the gateway speaks HTTP/1.1, and "" says none was negotiated. */
    @Override
    public String getApplicationProtocol() {
        return "";
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return null;
    }

    @Override
    public Runnable getDelegatedTask() {
        return null;
    }

    @Override
    public synchronized HandshakeStatus getHandshakeStatus() {
        return handshakeStatus;
    }

    @Override
    public synchronized SSLSession getSession() {
        if (session == null) {
            session = new EngineSession(getPeerHost(), getPeerPort(), client, requestedServerNames());
        }
        return session;
    }

    @Override
    public synchronized SSLSession getHandshakeSession() {
        return handshakeStatus == HandshakeStatus.NOT_HANDSHAKING ? null : session;
    }

    @Override
    public synchronized SSLParameters getSSLParameters() {
        SSLParameters copy = new SSLParameters(getEnabledCipherSuites(), getEnabledProtocols());
        copy.setEndpointIdentificationAlgorithm(parameters.getEndpointIdentificationAlgorithm());
        copy.setServerNames(parameters.getServerNames());
        copy.setAlgorithmConstraints(parameters.getAlgorithmConstraints());
        return copy;
    }

    @Override
    public synchronized void setSSLParameters(SSLParameters parameters) {
        SSLParameters copy = new SSLParameters();
        copy.setEndpointIdentificationAlgorithm(parameters.getEndpointIdentificationAlgorithm());
        copy.setServerNames(parameters.getServerNames());
        copy.setAlgorithmConstraints(parameters.getAlgorithmConstraints());
        this.parameters = copy;
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return getEnabledCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return ChannelBindingSslContext.CIPHER_SUITES.toArray(new String[0]);
    }

    /** The suites are Bouncy Castle's TLS 1.3 defaults; the gateway offers no choice to configure. */
    @Override
    public void setEnabledCipherSuites(String[] suites) {
    }

    @Override
    public String[] getSupportedProtocols() {
        return getEnabledProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return new String[] {BouncyCastleTlsEngine.PROTOCOL};
    }

    /** TLS 1.3 only, whatever is asked: the binding is defined for it. */
    @Override
    public void setEnabledProtocols(String[] protocols) {
    }

    @Override
    public void setUseClientMode(boolean mode) {
        if (mode != client) {
            throw new IllegalArgumentException("this engine was made for the " + (client ? "client" : "server")
                    + " side");
        }
    }

    @Override
    public boolean getUseClientMode() {
        return client;
    }

    /** Peers authenticate inside the WebSocket, never with client certificates. */
    @Override
    public void setNeedClientAuth(boolean need) {
        if (need) {
            throw new IllegalArgumentException("client certificates are not part of the gateway protocol");
        }
    }

    @Override
    public boolean getNeedClientAuth() {
        return false;
    }

    @Override
    public void setWantClientAuth(boolean want) {
        setNeedClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return false;
    }

    @Override
    public void setEnableSessionCreation(boolean enabled) {
        if (!enabled) {
            throw new IllegalArgumentException("every connection creates its own session");
        }
    }

    @Override
    public boolean getEnableSessionCreation() {
        return true;
    }

    private synchronized List<SNIServerName> requestedServerNames() {
        List<SNIServerName> names = parameters.getServerNames();
        if (names != null && !names.isEmpty()) {
            return names;
        }
        String host = getPeerHost();
        if (client && host != null && !host.isEmpty() && !isIpAddress(host)) {
            return List.of(new SNIHostName(host));
        }
        return List.of();
    }

    private static boolean isIpAddress(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    private static int remaining(ByteBuffer[] buffers, int offset, int length, int limit) {
        long total = 0;
        for (int i = offset; i < offset + length && total < limit; i++) {
            total += buffers[i].remaining();
        }
        return (int) Math.min(total, limit);
    }

    private static byte[] take(ByteBuffer[] sources, int offset, int length, int count) {
        byte[] data = new byte[count];
        int copied = 0;
        for (int i = offset; i < offset + length && copied < count; i++) {
            int chunk = Math.min(sources[i].remaining(), count - copied);
            sources[i].get(data, copied, chunk);
            copied += chunk;
        }
        return data;
    }

    private static byte[] sha256(X509Certificate certificate) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the server's certificate cannot be encoded", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
