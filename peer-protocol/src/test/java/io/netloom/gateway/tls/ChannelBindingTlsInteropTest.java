package io.netloom.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.gateway.protocol.ChannelBinding;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SSLEngineOptions;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The gateway's own TLS engine speaks standard TLS 1.3: with the JDK's TLS on the other end in both
 * directions, with itself, for every certificate key type a gateway may be given, and it judges the
 * server's certificate as the JDK does (an unknown certificate or a wrong host name is refused).
 */
@ExtendWith(VertxExtension.class)
class ChannelBindingTlsInteropTest {

    @TempDir
    Path directory;
    /** Held while the test runs: Vert.x closes the connections of clients that are garbage-collected. */
    private final java.util.List<io.vertx.core.http.WebSocketClient> clients = new java.util.ArrayList<>();

    @ParameterizedTest
    @EnumSource(value = TestCertificates.KeyType.class, names = {"EC_P256", "RSA_2048"})
    void handshakeWhenJdkClientMeetsBouncyCastleServerThenRequestAnsweredOverTls13(TestCertificates.KeyType key,
            Vertx vertx) throws Exception {
        TestCertificates certificate = TestCertificates.forLoopback(key);
        int port = httpsServer(vertx, certificate, new BouncyCastleTlsEngine());
        SSLContext jdk = SSLContext.getInstance("TLSv1.3");
        jdk.init(null, certificate.trustManagers().getTrustManagers(), null);
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3"});

        HttpResponse<String> response = HttpClient.newBuilder().sslContext(jdk).sslParameters(parameters).build()
                .send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/")).build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).isEqualTo("TLSv1.3");
    }

    @ParameterizedTest
    @EnumSource(value = TestCertificates.KeyType.class, names = {"EC_P256", "RSA_2048"})
    void handshakeWhenBouncyCastleClientMeetsJdkServerThenConnectedAndBound(TestCertificates.KeyType key, Vertx vertx)
            throws Exception {
        TestCertificates certificate = TestCertificates.forLoopback(key);
        int port = httpsServer(vertx, certificate, new JdkSSLEngineOptions());

        WebSocket socket = connect(vertx, port, "127.0.0.1", certificate);

        assertThat(socket.sslSession().getProtocol()).isEqualTo("TLSv1.3");
        assertThat(TlsChannels.bindingOf(socket).isBound()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = TestCertificates.KeyType.class, names = {"EC_P256", "RSA_2048"})
    void handshakeWhenBothEndsBouncyCastleThenBothSeeTheSameBinding(TestCertificates.KeyType key, Vertx vertx)
            throws Exception {
        TestCertificates certificate = TestCertificates.forLoopback(key);
        java.util.concurrent.CompletableFuture<ChannelBinding> serverView = new java.util.concurrent.CompletableFuture<>();
        int port = server(vertx, certificate, new BouncyCastleTlsEngine(), serverView);

        WebSocket client;
        try {
            client = connect(vertx, port, "127.0.0.1", certificate);
        } catch (Exception e) {
            serverView.get(10, TimeUnit.SECONDS);
            throw e;
        }
        ChannelBinding clientView = TlsChannels.bindingOf(client);

        assertThat(clientView).isEqualTo(serverView.get(10, TimeUnit.SECONDS));
    }

    @Test
    void handshakeWhenServerCertificateNotTrustedThenRefused(Vertx vertx) throws Exception {
        TestCertificates presented = TestCertificates.forLoopback(TestCertificates.KeyType.EC_P256);
        TestCertificates trusted = TestCertificates.forLoopback(TestCertificates.KeyType.EC_P256);
        int port = httpsServer(vertx, presented, new BouncyCastleTlsEngine());

        assertThatThrownBy(() -> connect(vertx, port, "127.0.0.1", trusted)).hasStackTraceContaining("certificate");
    }

    @Test
    void handshakeWhenHostNameNotInCertificateThenRefused(Vertx vertx) throws Exception {
        TestCertificates certificate = TestCertificates.forLoopback(TestCertificates.KeyType.EC_P256);
        int port = httpsServer(vertx, certificate, new BouncyCastleTlsEngine());

        assertThatThrownBy(() -> connect(vertx, port, "localhost", certificate)).hasStackTraceContaining("localhost");
    }

    private int httpsServer(Vertx vertx, TestCertificates certificate, SSLEngineOptions engine) throws Exception {
        return server(vertx, certificate, engine, new java.util.concurrent.CompletableFuture<>());
    }

    private int server(Vertx vertx, TestCertificates certificate, SSLEngineOptions engine,
            java.util.concurrent.CompletableFuture<ChannelBinding> bindings) throws Exception {
        Path[] pem = certificate.writePem(directory);
        HttpServer server = await(vertx.createHttpServer(new HttpServerOptions().setSsl(true).setSslEngineOptions(engine)
                        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(pem[0].toString())
                                .setKeyPath(pem[1].toString())))
                .requestHandler(request -> {
                    if (request.headers().contains("Upgrade")) {
                        request.toWebSocket().onSuccess(socket -> {
                            if (engine instanceof BouncyCastleTlsEngine) {
                                try {
                                    bindings.complete(TlsChannels.bindingOf(socket));
                                } catch (RuntimeException e) {
                                    bindings.completeExceptionally(e);
                                }
                            }
                        }).onFailure(bindings::completeExceptionally);
                    } else {
                        request.response().end(request.sslSession().getProtocol());
                    }
                })
                .listen(0, "127.0.0.1"));
        return server.actualPort();
    }

    private WebSocket connect(Vertx vertx, int port, String host, TestCertificates trusted) throws Exception {
        Path[] pem = trusted.writePem(directory);
        io.vertx.core.http.WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setSsl(true)
                .setVerifyHost(true).setSslEngineOptions(new BouncyCastleTlsEngine())
                .setTrustOptions(new PemTrustOptions().addCertPath(pem[0].toString())));
        clients.add(client);
        return await(client.connect(new WebSocketConnectOptions().setHost(host).setPort(port).setURI("/")));
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
