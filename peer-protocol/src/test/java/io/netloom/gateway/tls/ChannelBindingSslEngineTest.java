package io.netloom.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.gateway.protocol.ChannelBinding;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The engine on its own, driven as Netty's SslHandler drives a JDK engine (one TLS record per unwrap,
 * wrap until there is nothing to send): the handshake finishes on both sides, application data of
 * every size crosses both ways, both ends hold the same binding, and close_notify ends it cleanly.
 */
class ChannelBindingSslEngineTest {

    @ParameterizedTest
    @EnumSource(value = TestCertificates.KeyType.class, names = {"EC_P256", "RSA_2048", "ED25519"})
    void handshakeWhenDrivenLikeNettyThenBothFinishWithTheSameBinding(TestCertificates.KeyType key) throws Exception {
        TestCertificates certificate = TestCertificates.forLoopback(key);
        Pair pair = Pair.of(certificate);

        pair.handshake();

        ChannelBinding client = pair.client.channelBinding();
        assertThat(client).isEqualTo(pair.server.channelBinding());
        assertThat(client.serverCertificateSha256())
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(certificate.certificate().getEncoded()));
        assertThat(pair.client.getSession().getProtocol()).isEqualTo("TLSv1.3");
        assertThat(pair.client.getSession().getPeerCertificates()[0]).isEqualTo(certificate.certificate());
        assertThat(pair.server.getSession().getLocalCertificates()[0]).isEqualTo(certificate.certificate());
    }

    @Test
    void wrapWhenMessagesOfEverySizeThenTheyArriveIntactBothWays() throws Exception {
        Pair pair = Pair.of(TestCertificates.forLoopback(TestCertificates.KeyType.EC_P256));
        pair.handshake();

        for (int size : new int[] {1, 100, 16_383, 16_384, 16_385, 100_000}) {
            byte[] message = new byte[size];
            java.util.Arrays.fill(message, (byte) (size % 251));
            assertThat(pair.send(pair.client, pair.server, message)).isEqualTo(message);
            assertThat(pair.send(pair.server, pair.client, message)).isEqualTo(message);
        }
    }

    @Test
    void unwrapWhenRecordIncompleteThenUnderflowWithoutConsuming() throws Exception {
        Pair pair = Pair.of(TestCertificates.forLoopback(TestCertificates.KeyType.EC_P256));
        pair.handshake();
        ByteBuffer record = pair.wrapAll(pair.client, "hello".getBytes(StandardCharsets.UTF_8)).pop();
        ByteBuffer partial = ByteBuffer.wrap(record.array(), 0, record.remaining() - 1);

        SSLEngineResult result = pair.server.unwrap(partial, ByteBuffer.allocate(EngineSession.APPLICATION_BUFFER_SIZE));

        assertThat(result.getStatus()).isEqualTo(Status.BUFFER_UNDERFLOW);
        assertThat(result.bytesConsumed()).isZero();
    }

    @Test
    void unwrapWhenRecordTamperedThenFailed() throws Exception {
        Pair pair = Pair.of(TestCertificates.forLoopback(TestCertificates.KeyType.EC_P256));
        pair.handshake();
        ByteBuffer record = pair.wrapAll(pair.client, "hello".getBytes(StandardCharsets.UTF_8)).pop();
        record.put(record.limit() - 1, (byte) (record.get(record.limit() - 1) ^ 1));

        assertThatThrownBy(() -> pair.server.unwrap(record, ByteBuffer.allocate(EngineSession.APPLICATION_BUFFER_SIZE)))
                .isInstanceOf(SSLException.class);
    }

    @Test
    void closeOutboundWhenHandshakeDoneThenPeerSeesCloseNotifyAndBothAreDone() throws Exception {
        Pair pair = Pair.of(TestCertificates.forLoopback(TestCertificates.KeyType.EC_P256));
        pair.handshake();

        pair.client.closeOutbound();
        pair.deliver(pair.client, pair.server);

        assertThat(pair.client.isOutboundDone()).isTrue();
        assertThat(pair.server.isInboundDone()).isTrue();
    }

    @Test
    void channelBindingWhenHandshakeNotDoneThenRefused() throws Exception {
        Pair pair = Pair.of(TestCertificates.forLoopback(TestCertificates.KeyType.EC_P256));

        assertThatThrownBy(pair.client::channelBinding).isInstanceOf(IllegalStateException.class);
    }

    /** A client and a server engine and the bytes in flight between them. */
    private record Pair(ChannelBindingSslEngine client, ChannelBindingSslEngine server) {

        static Pair of(TestCertificates certificate) throws Exception {
            ChannelBindingSslContext serverContext = ChannelBindingSslContext.forServer(certificate.keyManagers());
            ChannelBindingSslContext clientContext = ChannelBindingSslContext.forClient(certificate.trustManagers(),
                    "HTTPS", null);
            return new Pair((ChannelBindingSslEngine) clientContext.newEngine(ByteBufAllocator.DEFAULT, "127.0.0.1", 443),
                    (ChannelBindingSslEngine) serverContext.newEngine(ByteBufAllocator.DEFAULT));
        }

        void handshake() throws SSLException {
            client.beginHandshake();
            boolean clientDone = false;
            boolean serverDone = false;
            for (int round = 0; round < 20 && !(clientDone && serverDone); round++) {
                clientDone |= deliver(client, server) | finished(client);
                serverDone |= deliver(server, client) | finished(server);
            }
            assertThat(clientDone && serverDone).as("both handshakes finished").isTrue();
        }

        private static boolean finished(SSLEngine engine) {
            return engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
        }

        /** Wraps everything {@code from} has to send and unwraps it record by record at {@code to}; true when either finished. */
        boolean deliver(SSLEngine from, SSLEngine to) throws SSLException {
            boolean done = false;
            Deque<ByteBuffer> records = new ArrayDeque<>();
            while (true) {
                ByteBuffer out = ByteBuffer.allocate(EngineSession.PACKET_BUFFER_SIZE);
                SSLEngineResult result = from.wrap(ByteBuffer.allocate(0), out);
                done |= result.getHandshakeStatus() == HandshakeStatus.FINISHED;
                out.flip();
                if (out.hasRemaining()) {
                    records.add(out);
                }
                if (result.bytesProduced() == 0) {
                    break;
                }
            }
            for (ByteBuffer bytes : records) {
                while (bytes.hasRemaining()) {
                    SSLEngineResult result = to.unwrap(bytes, ByteBuffer.allocate(EngineSession.APPLICATION_BUFFER_SIZE));
                    done |= result.getHandshakeStatus() == HandshakeStatus.FINISHED;
                    if (result.getStatus() == Status.CLOSED || result.bytesConsumed() == 0) {
                        break;
                    }
                }
            }
            return done;
        }

        Deque<ByteBuffer> wrapAll(SSLEngine from, byte[] data) throws SSLException {
            Deque<ByteBuffer> records = new ArrayDeque<>();
            ByteBuffer source = ByteBuffer.wrap(data);
            while (source.hasRemaining()) {
                ByteBuffer out = ByteBuffer.allocate(EngineSession.PACKET_BUFFER_SIZE);
                SSLEngineResult result = from.wrap(source, out);
                assertThat(result.getStatus()).isEqualTo(Status.OK);
                out.flip();
                records.add(out);
            }
            return records;
        }

        byte[] send(SSLEngine from, SSLEngine to, byte[] data) throws SSLException {
            ByteBuffer received = ByteBuffer.allocate(data.length);
            for (ByteBuffer record : wrapAll(from, data)) {
                while (record.hasRemaining()) {
                    ByteBuffer plain = ByteBuffer.allocate(EngineSession.APPLICATION_BUFFER_SIZE);
                    SSLEngineResult result = to.unwrap(record, plain);
                    assertThat(result.getStatus()).isEqualTo(Status.OK);
                    plain.flip();
                    received.put(plain);
                }
            }
            return received.array();
        }
    }
}
