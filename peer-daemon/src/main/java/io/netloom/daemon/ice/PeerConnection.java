package io.netloom.daemon.ice;

import io.netloom.daemon.relay.TurnException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidatePair;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.RemoteCandidate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection to one remote peer: finds a path with ICE (host and server-reflexive candidates preferred, a TURN
 * relay as fallback) and has WireGuard's UDP datagrams carried over it.
 *
 * <p>WireGuard is given {@link #wireGuardEndpoint()} as this peer's endpoint. On a path from one of our host sockets
 * (P2P, or to the remote end's relay) that the {@link DirectPathOffload} takes, that is the remote end itself and
 * the kernel carries WireGuard's datagrams on ICE's 5-tuple. Otherwise (a relay of our own, no offload, no path
 * yet) it is the proxy, {@code 127.0.0.1:<proxyPort>},
 * which sends what WireGuard sends there over the path ICE selected and delivers what arrives on that path to
 * {@code 127.0.0.1:<wireGuardPort>}. Every change is reported to the endpoint listener.
 *
 * <p>Negotiation is vanilla ICE over the {@link SignalChannel}: the controlling side gathers and sends an
 * {@code offer} (session id, ufrag, password, every candidate), the controlled side gathers and answers with the
 * same session id, then both run connectivity checks and the controlling side nominates (first valid host/srflx
 * pair at once, a relayed pair only after a short wait for a better one). The controlling side re-sends an
 * unanswered offer; negotiates a replacement, still sending on the old path, as soon as the path goes quiet
 * (nothing received for {@link IceTimings#quietAfter()}, or the remote reports the same about us through the path
 * probes: ADR 0040); restarts with exponential backoff when a negotiation fails or the path dies (quiet for
 * {@link IceTimings#inactivityTimeout()}); and periodically tries to replace a RELAYED path with a P2P one,
 * switching only when the new path is P2P and keeping the old one until then. A new offer from the remote replaces the negotiation in progress (the
 * remote restarted); the established path keeps working until the new one is selected.
 *
 * <p>All state lives on one actor thread per connection; ice4j callbacks, timers and signals are posted to it.
 * Nothing here throws for a malformed signal: problems are logged and kept in {@link ConnectionStatus#lastError()}.
 */
public final class PeerConnection implements AutoCloseable {

    public static final String OFFER = "offer";
    public static final String ANSWER = "answer";
    public static final String CLOSE = "close";
    public static final String CANDIDATE = "candidate";

    private static final Logger LOG = LoggerFactory.getLogger(PeerConnection.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * How long the controlled side holds back the handshake initiation WireGuard sent before there was a path
     * ({@link WireGuardProxy#switchTo}): longer than a round trip plus WireGuard's handshake work, short against
     * WireGuard's own 5 s retry.
     */
    private static final long CONTROLLED_INITIATION_HOLD_MILLIS = 300;

    /**
     * How long the controlling side lets the checks of a negotiation run when its relay gathering failed although
     * relays are configured (a relay restarting, say): working direct pairs are selected well within it, and a
     * negotiation that needs the relay is better started again, gathering anew, than left to ice4j's own failure
     * after about 10 s of checks that cannot work.
     */
    private static final Duration WITHOUT_RELAY_CHECK_LIMIT = Duration.ofSeconds(5);
    /**
     * The same when no STUN server answered either (ADR 0041): this device's UDP does not get out, so only a pair on
     * the same LAN could work, and such a pair is valid within a second.
     */
    private static final Duration WITHOUT_RELAY_OR_UDP_CHECK_LIMIT = Duration.ofSeconds(1);

    private enum Phase { GATHERING, AWAITING_ANSWER, CHECKING, CONNECTED, DONE }

    private final String remotePeerId;
    private final boolean controlling;
    /** Replaced by {@link #renewTurn} (actor thread); each negotiation gathers with the settings of its start. */
    private IceSettings settings;
    private final IceTimings timings;
    private final SignalChannel signals;
    private final String name;
    private final WireGuardProxy proxy;
    private final WireGuardRoute route;
    private final ScheduledThreadPoolExecutor actor;
    private volatile Thread actorThread;

    // Confined to the actor thread.
    private boolean started;
    private Negotiation pending;
    private Negotiation established;
    private boolean pathHealthy;
    /** The established path was quiet at the last look: the route to the gateway is checked once per quiet spell. */
    private boolean quietSeen;
    private int failures;
    private long lastUpgradeNanos;
    /** The lifetime of the TURN credentials the gateway renews, once known; {@code null}: relayed paths are kept. */
    private Duration turnLifetime;
    /** When a replacement for the current path last began, 0 when none has. */
    private long lastReplacementNanos;
    /** When the renewal of the current relayed path last began, 0 when it has not. */
    private long lastRenewalNanos;
    private ScheduledFuture<?> restartTimer;
    private ScheduledFuture<?> monitorTask;
    /** Replaced negotiations whose paths still deliver during {@link IceTimings#oldPathGrace()}. */
    private final List<Negotiation> retiring = new ArrayList<>();

    private volatile boolean closed;
    private volatile String state = "idle";
    private volatile Instant since = Instant.now();
    private volatile String lastError;
    private volatile String candidateIssue;
    private volatile IcePath activePath;
    private volatile long connectedAfterMillis = -1;

    /**
     * Binds the proxy socket on {@code 127.0.0.1} (an ephemeral port, constant for this object's life); nothing is
     * sent before {@link #start()} or the first signal.
     *
     * @param controlling whether this side makes the offers; the two ends must disagree (e.g. the smaller key
     *     controls)
     * @throws UncheckedIOException when the proxy socket cannot be bound
     */
    public PeerConnection(String remotePeerId, boolean controlling, IceSettings settings, SignalChannel signals) {
        this(remotePeerId, controlling, settings, signals, DirectPathOffload.NONE, endpoint -> { });
    }

    /**
     * @param offload takes paths on our host sockets off the proxy when it can
     * @param endpointListener told, on this connection's thread, each time {@link #wireGuardEndpoint()} changes
     */
    public PeerConnection(String remotePeerId, boolean controlling, IceSettings settings, SignalChannel signals,
            DirectPathOffload offload, Consumer<InetSocketAddress> endpointListener) {
        this.remotePeerId = Objects.requireNonNull(remotePeerId, "remotePeerId");
        this.controlling = controlling;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.timings = settings.timings();
        this.signals = Objects.requireNonNull(signals, "signals");
        this.name = shortName(remotePeerId);
        Ice4jRuntime.init();
        try {
            this.proxy = new WireGuardProxy(name, settings.wireGuardPort(), !controlling);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the WireGuard proxy socket on 127.0.0.1", e);
        }
        this.route = new WireGuardRoute(proxy, Objects.requireNonNull(offload, "offload"),
                Objects.requireNonNull(endpointListener, "endpointListener"));
        this.actor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "nl-ice-" + name);
            thread.setDaemon(true);
            actorThread = thread;
            return thread;
        });
        actor.setRemoveOnCancelPolicy(true);
        actor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        actor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        if (!settings.problems().isEmpty()) {
            candidateIssue = String.join("; ", settings.problems());
        }
    }

    /** The endpoint to configure in WireGuard for this peer: the proxy, or the remote end of an offloaded path. */
    public InetSocketAddress wireGuardEndpoint() {
        return route.endpoint();
    }

    public String remotePeerId() {
        return remotePeerId;
    }

    public boolean controlling() {
        return controlling;
    }

    /** Controlling side: gathers and sends an offer. Controlled side: waits for one. Idempotent. */
    public void start() {
        execute(() -> {
            if (closed || started) {
                return;
            }
            begin();
            if (controlling) {
                startNegotiation(NegotiationPurpose.CONNECT);
            }
        });
    }

    /**
     * The remote peer has a new gateway session, so it has most likely restarted and the path it had is gone,
     * however healthy ours still looks. The controlling side negotiates anew at once, keeping the current path
     * until the new one is selected, instead of waiting for the dead-path timeout; the controlled side waits for
     * that offer (a restarted controlling peer sends one anyway).
     */
    public void remoteCameOnline() {
        execute(() -> {
            if (closed || !controlling) {
                return;
            }
            if (!started) {
                begin();
            }
            failures = 0;
            startNegotiation(NegotiationPurpose.CONNECT);
        });
    }

    /**
     * Fresh TURN credentials (valid for {@code lifetime}): every later gathering uses them, and the controlling
     * side renews a relayed path before the credentials it was allocated with expire ({@link RelayRenewal}),
     * switching to the new path only once it is selected.
     */
    public void renewTurn(List<TurnServer> servers, Duration lifetime) {
        List<TurnServer> copy = List.copyOf(servers);
        execute(() -> {
            settings = settings.withServers(settings.stun(), copy);
            turnLifetime = lifetime;
        });
    }

    /**
     * A signal from the remote peer, already authenticated and decrypted. Never throws; malformed or unexpected
     * payloads are logged and recorded in {@link ConnectionStatus#lastError()}.
     */
    public void onSignal(String kind, byte[] payload) {
        if (closed) {
            return;
        }
        byte[] copy = payload == null ? null : payload.clone();
        execute(() -> {
            if (!closed) {
                handleSignal(kind, copy);
            }
        });
    }

    public ConnectionStatus status() {
        String current = state;
        IcePath path = activePath;
        if ("connected".equals(current) && path != null) {
            long rtt = path.rttNanos();
            return new ConnectionStatus(current, path.type, path.localType, path.localEndpoint, path.remoteType,
                    path.remoteEndpoint, rtt >= 0 ? Duration.ofNanos(rtt) : null, lastError, since, candidateIssue,
                    path.offloaded() ? DataPath.KERNEL : DataPath.PROXY, path.lastReceived(), path.relayTransport(),
                    path.relayServer(), path.relayFallback());
        }
        return new ConnectionStatus(current, null, null, null, null, null, null, lastError, since, candidateIssue, null,
                null, null, null, List.of());
    }

    /** Sends {@code close} to the remote, frees the ICE agents and stops the proxy threads. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (Thread.currentThread() == actorThread) {
            try {
                shutdownOnActor();
            } finally {
                actor.shutdown();
                proxy.close();
            }
            return;
        }
        try {
            Future<?> done = actor.submit(this::shutdownOnActor);
            done.get(10, TimeUnit.SECONDS);
        } catch (RejectedExecutionException | ExecutionException | TimeoutException e) {
            LOG.warn("peer {}: closing did not finish cleanly: {}", remotePeerId, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            actor.shutdown();
            proxy.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Actor side

    private void begin() {
        started = true;
        setState("connecting");
        // A quarter of the probe interval: a quiet path is noticed within a quarter second of its limit.
        long tickMillis = Math.max(100, Math.min(1000, timings.probeInterval().toMillis() / 4));
        monitorTask = actor.scheduleWithFixedDelay(guard(this::monitor), tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    private void shutdownOnActor() {
        cancel(monitorTask);
        cancel(restartTimer);
        restartTimer = null;
        String session = established != null ? established.sessionId : pending != null ? pending.sessionId : null;
        if (started || pending != null || established != null) {
            send(CLOSE, SignalCodec.encodeClose(session));
        }
        finish(pending);
        finish(established);
        pending = null;
        established = null;
        // Delayed tasks do not run after shutdown: free the paths still in their grace period now.
        retiring.forEach(this::release);
        retiring.clear();
        proxy.switchTo(null);
        activePath = null;
        setState("closed");
    }

    private void handleSignal(String kind, byte[] payload) {
        if (kind == null) {
            recordError("ignored a signal without kind");
            return;
        }
        switch (kind) {
            case OFFER -> onOffer(payload);
            case ANSWER -> onAnswer(payload);
            case CLOSE -> onRemoteClose(payload);
            case CANDIDATE -> recordError("ignored a trickle \"candidate\" signal: offers and answers carry every candidate");
            default -> recordError("ignored a signal of unknown kind " + IceUris.quote(kind));
        }
    }

    private void onOffer(byte[] payload) {
        IceDescription offer;
        try {
            offer = SignalCodec.decodeDescription(payload);
        } catch (SignalFormatException e) {
            recordError("malformed offer: " + e.getMessage());
            return;
        }
        if (controlling) {
            recordError("ignored an offer (session " + offer.sessionId() + "): this side is controlling and makes the offers");
            return;
        }
        if (!offer.rejected().isEmpty()) {
            recordError("offer " + offer.sessionId() + ": refused " + String.join("; ", offer.rejected()));
        }
        Negotiation same = pending != null && pending.sessionId.equals(offer.sessionId()) ? pending
                : established != null && established.sessionId.equals(offer.sessionId()) ? established : null;
        if (same != null) {
            // A re-sent offer: our answer may have been lost.
            if (same.localPayload != null) {
                send(ANSWER, same.localPayload);
            }
            return;
        }
        if (!started) {
            begin();
        }
        if (pending != null) {
            LOG.info("peer {}: offer {} replaces negotiation {}", remotePeerId, offer.sessionId(), pending.sessionId);
            finish(pending);
        }
        Negotiation negotiation = new Negotiation(offer.sessionId(),
                offer.upgrade() ? NegotiationPurpose.UPGRADE : NegotiationPurpose.CONNECT);
        negotiation.remote = offer;
        pending = negotiation;
        if (!offer.upgrade() && !(established != null && pathHealthy)) {
            setState("connecting");
        }
        gather(negotiation);
    }

    private void onAnswer(byte[] payload) {
        IceDescription answer;
        try {
            answer = SignalCodec.decodeDescription(payload);
        } catch (SignalFormatException e) {
            recordError("malformed answer: " + e.getMessage());
            return;
        }
        if (!controlling) {
            recordError("ignored an answer (session " + answer.sessionId() + "): this side is controlled and makes no offers");
            return;
        }
        if (pending == null || !pending.sessionId.equals(answer.sessionId())) {
            if (established != null && established.sessionId.equals(answer.sessionId())) {
                LOG.debug("peer {}: duplicate answer for the established session {}", remotePeerId, answer.sessionId());
                return;
            }
            recordError("ignored an answer for stale session " + answer.sessionId()
                    + (pending == null ? " (no negotiation in progress)" : " (current session " + pending.sessionId + ")"));
            return;
        }
        if (pending.phase != Phase.AWAITING_ANSWER) {
            LOG.debug("peer {}: duplicate answer for session {}", remotePeerId, answer.sessionId());
            return;
        }
        if (!answer.rejected().isEmpty()) {
            recordError("answer " + answer.sessionId() + ": refused " + String.join("; ", answer.rejected()));
        }
        cancel(pending.answerTimer);
        pending.remote = answer;
        startChecks(pending);
    }

    private void onRemoteClose(byte[] payload) {
        String session;
        try {
            session = SignalCodec.decodeClose(payload);
        } catch (SignalFormatException e) {
            recordError("malformed close: " + e.getMessage());
            return;
        }
        boolean current = session == null
                || (pending != null && pending.sessionId.equals(session))
                || (established != null && established.sessionId.equals(session));
        if (!current) {
            recordError("ignored a close for stale session " + session);
            return;
        }
        LOG.info("peer {}: the remote peer closed the connection", remotePeerId);
        finish(pending);
        finish(established);
        pending = null;
        established = null;
        pathHealthy = false;
        proxy.switchTo(null);
        activePath = null;
        route.follow(null);
        lastError = "the remote peer closed the connection";
        setState("idle");
        if (controlling) {
            scheduleRestart();
        }
    }

    /**
     * Starts a negotiation for {@code purpose}. A CONNECT replaces any negotiation in progress; an UPGRADE or a
     * RENEWAL waits for none to be; a REPLACEMENT replaces an upgrade (which could only find P2P) but no other.
     */
    private void startNegotiation(NegotiationPurpose purpose) {
        if (closed) {
            return;
        }
        if (pending != null) {
            boolean replaces = purpose == NegotiationPurpose.CONNECT
                    || (purpose == NegotiationPurpose.REPLACEMENT && pending.purpose == NegotiationPurpose.UPGRADE);
            if (!replaces) {
                return;
            }
            finish(pending);
            pending = null;
        }
        boolean upgrade = purpose == NegotiationPurpose.UPGRADE;
        if (!upgrade && restartTimer != null) {
            cancel(restartTimer);
            restartTimer = null;
        }
        Negotiation negotiation = new Negotiation(newSessionId(), purpose);
        pending = negotiation;
        if (!upgrade && !(established != null && pathHealthy)) {
            setState("connecting");
        }
        gather(negotiation);
    }

    private void gather(Negotiation negotiation) {
        IceSettings current = settings;
        Thread thread = new Thread(() -> {
            IceAgents.Gathered gathered = IceAgents.gather(current, controlling, negotiation.sessionId, negotiation.purpose);
            boolean queued = execute(() -> onGathered(negotiation, gathered));
            if (!queued) {
                IceAgents.free(gathered.agent(), gathered.hosts());
            }
        }, "nl-ice-gather-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void onGathered(Negotiation negotiation, IceAgents.Gathered gathered) {
        if (closed || negotiation.phase == Phase.DONE) {
            IceAgents.free(gathered.agent(), gathered.hosts());
            return;
        }
        if (gathered.failure() != null) {
            IceAgents.free(gathered.agent(), gathered.hosts());
            negotiationFailed(negotiation, "gathering failed: " + gathered.failure());
            return;
        }
        negotiation.agent = gathered.agent();
        negotiation.stream = gathered.stream();
        negotiation.component = gathered.component();
        negotiation.hosts = gathered.hosts();
        negotiation.relay = gathered.relay();
        negotiation.udpSilent = gathered.udpSilent();
        negotiation.local = gathered.local();
        negotiation.localPayload = SignalCodec.encodeDescription(gathered.local());
        negotiation.gatheredAfterMillis = (System.nanoTime() - negotiation.createdNanos) / 1_000_000L;
        if (!negotiation.upgrade()) {
            List<String> issues = new ArrayList<>(settings.problems());
            if (gathered.issue() != null) {
                issues.add(gathered.issue());
                LOG.warn("peer {}: {}", remotePeerId, gathered.issue());
            }
            if (gathered.note() != null) {
                issues.add(gathered.note());
            }
            candidateIssue = issues.isEmpty() ? null : String.join("; ", issues);
            if (gathered.issue() != null) {
                lastError = gathered.issue();
            }
        }
        negotiation.agent.addStateChangeListener(event -> {
            if (Agent.PROPERTY_ICE_PROCESSING_STATE.equals(event.getPropertyName())
                    && event.getNewValue() instanceof IceProcessingState iceState) {
                execute(() -> onIceState(negotiation, iceState));
            }
        });
        if (controlling) {
            negotiation.phase = Phase.AWAITING_ANSWER;
            sendOffer(negotiation);
        } else {
            send(ANSWER, negotiation.localPayload);
            startChecks(negotiation);
        }
    }

    private void sendOffer(Negotiation negotiation) {
        send(OFFER, negotiation.localPayload);
        negotiation.offersSent++;
        long timeout = Math.min(timings.negotiationTimeout().toMillis(),
                timings.answerTimeout().toMillis() << Math.min(10, negotiation.offersSent - 1));
        negotiation.answerTimer = actor.schedule(guard(() -> onAnswerTimeout(negotiation)), timeout, TimeUnit.MILLISECONDS);
    }

    private void onAnswerTimeout(Negotiation negotiation) {
        if (closed || negotiation.phase != Phase.AWAITING_ANSWER) {
            return;
        }
        if (negotiation.offersSent < timings.offerAttempts()) {
            LOG.info("peer {}: no answer to offer {} yet, sending it again", remotePeerId, negotiation.sessionId);
            sendOffer(negotiation);
        } else {
            negotiationFailed(negotiation, "no answer from the remote peer to " + negotiation.offersSent
                    + " offer(s) of session " + negotiation.sessionId);
        }
    }

    private void startChecks(Negotiation negotiation) {
        IceDescription remote = negotiation.remote;
        negotiation.stream.setRemoteUfrag(remote.ufrag());
        negotiation.stream.setRemotePassword(remote.password());
        List<RemoteCandidate> candidates = new ArrayList<>();
        for (IceCandidate candidate : remote.candidates()) {
            if (negotiation.upgrade() && candidate.type().equals("relay")) {
                continue; // an upgrade only looks for a P2P path
            }
            TransportAddress address = new TransportAddress(IpV4.parse(candidate.ip()), candidate.port(), Transport.UDP);
            candidates.add(new RemoteCandidate(address, negotiation.component, candidateType(candidate.type()),
                    candidate.foundation(), candidate.priority(), null));
        }
        if (candidates.isEmpty()) {
            negotiationFailed(negotiation, "the remote peer offered no usable candidate");
            return;
        }
        negotiation.component.addRemoteCandidates(candidates);
        negotiation.remoteCandidateCount = candidates.size();
        negotiation.hosts.expect(candidates.stream().map(c -> (InetSocketAddress) c.getTransportAddress())
                .toArray(InetSocketAddress[]::new), proxy);
        if (negotiation.relay != null) {
            for (LocalCandidate local : negotiation.component.getLocalCandidates()) {
                if (local instanceof AllocationCandidate relayed) {
                    candidates.stream().filter(relayed::canReach).forEach(candidate ->
                            negotiation.relay.permit((InetSocketAddress) candidate.getTransportAddress()));
                }
            }
            negotiation.relay.expect(proxy);
        }
        negotiation.phase = Phase.CHECKING;
        boolean missingRelay = controlling && negotiation.relay == null && !negotiation.upgrade()
                && !settings.turn().isEmpty();
        long limitMillis = missingRelay ? Math.min((negotiation.udpSilent ? WITHOUT_RELAY_OR_UDP_CHECK_LIMIT
                : WITHOUT_RELAY_CHECK_LIMIT).toMillis(), timings.negotiationTimeout().toMillis())
                : timings.negotiationTimeout().toMillis();
        negotiation.watchdog = actor.schedule(guard(() -> {
            if (negotiation.phase == Phase.CHECKING) {
                negotiationFailed(negotiation, "no candidate pair selected within " + limitMillis / 1000 + " s"
                        + (missingRelay ? " and no relay candidate: trying again" : ""));
            }
        }), limitMillis, TimeUnit.MILLISECONDS);
        negotiation.agent.startConnectivityEstablishment();
    }

    private void onIceState(Negotiation negotiation, IceProcessingState iceState) {
        if (closed || negotiation.phase != Phase.CHECKING) {
            return;
        }
        if (iceState == IceProcessingState.COMPLETED) {
            selected(negotiation);
        } else if (iceState == IceProcessingState.FAILED
                || (iceState == IceProcessingState.TERMINATED && negotiation.component.getSelectedPair() == null)) {
            negotiationFailed(negotiation, "ICE failed: no candidate pair worked ("
                    + negotiation.local.candidates().size() + " local, " + negotiation.remoteCandidateCount
                    + " remote candidates)");
        }
    }

    private void selected(Negotiation negotiation) {
        CandidatePair pair = negotiation.component.getSelectedPair();
        if (pair == null) {
            negotiationFailed(negotiation, "ICE completed without a selected pair");
            return;
        }
        IcePath path;
        try {
            path = new IcePath(pair, proxy, negotiation.hosts::dataPlaneSocket);
        } catch (RuntimeException e) {
            negotiationFailed(negotiation, "the selected pair cannot be used: " + e.getMessage());
            return;
        }
        if (negotiation.upgrade() && path.type == ConnectionType.RELAYED) {
            LOG.info("peer {}: upgrade attempt {} found only {}; keeping the current path", remotePeerId,
                    negotiation.sessionId, path.describe());
            finish(negotiation);
            if (pending == negotiation) {
                pending = null;
            }
            return;
        }
        cancel(negotiation.watchdog);
        negotiation.phase = Phase.CONNECTED;
        negotiation.selectedNanos = System.nanoTime();
        negotiation.path = path;
        if (pending == negotiation) {
            pending = null;
        }
        Negotiation previous = established;
        established = negotiation;
        path.start();
        route.follow(path);
        proxy.switchTo(path);
        if (!controlling) {
            actor.schedule(guard(proxy::releaseHeldInitiation), CONTROLLED_INITIATION_HOLD_MILLIS, TimeUnit.MILLISECONDS);
        }
        activePath = path;
        pathHealthy = true;
        failures = 0;
        lastUpgradeNanos = System.nanoTime();
        lastRenewalNanos = 0;
        path.sendProbe();
        if (previous != null) {
            retireLater(previous);
        }
        long millis = (System.nanoTime() - negotiation.createdNanos) / 1_000_000L;
        connectedAfterMillis = millis;
        setState("connected");
        LOG.info("peer {}: {} via {} (session {}, {} ms after the negotiation began, candidates gathered after {} ms)",
                remotePeerId, negotiation.purpose.outcome(), path.describe(), negotiation.sessionId,
                millis, negotiation.gatheredAfterMillis);
    }

    private void negotiationFailed(Negotiation negotiation, String reason) {
        if (negotiation.phase == Phase.DONE) {
            return;
        }
        finish(negotiation);
        if (pending == negotiation) {
            pending = null;
        }
        if (established == negotiation) {
            established = null;
        }
        if (negotiation.upgrade()) {
            LOG.info("peer {}: upgrade attempt {} failed: {}", remotePeerId, negotiation.sessionId, reason);
            return;
        }
        if (negotiation.purpose.keepsCurrentPath() && established != null && pathHealthy) {
            recordError((negotiation.purpose == NegotiationPurpose.RENEWAL ? "renewing the relayed path"
                    : "replacing the quiet path") + " failed, keeping the current one: " + reason);
            if (negotiation.purpose == NegotiationPurpose.REPLACEMENT && controlling && isQuiet(established.path)) {
                // Still quiet: try again with backoff (a relay coming back, say) rather than wait for it to die.
                scheduleRestart();
            }
            return;
        }
        recordError(reason);
        if (!(established != null && pathHealthy)) {
            setState("failed");
        }
        if (controlling) {
            scheduleRestart();
        }
    }

    private void scheduleRestart() {
        if (closed || restartTimer != null) {
            return;
        }
        long min = timings.restartBackoffMin().toMillis();
        long max = timings.restartBackoffMax().toMillis();
        long delay = Math.min(max, min << Math.min(20, failures));
        delay = Math.max(1, (long) (delay * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble())));
        failures++;
        LOG.info("peer {}: restarting ICE in {} ms", remotePeerId, delay);
        restartTimer = actor.schedule(guard(() -> {
            restartTimer = null;
            startNegotiation(NegotiationPurpose.CONNECT);
        }), delay, TimeUnit.MILLISECONDS);
    }

    private void monitor() {
        if (closed) {
            return;
        }
        Negotiation current = established;
        IcePath path = current == null ? null : current.path;
        if (path == null) {
            return;
        }
        long now = System.nanoTime();
        long probeNanos = timings.probeInterval().toNanos();
        if (now - path.lastProbeSentNanos() >= probeNanos) {
            path.sendProbe();
        }
        long limit = timings.inactivityTimeout().toMillis();
        int silence = path.silenceMillis(now);
        int remoteSilence = path.remoteSilenceMillis(now, 3 * probeNanos);
        RelaySocket relay = path.relay();
        TurnException relayLost = relay == null ? null : relay.failure();
        boolean dead = silence > limit || remoteSilence > limit || relayLost != null;
        boolean quiet = isQuiet(path);
        if (quiet && !quietSeen) {
            // Both sides: the controlled one may be the one whose route to the gateway died, unnoticed.
            signals.confirmRoute();
        }
        quietSeen = quiet;
        if (quiet && !dead && pathHealthy && controlling && restartTimer == null
                && (lastReplacementNanos == 0 || now - lastReplacementNanos >= timings.inactivityTimeout().toNanos())) {
            lastReplacementNanos = now;
            LOG.info("peer {}: {} is quiet ({} ms without a datagram from the remote peer, {} ms reported by it); "
                    + "negotiating a replacement while still sending on it", remotePeerId, path.describe(), silence,
                    remoteSilence);
            startNegotiation(NegotiationPurpose.REPLACEMENT);
        }
        if (dead && pathHealthy) {
            pathHealthy = false;
            recordError(relayLost != null
                    ? "the relay allocation of " + path.describe() + " ended (" + relayLost.error() + "): "
                            + relayLost.getMessage()
                    : silence > limit
                    ? "nothing received from the remote peer for " + silence / 1000 + " s on " + path.describe()
                    : "the remote peer has received nothing from us for " + remoteSilence / 1000 + " s on " + path.describe());
            setState("connecting");
            if (controlling && !replacementUnderWay(now)) {
                startNegotiation(NegotiationPurpose.CONNECT);
            }
        } else if (!dead && !pathHealthy) {
            pathHealthy = true;
            LOG.info("peer {}: path {} is alive again", remotePeerId, path.describe());
            setState("connected");
        }
        if (controlling && pathHealthy && path.type == ConnectionType.RELAYED && pending == null
                && restartTimer == null && now - lastUpgradeNanos >= timings.upgradeInterval().toNanos()) {
            lastUpgradeNanos = now;
            LOG.debug("peer {}: trying to upgrade the relayed path", remotePeerId);
            startNegotiation(NegotiationPurpose.UPGRADE);
        }
        if (controlling && pathHealthy && path.type == ConnectionType.RELAYED && pending == null && restartTimer == null
                && RelayRenewal.isDue(Duration.ofNanos(now - current.selectedNanos),
                        lastRenewalNanos == 0 ? null : Duration.ofNanos(now - lastRenewalNanos), turnLifetime)) {
            lastRenewalNanos = now;
            LOG.info("peer {}: renewing the relayed path {} before its TURN credentials expire", remotePeerId,
                    path.describe());
            startNegotiation(NegotiationPurpose.RENEWAL);
        }
    }

    /**
     * A replacement began less than {@link IceTimings#quietAfter()} ago. One that began earlier gathered with what
     * worked then (a relay that was restarting, say) and is still checking pairs that may never work: a dead path
     * gets a fresh negotiation instead, which costs one gathering.
     */
    private boolean replacementUnderWay(long now) {
        return pending != null && pending.purpose == NegotiationPurpose.REPLACEMENT
                && now - pending.createdNanos < timings.quietAfter().toNanos();
    }

    /** Nothing heard on {@code path} for {@link IceTimings#quietAfter()}, or the remote reports the same about us. */
    private boolean isQuiet(IcePath path) {
        long now = System.nanoTime();
        long quietMillis = timings.quietAfter().toMillis();
        return path != null && (path.silenceMillis(now) > quietMillis
                || path.remoteSilenceMillis(now, 3 * timings.probeInterval().toNanos()) > quietMillis);
    }

    private void retireLater(Negotiation previous) {
        previous.phase = Phase.DONE;
        cancel(previous.answerTimer);
        cancel(previous.watchdog);
        if (previous.path != null) {
            previous.path.retire();
            route.release(previous.path);
        }
        long grace = timings.oldPathGrace().toMillis();
        if (grace <= 0) {
            release(previous);
        } else {
            retiring.add(previous);
            actor.schedule(guard(() -> {
                if (retiring.remove(previous)) {
                    release(previous);
                }
            }), grace, TimeUnit.MILLISECONDS);
        }
    }

    private void release(Negotiation negotiation) {
        if (negotiation.path != null) {
            route.release(negotiation.path);
        }
        IceAgents.free(negotiation.agent, negotiation.hosts);
        negotiation.agent = null;
        negotiation.hosts = null;
    }

    /** Ends a negotiation now: timers cancelled, agent (and with it its sockets and TURN allocations) freed. */
    private void finish(Negotiation negotiation) {
        if (negotiation == null) {
            return;
        }
        negotiation.phase = Phase.DONE;
        cancel(negotiation.answerTimer);
        cancel(negotiation.watchdog);
        if (negotiation.path != null) {
            negotiation.path.retire();
            negotiation.path.detach();
            route.release(negotiation.path);
            if (proxy.active() == negotiation.path) {
                proxy.switchTo(null);
            }
            if (activePath == negotiation.path) {
                activePath = null;
                route.follow(null);
            }
        }
        IceAgents.free(negotiation.agent, negotiation.hosts);
        negotiation.agent = null;
        negotiation.hosts = null;
    }

    private void send(String kind, byte[] payload) {
        try {
            signals.send(kind, payload);
        } catch (RuntimeException e) {
            recordError("sending the " + kind + " signal failed: " + e);
        }
    }

    private void recordError(String message) {
        lastError = message;
        LOG.warn("peer {}: {}", remotePeerId, message);
    }

    private void setState(String value) {
        if (!value.equals(state)) {
            state = value;
            since = Instant.now();
        }
    }

    private boolean execute(Runnable task) {
        try {
            actor.execute(guard(task));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private Runnable guard(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                lastError = "internal error: " + e;
                LOG.error("peer {}: internal error", remotePeerId, e);
            }
        };
    }

    private static void cancel(Future<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }

    private static CandidateType candidateType(String type) {
        return switch (type) {
            case "host" -> CandidateType.HOST_CANDIDATE;
            case "srflx" -> CandidateType.SERVER_REFLEXIVE_CANDIDATE;
            case "prflx" -> CandidateType.PEER_REFLEXIVE_CANDIDATE;
            case "relay" -> CandidateType.RELAYED_CANDIDATE;
            default -> throw new IllegalArgumentException("unknown candidate type " + type);
        };
    }

    private static String newSessionId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String shortName(String peerId) {
        String cleaned = peerId.replaceAll("[^A-Za-z0-9_.-]", "");
        return cleaned.length() > 12 ? cleaned.substring(0, 12) : cleaned.isEmpty() ? "peer" : cleaned;
    }

    // ---------------------------------------------------------------------------------------------------------
    // For tests in this package

    /** The path WireGuard's datagrams currently take, or {@code null}. */
    IcePath activePath() {
        return activePath;
    }

    WireGuardProxy proxy() {
        return proxy;
    }

    /** Milliseconds from the start of the latest successful negotiation to its selected pair, -1 before. */
    long connectedAfterMillis() {
        return connectedAfterMillis;
    }

    private static final class Negotiation {
        final String sessionId;
        final NegotiationPurpose purpose;
        final long createdNanos = System.nanoTime();
        long selectedNanos;
        Phase phase = Phase.GATHERING;
        Agent agent;
        IceMediaStream stream;
        Component component;
        FilteredHostHarvester hosts;
        /** Our relayed candidate's allocation, {@code null} without one; released with the agent. */
        RelaySocket relay;
        /** No STUN server answered this device's UDP ({@link IceAgents.Gathered#udpSilent()}). */
        boolean udpSilent;
        IceDescription local;
        byte[] localPayload;
        IceDescription remote;
        int remoteCandidateCount;
        int offersSent;
        long gatheredAfterMillis;
        ScheduledFuture<?> answerTimer;
        ScheduledFuture<?> watchdog;
        IcePath path;

        /** Looks for a P2P path only (the offer and answer say so). */
        boolean upgrade() {
            return purpose == NegotiationPurpose.UPGRADE;
        }

        Negotiation(String sessionId, NegotiationPurpose purpose) {
            this.sessionId = sessionId;
            this.purpose = purpose;
        }
    }
}
