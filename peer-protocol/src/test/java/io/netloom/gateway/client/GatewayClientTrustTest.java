package io.netloom.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.netloom.gateway.client.Futures.await;
import static io.netloom.gateway.client.Futures.read;

import com.fasterxml.jackson.databind.JsonNode;
import io.netloom.gateway.protocol.ChannelBinding;
import io.netloom.gateway.protocol.GatewaySignIn;
import io.netloom.gateway.protocol.Wire;
import io.netloom.gateway.protocol.X25519Keys;
import io.netloom.gateway.tls.BouncyCastleTlsEngine;
import io.netloom.gateway.tls.TlsChannels;
import io.netloom.tls.CertificateFingerprint;
import io.netloom.tls.ServerTrust;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's trust in the gateway (ADR 0013's {@link ServerTrust}) on the channel-binding TLS engine
 * (ADR 0014): a pin accepts its one certificate whatever names it carries; without a pin the runtime's
 * certificate authorities decide and the host name is checked; every refusal is traced back to the
 * certificate, as the daemon reports it; and an accepted connection is bound to the certificate trusted.
 */
@ExtendWith(VertxExtension.class)
class GatewayClientTrustTest {

    private static final char[] STORE_PASSWORD = "test-authorities".toCharArray();

    @TempDir
    Path directory;
    private final X25519Keys gateway = X25519Keys.generate();
    private final X25519Keys peer = X25519Keys.generate();
    /** Held while the test runs: Vert.x closes the connections of clients that are garbage-collected. */
    private final List<GatewayClient> clients = new ArrayList<>();

    @Test
    void connectWhenPinnedThenSignedInOnAConnectionBoundToThePinnedCertificateWhateverItsName(Vertx vertx)
            throws Exception {
        Issued served = Authority.create().issue(new GeneralName(GeneralName.dNSName, "gateway.example"));
        URI url = tlsGateway(vertx, served);

        WebSocket socket = await(client(vertx, ServerTrust.pinned(CertificateFingerprint.of(served.certificate())))
                .connect(url, peer, gateway.publicKey(), -1, "test", ignored -> { }));

        ChannelBinding binding = TlsChannels.bindingOf(socket);
        assertThat(binding.isBound()).isTrue();
        assertThat(binding.serverCertificateSha256()).isEqualTo(sha256(served.certificate()));
    }

    @Test
    void connectWhenPinDiffersThenFailureTracedToThePinMismatch(Vertx vertx) throws Exception {
        Authority authority = Authority.create();
        Issued served = authority.issue(loopback());
        CertificateFingerprint other = CertificateFingerprint.of(authority.issue(loopback()).certificate());
        URI url = tlsGateway(vertx, served);
        ServerTrust trust = ServerTrust.pinned(other);

        Throwable failure = failureOf(client(vertx, trust).connect(url, peer, gateway.publicKey(), -1, "test",
                ignored -> { }));

        ServerTrust.Refusal refusal = trust.refusalBehind(failure).orElseThrow();
        assertThat(refusal.pinMismatch()).isTrue();
        assertThat(refusal.presented()).isEqualTo(CertificateFingerprint.of(served.certificate()));
        assertThat(refusal.expected()).isEqualTo(other);
    }

    @Test
    void connectWhenCertificateAuthorityTrustedAndNameMatchesThenSignedIn(Vertx vertx) throws Exception {
        Authority authority = Authority.create();
        URI url = tlsGateway(vertx, authority.issue(loopback()));
        ServerTrust trust = trustingOnly(authority);

        WebSocket socket = await(client(vertx, trust).connect(url, peer, gateway.publicKey(), -1, "test",
                ignored -> { }));

        assertThat(TlsChannels.bindingOf(socket).isBound()).isTrue();
        assertThat(trust.lastRefusal()).isEmpty();
    }

    @Test
    void connectWhenCertificateAuthorityTrustedButIssuedForAnotherNameThenRefusedForTheHostName(Vertx vertx)
            throws Exception {
        Authority authority = Authority.create();
        Issued served = authority.issue(new GeneralName(GeneralName.dNSName, "gateway.example"));
        URI url = tlsGateway(vertx, served);
        ServerTrust trust = trustingOnly(authority);

        Throwable failure = failureOf(client(vertx, trust).connect(url, peer, gateway.publicKey(), -1, "test",
                ignored -> { }));

        ServerTrust.Refusal refusal = trust.refusalBehind(failure).orElseThrow();
        assertThat(refusal.pinMismatch()).isFalse();
        assertThat(refusal.presented()).isEqualTo(CertificateFingerprint.of(served.certificate()));
        assertThat(refusal.reason()).contains("not issued for this host name");
    }

