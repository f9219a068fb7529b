package io.netloom.daemon.management;

import io.netloom.daemon.status.ServiceStatus;
import io.netloom.tls.ServerTrust;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Whether the management server answers. The daemon needs it only to enroll; the tunnels never
 * depend on it, but {@code status} should say when the control plane is down.
 */
public final class ManagementProbe implements AutoCloseable {

    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private final URI url;
    private final ServerTrust trust;
    private final Clock clock;
    private final HttpClient http;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "management-probe");
        thread.setDaemon(true);
        return thread;
    });
    private volatile ServiceStatus status;

    public ManagementProbe(URI url, ServerTrust trust, Clock clock) {
        this.url = url;
        this.trust = trust;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(trust.sslContext()).build();
        this.clock = clock;
        this.status = new ServiceStatus(url.toString(), "unknown", clock.instant(), null);
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::probe, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    public ServiceStatus status() {
        return status;
    }

    private void probe() {
        HttpRequest request = HttpRequest.newBuilder(url.resolve("/api/netloom/openapi")).timeout(Duration.ofSeconds(5))
                .GET().build();
        String state;
        String error = null;
        try {
            http.send(request, HttpResponse.BodyHandlers.discarding());
            state = "connected";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            state = "disconnected";
            error = trust.refusalBehind(e).map(refusal -> "refused its certificate: " + refusal.reason())
                    .orElseGet(() -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        if (!state.equals(status.state())) {
            status = new ServiceStatus(url.toString(), state, clock.instant(), error);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
