package io.netloom.tls;

import io.vertx.core.net.TrustOptions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How a client decides whether to trust the Netloom server it connects to (management API or gateway):
 * either exactly one certificate, pinned by its SHA-256 fingerprint (the server's generated certificate;
 * names and dates are not checked, the pin is the identity), or the Java runtime's certificate authorities
 * with host-name verification (a CA-issued certificate). Either way it remembers what the last refused
 * server presented, so that the refusal can be explained to a person.
 */
public final class ServerTrust {

    private final CertificateFingerprint pin;
    private final X509ExtendedTrustManager trustManager;
    private final AtomicReference<Refused> lastRefusal = new AtomicReference<>();

    private ServerTrust(CertificateFingerprint pin) {
        this.pin = pin;
        this.trustManager = pin == null ? new CertificateAuthorities(runtimeTrustManager(), this::record)
                : new PinnedCertificate(pin, this::record);
    }

    public static ServerTrust pinned(CertificateFingerprint pin) {
        return new ServerTrust(Objects.requireNonNull(pin, "pin"));
    }

    public static ServerTrust certificateAuthorities() {
        return new ServerTrust(null);
    }

    /** Pinned when {@code pin} is present, else the runtime's certificate authorities. */
    public static ServerTrust of(Optional<CertificateFingerprint> pin) {
        return pin.map(ServerTrust::pinned).orElseGet(ServerTrust::certificateAuthorities);
    }

    public Optional<CertificateFingerprint> pin() {
        return Optional.ofNullable(pin);
    }

    /** Host names are checked only without a pin: a pinned certificate is the server's identity by itself. */
    public boolean verifiesHostName() {
        return pin == null;
    }

    /** For {@code java.net.http.HttpClient} and other JSSE clients. */
    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime offers no TLS context", e);
        }
    }

    /** For Vert.x clients; set {@code verifyHost} to {@link #verifiesHostName()}. */
    public TrustOptions vertxTrustOptions() {
        return TrustOptions.wrap(trustManager);
    }

    /** What the last refused server presented and why, if this trust has refused one. */
    public Optional<Refusal> lastRefusal() {
        return Optional.ofNullable(lastRefusal.get()).map(Refused::refusal);
    }

    /**
     * The refusal behind {@code failure} when the connection failed because this trust refused the server's
     * certificate (the refusal's exception, or one saying the same, is among its causes: a client may
     * have tried twice); empty for any other failure (no route, connection refused, timeout...).
     */
    public Optional<Refusal> refusalBehind(Throwable failure) {
        Refused last = lastRefusal.get();
        if (last == null) {
            return Optional.empty();
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException
                    && Objects.equals(cause.getMessage(), last.exception().getMessage())) {
                return Optional.of(last.refusal());
            }
        }
        return Optional.empty();
    }

    private void record(Refusal refusal, CertificateException exception) {
        lastRefusal.set(new Refused(refusal, exception));
    }

    /** A refusal and the exception that carried it into the TLS stack, by which a failure is traced to it. */
    private record Refused(Refusal refusal, CertificateException exception) {
    }

    /** Receives each refusal with the exception thrown for it. */
    @FunctionalInterface
    interface RefusalRecorder {
        void record(Refusal refusal, CertificateException exception);
    }

    /**
     * A server certificate this trust refused.
     *
     * @param presented the fingerprint of the certificate the server presented
     * @param expected the pinned fingerprint; null when the certificate authorities decided
     * @param reason why it was refused, in words
     */
    public record Refusal(CertificateFingerprint presented, CertificateFingerprint expected, String reason) {

        public boolean pinMismatch() {
            return expected != null;
        }
    }

    private static X509ExtendedTrustManager runtimeTrustManager() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            return Arrays.stream(factory.getTrustManagers())
                    .filter(X509ExtendedTrustManager.class::isInstance)
                    .map(X509ExtendedTrustManager.class::cast)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the Java runtime has no X.509 trust manager"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime's trusted certificates cannot be loaded", e);
        }
    }

    static CertificateFingerprint leafOf(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server presented no certificate");
        }
        return CertificateFingerprint.of(chain[0]);
    }
}
