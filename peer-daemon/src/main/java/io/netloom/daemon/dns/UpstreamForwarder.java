package io.netloom.daemon.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;

/**
 * Forwards questions with dnsjava's {@link SimpleResolver}: one upstream after the other, each given an equal share
 * of the question's time budget, under a fresh random id from a random source port (dnsjava's). dnsjava checks the
 * answer's id, name, class and type, and retries a truncated UDP answer over TCP.
 */
public final class UpstreamForwarder implements Forwarder, AutoCloseable {

    /**
     * How long one question may take over all of its upstreams: less than a stub resolver's own timeout (glibc: 5 s),
     * so that it hears SERVFAIL and moves on to its next nameserver rather than giving up on this one.
     */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(4);
    /**
     * Questions upstream at once. Each holds a socket until dnsjava lets it go; beyond this, questions fail at once
     * rather than exhaust the daemon's file descriptors.
     */
    static final int MAX_IN_FLIGHT = 256;

    private final Duration budget;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final SecureRandom ids = new SecureRandom();
    private final ExecutorService completions = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dns-upstream");
        thread.setDaemon(true);
        return thread;
    });

    public UpstreamForwarder(Duration budget) {
        this.budget = budget;
    }

    @Override
    public CompletableFuture<Message> forward(Message query, Upstreams upstreams, boolean tcp) {
        List<InetSocketAddress> servers = upstreams.servers();
        return ask(query, servers, 0, budget.dividedBy(servers.size()), tcp, null);
    }

    private CompletableFuture<Message> ask(Message query, List<InetSocketAddress> servers, int index, Duration share,
            boolean tcp, Throwable last) {
        if (index == servers.size()) {
            return CompletableFuture.failedFuture(last);
        }
        InetSocketAddress server = servers.get(index);
        return once(query, server, share, tcp).handle((answer, error) -> {
            if (error == null && usable(answer)) {
                return CompletableFuture.completedFuture(answer);
            }
            Throwable why = error != null ? error
                    : new IOException(server + " answered " + Rcode.string(answer.getRcode()));
            return ask(query, servers, index + 1, share, tcp, why);
        }).thenCompose(Function.identity());
    }

    /** SERVFAIL and REFUSED say "ask someone else"; any other answer, NXDOMAIN too, is the answer. */
    private static boolean usable(Message answer) {
        return answer.getRcode() != Rcode.SERVFAIL && answer.getRcode() != Rcode.REFUSED;
    }

    private CompletableFuture<Message> once(Message query, InetSocketAddress server, Duration timeout, boolean tcp) {
        if (!inFlight.tryAcquire()) {
            return CompletableFuture.failedFuture(new IOException(MAX_IN_FLIGHT + " questions upstream already"));
        }
        CompletableFuture<Message> answer;
        try {
            SimpleResolver resolver = new SimpleResolver(server);
            resolver.setTimeout(timeout);
            resolver.setTCP(tcp);
            Message sent = query.clone();
            sent.getHeader().setID(ids.nextInt(0x10000));
            answer = resolver.sendAsync(sent, completions).toCompletableFuture();
        } catch (RuntimeException e) {
            inFlight.release();
            return CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((message, error) -> inFlight.release());
        // dnsjava notices its own timeouts only while its selector is idle; this one holds under load too. On a copy,
        // so that the socket stays counted until dnsjava has closed it.
        return answer.copy().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        completions.shutdownNow();
    }
}
