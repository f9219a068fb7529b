package io.netloom.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.netloom.tls.ServerTrust;

/**
 * A man in the middle that terminates TLS with a certificate of its own choosing (one the victim
 * trusts, say a proxy's) and relays every byte, unchanged, over its own TLS connection to the
 * gateway: what a TLS-terminating proxy or an attacker holding a trusted certificate can do.
 */
final class TlsTerminatingRelay implements AutoCloseable {

    private final NetServer server;
    /** Held while the relay runs: Vert.x closes the connections of clients that are garbage-collected. */
    private final NetClient upstream;

    private TlsTerminatingRelay(NetServer server, NetClient upstream) {
        this.server = server;
        this.upstream = upstream;
    }

    /** Presents {@code presented} to its victims and reaches the gateway on {@code gatewayPort} pinning its certificate. */
    static TlsTerminatingRelay start(Vertx vertx, ServerCertificate presented, int gatewayPort,
            ServerCertificate gatewayCertificate) {
        NetClient upstream = vertx.createNetClient(new NetClientOptions().setSsl(true).setHostnameVerificationAlgorithm("")
                .setTrustOptions(ServerTrust.pinned(gatewayCertificate.fingerprint()).vertxTrustOptions()));
        NetServer server = vertx.createNetServer(new NetServerOptions().setSsl(true)
                .setKeyCertOptions(GatewayTlsOptions.keyCertOptions(presented)));
        server.connectHandler(victim -> {
            victim.pause();
            upstream.connect(gatewayPort, "127.0.0.1").onSuccess(gateway -> relay(victim, gateway))
                    .onFailure(error -> victim.close());
        });
        TestClient.await(server.listen(0, "127.0.0.1"));
        return new TlsTerminatingRelay(server, upstream);
    }

    private static void relay(NetSocket victim, NetSocket gateway) {
        victim.pipeTo(gateway);
        gateway.pipeTo(victim);
        victim.resume();
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        TestClient.await(server.close());
        TestClient.await(upstream.close());
    }
}
