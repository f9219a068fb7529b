package io.netloom.ops.bench;

import io.netloom.gateway.tls.BouncyCastleTlsEngine;
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
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * What the gateway's TLS engine costs (ADR 0014): N WebSocket upgrades over TLS 1.3 on loopback
 * (handshake, upgrade request, 101), a few at a time, with the JDK's engine (what the gateway used before) and with the
 * Bouncy Castle engine that keeps the tls-exporter, in alternating rounds. Server and client run in
 * this one JVM, so the CPU time per session covers both ends of each handshake; it is the figure
 * to compare on a shared machine, where wall time depends on the neighbours. The heap the open
 * sessions hold, both ends together, is measured after collecting garbage.
 *
 * <pre>java io.netloom.ops.bench.TlsHandshakeBenchmark --sessions 2000 --concurrency 64 --rounds 3 --key ec</pre>
 */
public final class TlsHandshakeBenchmark {

    private TlsHandshakeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        int sessions = Integer.parseInt(options.getOrDefault("sessions", "2000"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "64"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        String key = options.getOrDefault("key", "ec");
        Path directory = Files.createTempDirectory("netloom-tls-bench");
        Path[] pem = certificate(directory, key);
        Vertx vertx = Vertx.vertx();
        try {
            for (int round = 1; round <= rounds; round++) {
                for (String engine : new String[] {"jdk", "bouncycastle"}) {
                    System.out.println(round(vertx, pem, engine, sessions, concurrency, round));
                }
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static String round(Vertx vertx, Path[] pem, String engine, int sessions, int concurrency, int round)
            throws Exception {
        HttpServer server = await(vertx.createHttpServer(new HttpServerOptions().setSsl(true)
                        .setSslEngineOptions(engineOf(engine)).setKeyCertOptions(new PemKeyCertOptions()
                                .setCertPath(pem[0].toString()).setKeyPath(pem[1].toString())))
                .webSocketHandler(socket -> { })
                .listen(0, "127.0.0.1"));
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setSsl(true)
                .setVerifyHost(true).setSslEngineOptions(engineOf(engine)).setMaxConnections(sessions + 16)
                .setTrustOptions(new PemTrustOptions().addCertPath(pem[0].toString())));
        List<WebSocket> open = new ArrayList<>();
        Semaphore inFlight = new Semaphore(concurrency);
        CountDownLatch upgraded = new CountDownLatch(sessions);
        AtomicInteger failures = new AtomicInteger();
        long heapBefore = heapAfterGc();
        long cpuBefore = processCpuNanos();
        long started = System.nanoTime();
        for (int i = 0; i < sessions; i++) {
            inFlight.acquire();
            client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.actualPort()).setURI("/"))
                    .onComplete(result -> {
                        if (result.succeeded()) {
                            synchronized (open) {
                                open.add(result.result());
                            }
                        } else {
                            failures.incrementAndGet();
                        }
                        inFlight.release();
                        upgraded.countDown();
                    });
        }
        if (!upgraded.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("sessions did not open within 10 minutes");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuMillis = (processCpuNanos() - cpuBefore) / 1e6;
        double heapKibPerSession = (heapAfterGc() - heapBefore) / 1024.0 / sessions;
        await(client.close());
        await(server.close());
        return String.format("round %d %-12s %d sessions in %.1f s = %.0f/s, CPU %.2f ms per session (both ends), "
                + "heap %.1f KiB per open session (both ends), %d failed", round, engine, sessions, seconds,
                sessions / seconds, cpuMillis / sessions, heapKibPerSession, failures.get());
    }

    private static SSLEngineOptions engineOf(String engine) {
        return engine.equals("jdk") ? new JdkSSLEngineOptions() : new BouncyCastleTlsEngine();
    }

    /** Heap in use once garbage is collected: what the open sessions hold. */
    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** A self-signed certificate for 127.0.0.1 with an EC P-256 or RSA 2048 key, as PEM files. */
    private static Path[] certificate(Path directory, String key) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(key.equals("rsa") ? "RSA" : "EC");
        generator.initialize(key.equals("rsa") ? 2048 : 256);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=127.0.0.1");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(1))), name, pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        Path certificate = directory.resolve("bench.crt");
        Path privateKey = directory.resolve("bench.key");
        try (Writer writer = Files.newBufferedWriter(certificate); JcaPEMWriter out = new JcaPEMWriter(writer)) {
            out.writeObject(builder.build(new JcaContentSignerBuilder(key.equals("rsa") ? "SHA256withRSA"
                    : "SHA256withECDSA").build(pair.getPrivate())));
        }
        try (Writer writer = Files.newBufferedWriter(privateKey); JcaPEMWriter out = new JcaPEMWriter(writer)) {
            out.writeObject(new JcaPKCS8Generator(pair.getPrivate(), null).generate());
        }
        return new Path[] {certificate, privateKey};
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