    @Test
    void connectWhenNotPinnedAndCertificateFromAnUnknownAuthorityThenRefusedAsUntrusted(Vertx vertx)
            throws Exception {
        URI url = tlsGateway(vertx, Authority.create().issue(loopback()));
        ServerTrust trust = trustingOnly(Authority.create());

        Throwable failure = failureOf(client(vertx, trust).connect(url, peer, gateway.publicKey(), -1, "test",
                ignored -> { }));

        assertThat(trust.refusalBehind(failure).orElseThrow().reason()).contains("certificate authority");
    }

    private GatewayClient client(Vertx vertx, ServerTrust trust) {
        GatewayClient client = new GatewayClient(vertx, 1, trust);
        clients.add(client);
        return client;
    }

    /**
     * The runtime's certificate authorities, as {@link ServerTrust#certificateAuthorities()} reads them, being
     * only {@code authority}: the standard trust-store properties point at a store holding it while the trust
     * is built, and are put back at once.
     */
    private ServerTrust trustingOnly(Authority authority) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("test-authority", authority.certificate());
        Path file = Files.createTempFile(directory, "authorities", ".p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, STORE_PASSWORD);
        }
        String[] properties = {"javax.net.ssl.trustStore", "javax.net.ssl.trustStoreType",
            "javax.net.ssl.trustStorePassword"};
        String[] values = {file.toString(), "PKCS12", new String(STORE_PASSWORD)};
        String[] previous = new String[properties.length];
        for (int i = 0; i < properties.length; i++) {
            previous[i] = System.setProperty(properties[i], values[i]);
        }
        try {
            return ServerTrust.certificateAuthorities();
        } finally {
            for (int i = 0; i < properties.length; i++) {
                if (previous[i] == null) {
                    System.clearProperty(properties[i]);
                } else {
                    System.setProperty(properties[i], previous[i]);
                }
            }
        }
    }

    /** A gateway on the channel-binding engine serving {@code served}: it checks the bound proof and welcomes. */
    private URI tlsGateway(Vertx vertx, Issued served) throws GeneralSecurityException, IOException {
        HttpServerOptions options = new HttpServerOptions().setSsl(true).setSslEngineOptions(new BouncyCastleTlsEngine())
                .setKeyCertOptions(served.keyCertOptions());
        int port = await(vertx.createHttpServer(options).webSocketHandler(socket -> {
            byte[] nonce = new byte[GatewaySignIn.NONCE_BYTES];
            new SecureRandom().nextBytes(nonce);
            GatewaySignIn signIn = new GatewaySignIn(nonce, TlsChannels.bindingOf(socket));
            socket.textMessageHandler(text -> {
                JsonNode message = read(text);
                if (signIn.isPeerProof(gateway, X25519Keys.decodePublicKey(message.path("key").asText()),
                        Base64.getDecoder().decode(message.path("proof").asText()))) {
                    socket.writeTextMessage(Wire.welcome(signIn.gatewayProof(gateway, peer.publicKey())));
                } else {
                    socket.close((short) 4401, "bad proof");
                }
            });
            socket.writeTextMessage(Wire.challenge(nonce));
        }).listen(0, "127.0.0.1")).actualPort();
        return URI.create("wss://127.0.0.1:" + port + Wire.PEER_PATH);
    }

    private static GeneralName loopback() {
        return new GeneralName(GeneralName.iPAddress, "127.0.0.1");
    }

    private static byte[] sha256(X509Certificate certificate) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    }



    private static Throwable failureOf(Future<?> future) {
        assertThatThrownBy(() -> await(future)).isInstanceOf(IllegalStateException.class);
        return future.cause();
    }

    /** A certificate and its key, as a gateway is given them. */
    private record Issued(X509Certificate certificate, KeyPair keys) {

        KeyCertOptions keyCertOptions() throws GeneralSecurityException, IOException {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("gateway", keys.getPrivate(), STORE_PASSWORD, new X509Certificate[] {certificate});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, STORE_PASSWORD);
            return KeyCertOptions.wrap(factory);
        }
    }

    /** A certificate authority of the test's own, issuing ECDSA P-256 server certificates. */
    private record Authority(X509Certificate certificate, KeyPair keys) {

        private static final X500Name NAME = new X500Name("CN=Netloom test authority");

        static Authority create() throws GeneralSecurityException, IOException, OperatorCreationException {
            KeyPair keys = p256();
            JcaX509v3CertificateBuilder builder = builder(NAME, NAME, keys);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new Authority(sign(builder, keys), keys);
        }

        Issued issue(GeneralName name) throws GeneralSecurityException, IOException, OperatorCreationException {
            KeyPair server = p256();
            JcaX509v3CertificateBuilder builder = builder(NAME, new X500Name("CN=gateway"), server);
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(name));
            return new Issued(sign(builder, keys), server);
        }

        private static JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair subjectKeys) {
            Instant now = Instant.now();
            return new JcaX509v3CertificateBuilder(issuer, new BigInteger(63, new SecureRandom()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
                    subjectKeys.getPublic());
        }

        private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair signer)
                throws GeneralSecurityException, OperatorCreationException {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
        }

        private static KeyPair p256() throws GeneralSecurityException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        }
    }
}
