package io.netloom.server.tls;

import io.netloom.gateway.ServerCertificate;
import io.netloom.server.config.NetloomProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Watches the configured certificate and key and, when their content changes and the new pair is whole
 * (both parsed, the key belonging to the certificate), has the server serve it on new connections. Reading
 * the two small files on an interval, rather than file-system events, also follows the symbolic links that
 * certbot and Kubernetes swap. A half-written or mismatched pair is reported once and the current
 * certificate stays until the pair is whole.
 */
@Component
public class CertificateReloader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CertificateReloader.class);

    private final ServerCertificates certificates;
    private ScheduledExecutorService timer;
    private byte[] lastSeen;
    private String lastProblem;

    public CertificateReloader(ServerCertificates certificates) {
        this.certificates = certificates;
    }

    @Override
    public void start() {
        certificates.watchedFiles().ifPresent(files -> {
            lastSeen = contentOf(files);
            timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "tls-certificate-reloader");
                thread.setDaemon(true);
                return thread;
            });
            long interval = files.reloadInterval().toMillis();
            timer.scheduleWithFixedDelay(() -> check(files), interval, interval, TimeUnit.MILLISECONDS);
        });
    }

    private void check(NetloomProperties.Tls files) {
        try {
            byte[] content = contentOf(files);
            if (Arrays.equals(content, lastSeen)) {
                return;
            }
            ServerCertificate replacement = PemCertificateFiles.read(files.certificate(), files.privateKey());
            lastSeen = content;
            lastProblem = null;
            if (!replacement.fingerprint().equals(certificates.current().orElseThrow().fingerprint())) {
                certificates.replace(replacement);
            }
        } catch (InvalidCertificateException | RuntimeException e) {
            String problem = String.valueOf(e.getMessage());
            if (!problem.equals(lastProblem)) {
                lastProblem = problem;
                log.warn("The TLS files changed but cannot be used yet, so the current certificate stays: {}", problem);
            }
        }
    }

    /** Both files' bytes: a change to either is a candidate (a certificate renewed with the same key too). */
    private static byte[] contentOf(NetloomProperties.Tls files) {
        try {
            byte[] certificate = Files.readAllBytes(files.certificate());
            byte[] key = Files.readAllBytes(files.privateKey());
            byte[] both = Arrays.copyOf(certificate, certificate.length + 1 + key.length);
            both[certificate.length] = 0;
            System.arraycopy(key, 0, both, certificate.length + 1, key.length);
            return both;
        } catch (IOException e) {
            return ("unreadable: " + e.getMessage()).getBytes(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
