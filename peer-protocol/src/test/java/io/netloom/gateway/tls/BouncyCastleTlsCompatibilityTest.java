package io.netloom.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jsse.BCSSLSocket;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * bctls 1.84 runs against bcprov/bcutil 1.87 here (ADR 0014): real handshakes through Bouncy Castle's
 * JSSE provider both ways with the JDK's JSSE and with itself, TLS 1.3 and 1.2, each certificate key
 * type, over the runtime's crypto and over Bouncy Castle's own (which exercises far more of bcprov),
 * and every key exchange group, post-quantum hybrids included. It also pins down why the gateway
 * does not use that provider: it will not export the tls-exporter once the handshake is over.
 */
class BouncyCastleTlsCompatibilityTest {

    private static final Provider JDK = jdkProvider();
    private static final Provider BC_OVER_JDK_CRYPTO = new BouncyCastleJsseProvider();
    private static final Provider BC_OVER_BC_CRYPTO = new BouncyCastleJsseProvider(new BouncyCastleProvider());

    static Stream<Arguments> pairings() {
        List<Arguments> cases = new ArrayList<>();
        Provider[][] pairs = {{BC_OVER_JDK_CRYPTO, JDK}, {JDK, BC_OVER_JDK_CRYPTO}, {BC_OVER_JDK_CRYPTO, BC_OVER_JDK_CRYPTO},
                {BC_OVER_BC_CRYPTO, JDK}, {JDK, BC_OVER_BC_CRYPTO}, {BC_OVER_BC_CRYPTO, BC_OVER_BC_CRYPTO}};
        for (Provider[] pair : pairs) {
            for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
                for (TestCertificates.KeyType key : TestCertificates.KeyType.values()) {
                    if (!isJsseLimitation(pair[0], pair[1], protocol, key)) {
                        cases.add(Arguments.of(name(pair[0]), pair[0], name(pair[1]), pair[1], protocol, key));
                    }
                }
            }
        }
        return cases.stream();
    }

    /**
     * What Bouncy Castle's JSSE provider cannot do at all: RSA-PSS over the JDK's crypto (it asks the
     * JDK for signature names the JDK does not have) and an Ed25519 server key from the JDK's key
     * store. These fail the same way with bcprov and bcutil 1.84, so they say nothing about mixing
     * versions; the gateway's own engine (ChannelBindingSslEngineTest) does both.
     */
    private static boolean isJsseLimitation(Provider server, Provider client, String protocol,
            TestCertificates.KeyType key) {
        boolean rsaPssOverJdkCrypto = key == TestCertificates.KeyType.RSA_2048 && protocol.equals("TLSv1.3")
                && (server == BC_OVER_JDK_CRYPTO || client == BC_OVER_JDK_CRYPTO);
        boolean ed25519ServerKey = key == TestCertificates.KeyType.ED25519 && server != JDK;
        return rsaPssOverJdkCrypto || ed25519ServerKey;
    }

    @ParameterizedTest(name = "server {0}, client {2}, {4}, {5}")
    @MethodSource("pairings")
    void handshakeWhenProvidersMixedThenDataFlowsBothWays(String serverName, Provider server,
            String clientName, Provider client, String protocol, TestCertificates.KeyType key) throws Exception {
        Handshake result = handshake(TestCertificates.forLoopback(key), server, client, protocol, null);

        assertThat(result.echo()).isEqualTo("hello over " + protocol);
        assertThat(result.serverProtocol()).isEqualTo(protocol);
        assertThat(result.clientProtocol()).isEqualTo(protocol);
        if (protocol.equals("TLSv1.2") && result.serverUnique() != null && result.clientUnique() != null) {
            assertThat(result.serverUnique()).isNotEmpty().isEqualTo(result.clientUnique());
        }
    }

    static Stream<Arguments> groups() {
        return Stream.of("x25519", "secp256r1", "secp384r1", "x448", "ffdhe2048", "X25519MLKEM768", "SecP256r1MLKEM768",
                "MLKEM768").map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groups")
    void handshakeWhenOnlyOneGroupOfferedThenBouncyCastleCompletesIt(String group) throws Exception {
        // RSA: Bouncy Castle offers ECDSA schemes only for curves among the groups it offers.
        Handshake result = handshake(TestCertificates.forLoopback(TestCertificates.KeyType.RSA_2048), BC_OVER_BC_CRYPTO,
                BC_OVER_BC_CRYPTO, "TLSv1.3", group);

        assertThat(result.echo()).isEqualTo("hello over TLSv1.3");
        assertThat(result.clientProtocol()).isEqualTo("TLSv1.3");
    }

    /**
     * Bouncy Castle clears its exporter secret right after its handshake-complete callback, which its
     * JSSE engine offers to no one: if a later version keeps it, this fails, and ADR 0014's own engine
     * may give way to the provider.
     */
    @Test
    void exporterWhenReadFromBouncyCastleJsseAfterHandshakeThenUnavailable() throws Exception {
        Handshake result = handshake(TestCertificates.forLoopback(TestCertificates.KeyType.EC_P256), BC_OVER_JDK_CRYPTO,
                BC_OVER_JDK_CRYPTO, "TLSv1.3", null);

        assertThat(result.clientExporterFailure()).contains("only available from notifyHandshakeComplete()");
    }

    private record Handshake(String echo, String serverProtocol, String clientProtocol, byte[] serverUnique,
            byte[] clientUnique, String clientExporterFailure) {
    }

    private static Handshake handshake(TestCertificates certificate, Provider serverProvider, Provider clientProvider,
            String protocol, String group) throws Exception {
        SSLContext serverContext = SSLContext.getInstance("TLS", serverProvider);
        // Bouncy Castle's server cannot pick TLS 1.3 credentials from the JDK's key managers: it gets its own.
        serverContext.init(certificate.keyManagers(serverProvider == JDK ? null : serverProvider).getKeyManagers(), null,
                new SecureRandom());
        SSLContext clientContext = SSLContext.getInstance("TLS", clientProvider);
        clientContext.init(null, certificate.trustManagers().getTrustManagers(), new SecureRandom());
        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            listener.setEnabledProtocols(new String[] {protocol});
            CompletableFuture<Object[]> served = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    restrictGroup(socket, group);
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                            StandardCharsets.UTF_8));
                    String line = in.readLine();
                    PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
                    out.println(line);
                    Object[] seen = {socket.getSession().getProtocol(), unique(socket)};
                    in.readLine();
                    return seen;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                return talk(clientContext, listener, protocol, group, served);
            } catch (Exception clientFailure) {
                // The server's side of a failed handshake says why; the client's usually only that it failed.
                try {
                    served.get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException serverFailure) {
                    clientFailure.addSuppressed(serverFailure.getCause());
                }
                throw clientFailure;
            }
        }
    }

    private static Handshake talk(SSLContext clientContext, SSLServerSocket listener, String protocol, String group,
            CompletableFuture<Object[]> served) throws Exception {
        {
            try (SSLSocket socket = (SSLSocket) clientContext.getSocketFactory().createSocket(
                    listener.getInetAddress(), listener.getLocalPort())) {
                socket.setEnabledProtocols(new String[] {protocol});
                restrictGroup(socket, group);
                PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
                out.println("hello over " + protocol);
                String echo = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
                String clientProtocol = socket.getSession().getProtocol();
                byte[] clientUnique = unique(socket);
                String exporterFailure = exporterFailure(socket);
                out.println("bye");
                Object[] seen = served.get(30, TimeUnit.SECONDS);
                return new Handshake(echo, (String) seen[0], clientProtocol, (byte[]) seen[1], clientUnique,
                        exporterFailure);
            }
        }
    }

    private static void restrictGroup(SSLSocket socket, String group) {
        if (group != null) {
            BCSSLSocket bouncyCastle = (BCSSLSocket) socket;
            BCSSLParameters parameters = bouncyCastle.getParameters();
            parameters.setNamedGroups(new String[] {group});
            bouncyCastle.setParameters(parameters);
        }
    }

    /** RFC 5929's tls-unique where the end can tell it (Bouncy Castle, TLS 1.2); null otherwise. */
    private static byte[] unique(SSLSocket socket) {
        return socket instanceof BCSSLSocket bouncyCastle
                ? bouncyCastle.getConnection().getChannelBinding("tls-unique") : null;
    }

    private static String exporterFailure(SSLSocket socket) {
        if (!(socket instanceof BCSSLSocket bouncyCastle)) {
            return null;
        }
        try {
            bouncyCastle.getConnection().getChannelBinding("tls-exporter");
            return null;
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    private static String name(Provider provider) {
        if (provider == JDK) {
            return "JDK";
        }
        return provider == BC_OVER_JDK_CRYPTO ? "BCJSSE(JDK crypto)" : "BCJSSE(BC crypto)";
    }

    private static Provider jdkProvider() {
        try {
            return SSLContext.getDefault().getProvider();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
