package io.netloom.server.tls;

import io.netloom.gateway.ServerCertificate;
import io.netloom.server.config.NetloomProperties;
import io.netloom.server.storage.PrivateFiles;
import io.netloom.tls.CertificateFingerprint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The certificate the API and the gateway serve, decided once at start: the configured PEM files
 * ({@code netloom.tls.certificate}, {@code netloom.tls.private-key}), else the certificate generated into the
 * data directory, else none with {@code netloom.insecure-http=true}, which is logged as a warning at every
 * start. Its fingerprint is logged at every start and written to {@code <data-dir>/server-fingerprint},
 * beside the admin token; both follow a configured certificate when it is replaced.
 */
@Component
public class ServerCertificates {

    private static final Logger log = LoggerFactory.getLogger(ServerCertificates.class);
    private static final List<String> RENAMED = List.of("netloom.gateway.tls-certificate", "netloom.gateway.tls-key");

    private final NetloomProperties.Tls settings;
    private final Path dataDir;
    private final Path fingerprintFile;
    private final boolean generated;
    private final List<Consumer<ServerCertificate>> reloadListeners = new CopyOnWriteArrayList<>();
    private volatile ServerCertificate current;

    public ServerCertificates(NetloomProperties properties, Environment environment, Clock clock) {
        refuseRenamedSettings(environment);
        this.settings = properties.tls();
        this.dataDir = properties.dataDir();
        this.fingerprintFile = properties.dataDir().resolve("server-fingerprint").toAbsolutePath();
        if (properties.insecureHttp()) {
            if (settings.configured()) {
                throw new IllegalStateException("netloom.insecure-http=true and netloom.tls.certificate exclude each "
                        + "other: remove one");
            }
            this.generated = false;
            this.current = null;
            deleteFingerprintFile();
            log.warn("netloom.insecure-http=true: the API and the gateway speak plain HTTP and WebSocket. Setup keys, "
                    + "tokens and enrollment answers cross the network unencrypted and can be read or changed by "
                    + "anyone on the way; devices must be started with --allow-insecure-http. Use this in a lab only.");
            return;
        }
        this.generated = !settings.configured();
        this.current = generated ? generated(properties, clock.instant()) : configured();
        writeFingerprintFile(current);
        log.info("TLS for the API and the gateway: {} with SHA-256 fingerprint {} (also in {}){}", source(),
                current.fingerprint(), fingerprintFile, generated ? "; devices pin it with `netloom up "
                        + "--server-fingerprint " + current.fingerprint() + "`" : "");
    }

    /** The certificate served now; empty when the server speaks plain HTTP. */
    public Optional<ServerCertificate> current() {
        return Optional.ofNullable(current);
    }

    public boolean usesTls() {
        return current != null;
    }

    /**
     * The fingerprint devices may pin: that of the generated certificate, which never changes. A configured
     * certificate is renewed from time to time; devices trust it through its certificate authority instead.
     */
    public Optional<CertificateFingerprint> pinnableFingerprint() {
        return generated ? Optional.of(current.fingerprint()) : Optional.empty();
    }

    /** The configured files to watch for a replacement; empty when the certificate is generated or TLS is off. */
    Optional<NetloomProperties.Tls> watchedFiles() {
        return current != null && !generated ? Optional.of(settings) : Optional.empty();
    }

    /** {@code listener} receives every certificate that replaces the current one, on the reloading thread. */
    public void onReload(Consumer<ServerCertificate> listener) {
        reloadListeners.add(listener);
    }

    /** Serves {@code replacement} from now on: the fingerprint file and the log follow, then the listeners. */
    void replace(ServerCertificate replacement) {
        ServerCertificate previous = current;
        current = replacement;
        writeFingerprintFile(replacement);
        log.info("TLS certificate reloaded from {}: SHA-256 fingerprint {} (was {})", settings.certificate(),
                replacement.fingerprint(), previous.fingerprint());
        reloadListeners.forEach(listener -> listener.accept(replacement));
    }

    private String source() {
        return generated ? "the certificate generated in " + GeneratedCertificate.certificateFile(dataDir).toAbsolutePath()
                : settings.certificate() + " (reloaded when the files change)";
    }

    private static ServerCertificate generated(NetloomProperties properties, Instant now) {
        SubjectAlternativeNames names = SubjectAlternativeNames.of(HostName.ofThisMachine().orElse(null),
                properties.publicUrl(), properties.tls().subjectAlternativeNames());
        try {
            ServerCertificate certificate = GeneratedCertificate.loadOrCreate(properties.dataDir(), names, now);
            List<String> missing = SubjectAlternativeNames.missingFrom(certificate.leaf(),
                    SubjectAlternativeNames.configured(properties.publicUrl(), properties.tls().subjectAlternativeNames()));
            if (!missing.isEmpty()) {
                log.warn("The generated certificate does not name {}, configured after it was made: clients that check "
                        + "names will refuse it there. Stop the server and delete {} and {} to have a new one generated; "
                        + "devices that pinned the old one must then be enrolled again with the new fingerprint.",
                        missing, GeneratedCertificate.certificateFile(properties.dataDir()),
                        GeneratedCertificate.keyFile(properties.dataDir()));
            }
            return certificate;
        } catch (InvalidCertificateException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the generated certificate in " + properties.dataDir(), e);
        }
    }

    private ServerCertificate configured() {
        if (settings.certificate() == null || settings.privateKey() == null) {
            throw new IllegalStateException("set both netloom.tls.certificate and netloom.tls.private-key, or neither "
                    + "(the server then generates its own certificate)");
        }
        try {
            return PemCertificateFiles.read(settings.certificate(), settings.privateKey());
        } catch (InvalidCertificateException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private void writeFingerprintFile(ServerCertificate certificate) {
        try {
            PrivateFiles.write(fingerprintFile, certificate.fingerprint() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + fingerprintFile, e);
        }
    }

    /** A fingerprint left from a start with TLS would describe a certificate that is not being served. */
    private void deleteFingerprintFile() {
        try {
            Files.deleteIfExists(fingerprintFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + fingerprintFile, e);
        }
    }

    private static void refuseRenamedSettings(Environment environment) {
        Binder binder = Binder.get(environment);
        for (String name : RENAMED) {
            if (binder.bind(name, String.class).isBound()) {
                throw new IllegalStateException(name + " is gone: netloom.tls.certificate and netloom.tls.private-key "
                        + "now give the certificate of the API and the gateway together");
            }
        }
    }
}
