package io.netloom.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.gateway.protocol.ChannelBinding;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SSLEngineOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading the binding of a live Vert.x WebSocket uses Vert.x's internal API (the channel pipeline's
 * SslHandler). These tests run it on real connections on both ends, so that a Vert.x upgrade that
 * moves or renames what {@link TlsChannels} relies on fails here, loudly.
 */
@ExtendWith(VertxExtension.class)
class TlsChannelsTest {

    @TempDir
    Path directory;
    /** Held while the test runs: Vert.x closes the connections of clients that are garbage-collected. */
    private final java.util.List<io.vertx.core.http.WebSocketClient> clients = new java.util.ArrayList<>();

    @Test
    void bindingOfWhenBothEndsOnBouncyCastleTlsThenTheySeeTheSameExporterAndServerCertificate(Vertx vertx)
            throws Exception {
        TestCertificates certificate = TestCertificates.forLoopback(TestCertificates.KeyType.EC_P256);
        Server server = startServer(vertx, certificate, new BouncyCastleTlsEngine());

        WebSocket client = connect(vertx, server.port(), certificate, new BouncyCastleTlsEngine());
        ChannelBinding clientView = TlsChannels.bindingOf(client);
        ChannelBinding serverView = server.bindings().get(10, TimeUnit.SECONDS);

        assertThat(clientView.isBound()).isTrue();
        assertThat(clientView.exporter()).hasSize(32);
        assertThat(clientView).isEqualTo(serverView);
        assertThat(clientView.serverCertificateSha256())
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(certificate.certificate().getEncoded()));
    }

    @Test
    void bindingOfWhenTwoConnectionsThenEachHasItsOwnExporter(Vertx vertx) throws Exception {
        TestCertificates certificate = TestCertificates.forLoopback(TestCertificates.KeyType.EC_P256);
        Server server = startServer(vertx, certificate, new BouncyCastleTlsEngine());

        ChannelBinding first = TlsChannels.bindingOf(connect(vertx, server.port(), certificate, new BouncyCastleTlsEngine()));
        ChannelBinding second = TlsChannels.bindingOf(connect(vertx, server.port(), certificate, new BouncyCastleTlsEngine()));

        assertThat(first.exporter()).isNotEqualTo(second.exporter());
        assertThat(first.serverCertificateSha256()).isEqualTo(second.serverCertificateSha256());
    }

    @Test
    void bindingOfWhenPlainWebSocketThenUnbound(Vertx vertx) throws Exception {
        int port = await(vertx.createHttpServer().webSocketHandler(socket -> { }).listen(0, "127.0.0.1"))
                .actualPort();

        WebSocketClient plain = vertx.createWebSocketClient();
        clients.add(plain);
        WebSocket client = await(plain.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                .setURI("/")));

        assertThat(TlsChannels.bindingOf(client)).isEqualTo(ChannelBinding.unbound());
    }

    @Test
    void bindingOfWhenConnectionUsesTheJdkEngineThenRefusedLoudly(Vertx vertx) throws Exception {
        TestCertificates certificate = TestCertificates.forLoopback(TestCertificates.KeyType.EC_P256);
        Server server = startServer(vertx, certificate, new BouncyCastleTlsEngine());

        WebSocket client = connect(vertx, server.port(), certificate, new JdkSSLEngineOptions());

        assertThatThrownBy(() -> TlsChannels.bindingOf(client)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("BouncyCastleTlsEngine");
    }

    private record Server(int port, CompletableFuture<ChannelBinding> bindings) {
    }

    private Server startServer(Vertx vertx, TestCertificates certificate, SSLEngineOptions engine) throws Exception {
        Path[] pem = certificate.writePem(directory);
        CompletableFuture<ChannelBinding> bindings = new CompletableFuture<>();
        HttpServer server = await(vertx.createHttpServer(new HttpServerOptions().setSsl(true).setSslEngineOptions(engine)
                        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(pem[0].toString())
                                .setKeyPath(pem[1].toString())))
                .webSocketHandler(socket -> {
                    try {
                        bindings.complete(TlsChannels.bindingOf(socket));
                    } catch (RuntimeException e) {
                        bindings.completeExceptionally(e);
                    }
                })
                .listen(0, "127.0.0.1"));
        return new Server(server.actualPort(), bindings);
    }

    private WebSocket connect(Vertx vertx, int port, TestCertificates certificate, SSLEngineOptions engine)
            throws Exception {
        Path[] pem = certificate.writePem(directory);
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setSsl(true).setVerifyHost(true)
                .setSslEngineOptions(engine).setTrustOptions(new PemTrustOptions().addCertPath(pem[0].toString())));
        clients.add(client);
        return await(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/")));
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
