package io.netloom.gateway;

import io.netloom.domain.peer.ExtraDnsLabels;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.gateway.protocol.PathReport;
import io.netloom.gateway.protocol.Wire;
import io.netloom.gateway.protocol.X25519Keys;
import io.netloom.mapsigning.SignedMapListener;
import io.netloom.mapsigning.SignedMapMessage;
import io.netloom.mapsigning.SignedMaps;
import io.netloom.projections.networkmap.MapUpdateListener;
import io.netloom.projections.networkmap.NetworkMaps;
import io.netloom.projections.networkmap.PeerMapUpdate;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peers' WebSocket endpoint. A peer upgrades at {@code /v2/peer} and is challenged on that very
 * connection; it must sign in with a proof of its WireGuard private key bound to the nonce, this
 * gateway's key and the connection's TLS channel ({@link SignIn}) before a session exists. Sessions
 * receive their map changes as they happen and relay end-to-end encrypted signaling.
 */
public final class SignalGateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SignalGateway.class);
    private static final long HOUSEKEEPING_MILLIS = 10_000;
    private static final int HARD_LIMIT_FACTOR = 4;
    /** Paths of peer protocol version 1, whose sign-in any eavesdropper on the upgrade could replay. */
    private static final List<String> RETIRED_PATHS = List.of("/v1/peer", "/v1/challenge");

    private final Vertx vertx;
    private final GatewayConfig config;
    private final X25519Keys keys;
    private final PeerDirectory directory;
    private final PresenceRecorder presence;
    private final SourceRateLimit sourceLimit;
    private final GatewayServices services;
    private final ReplacedElsewhere replacedElsewhere;
    private final PathsElsewhere pathsElsewhere;
    private HttpServer server;
    private Runnable unsubscribeRevocations;
    private Runnable unsubscribeMaps;
    private long heartbeatTimer = -1;
    private long housekeepingTimer = -1;

    /**
     * @param maps the model, for reachability and revocations
     * @param signedMaps the only source of map messages: the gateway forwards them, it cannot sign
     */
    public SignalGateway(Vertx vertx, GatewayConfig config, X25519Keys keys, NetworkMaps maps, SignedMaps signedMaps,
            PeerDirectory directory, PresenceRecorder presence) {
        this(vertx, config, keys, maps, signedMaps, directory, presence, TurnCredentialSource.NONE, Clock.systemUTC());
    }

    /**
     * @param turnCredentials issues each signed-in peer its TURN credentials, sent after the first sync and
     *     again at half their validity ({@link TurnRefreshSchedule})
     */
    public SignalGateway(Vertx vertx, GatewayConfig config, X25519Keys keys, NetworkMaps maps, SignedMaps signedMaps,
            PeerDirectory directory, PresenceRecorder presence, TurnCredentialSource turnCredentials, Clock clock) {
        this(vertx, config, keys, maps, signedMaps, directory, presence, turnCredentials, PathReportListener.NONE, clock);
    }

    /** @param pathReports told whenever a session's reported paths change (the console's live view of peers) */
    public SignalGateway(Vertx vertx, GatewayConfig config, X25519Keys keys, NetworkMaps maps, SignedMaps signedMaps,
            PeerDirectory directory, PresenceRecorder presence, TurnCredentialSource turnCredentials,
            PathReportListener pathReports, Clock clock) {
        this(vertx, config, keys, maps, signedMaps, directory, presence, turnCredentials, pathReports,
                GatewayMeters.NONE, clock);
    }

    /** @param meters told of each map message pushed and each signal relayed or refused (ADR 0050) */
    public SignalGateway(Vertx vertx, GatewayConfig config, X25519Keys keys, NetworkMaps maps, SignedMaps signedMaps,
            PeerDirectory directory, PresenceRecorder presence, TurnCredentialSource turnCredentials,
            PathReportListener pathReports, GatewayMeters meters, Clock clock) {
        this(vertx, config, keys, maps, signedMaps, directory, presence, turnCredentials, pathReports, meters, clock,
                ClusterMembership.alone().node());
    }

    /** @param node this gateway's node id, which its session ids carry ({@link SessionIds}) */
    public SignalGateway(Vertx vertx, GatewayConfig config, X25519Keys keys, NetworkMaps maps, SignedMaps signedMaps,
            PeerDirectory directory, PresenceRecorder presence, TurnCredentialSource turnCredentials,
            PathReportListener pathReports, GatewayMeters meters, Clock clock, String node) {
        this.vertx = vertx;
        this.config = config;
        this.keys = keys;
        this.directory = directory;
        this.presence = presence;
        this.sourceLimit = new SourceRateLimit(config);
        Sessions sessions = new Sessions();
        SignalRelay relay = new SignalRelay(vertx, sessions, new SignalSequences(), meters);
        this.pathsElsewhere = new PathsElsewhere(vertx, node, sessions, pathReports);
        this.services = new GatewayServices(config, maps, signedMaps, sessions, relay, turnCredentials,
                pathsElsewhere, meters, clock, node);
        this.replacedElsewhere = new ReplacedElsewhere(vertx, sessions, relay, presence, pathsElsewhere);
    }

    /** Starts listening; the future completes with the port actually bound. */
    public Future<Integer> start() {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.host())
                // Frames up to 4x the limit are read, so the session can answer with a reason; beyond, the
                // connection is cut without reading further.
                .setMaxWebSocketFrameSize(config.maxFrameBytes() * HARD_LIMIT_FACTOR)
                .setMaxWebSocketMessageSize(config.maxFrameBytes() * HARD_LIMIT_FACTOR)
                // A peer that does not acknowledge a close within 2 s is cut off, so its session ends promptly.
                .setWebSocketClosingTimeout(2)
                // Connections that never upgrade, or go silent, are reaped; live sessions exchange pings.
                .setIdleTimeout((int) config.idleTimeout().toSeconds() + 1)
                .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS);
        if (config.usesTls()) {
            GatewayTlsOptions.applyTo(options, config.certificate());
        }
        unsubscribeRevocations = services.maps().subscribe(new Revocations());
        unsubscribeMaps = services.signedMaps().subscribe(new FanOut());
        heartbeatTimer = vertx.setPeriodic(config.heartbeatInterval().toMillis(),
                id -> services.sessions().all().forEach(PeerSession::heartbeat));
        housekeepingTimer = vertx.setPeriodic(HOUSEKEEPING_MILLIS, id -> sourceLimit.forgetIdle(System.nanoTime()));
        return replacedElsewhere.start()
                .compose(ready -> pathsElsewhere.start())
                .compose(ready -> vertx.createHttpServer(options)
                        .requestHandler(this::handle)
                        .listen(config.port(), config.host()))
                .map(listening -> {
                    server = listening;
                    log.info("Signal gateway listening on {}:{}{}", config.host(), listening.actualPort(),
                            config.usesTls() ? " (TLS)" : "");
                    return listening.actualPort();
                });
    }

    /**
     * Serves {@code certificate} on connections accepted from now on; sessions already open keep the
     * certificate they were established with. Only a gateway started with TLS can change its certificate.
     */
    public Future<Void> updateCertificate(ServerCertificate certificate) {
        if (server == null || !config.usesTls()) {
            return Future.failedFuture(new IllegalStateException("the gateway was not started with TLS"));
        }
        return server.updateSSLOptions(GatewayTlsOptions.reloaded(certificate), true).mapEmpty();
    }

    /**
     * The paths {@code peer} of {@code account} last reported on its live session, here or, in a cluster, on another
     * gateway; only towards peers it still reaches. Empty while it is not connected or has not reported. Safe to
     * call from any thread.
     */
    public Optional<ReportedPaths> reportedPaths(AccountId account, PeerId peer) {
        PeerSession session = sessionOf(account, peer);
        if (session != null) {
            return session.reportedPaths();
        }
        return pathsElsewhere.of(account, peer).map(elsewhere -> new ReportedPaths(elsewhere.receivedAt(),
                elsewhere.paths().stream()
                        .filter(path -> services.maps().canReach(account, peer, new PeerId(path.peerId())))
                        .toList()));
    }

    /** Forgets what the gateways that are no longer members told (ADR 0058). */
    public void keepOnlyMembers(Set<String> liveNodes) {
        pathsElsewhere.keepOnly(liveNodes);
    }

    public int connectedPeers() {
        return services.sessions().size();
    }

    /**
     * How many paths of {@code type} the connected peers last reported, over all sessions here: a connection between
     * two peers counts once for each end that reports it. Walks every session: for a scrape, not for a hot path.
     */
    public int reportedPaths(PathReport.ConnectionType type) {
        int count = 0;
        for (PeerSession session : services.sessions().all()) {
            count += session.reportedPathsOf(type);
        }
        return count;
    }

    @Override
    public void close() {
        if (unsubscribeRevocations != null) {
            unsubscribeRevocations.run();
            unsubscribeMaps.run();
        }
        vertx.cancelTimer(heartbeatTimer);
        vertx.cancelTimer(housekeepingTimer);
        replacedElsewhere.stop();
        pathsElsewhere.stop();
        services.relay().stop();
        services.sessions().all().forEach(session -> session.end(CloseCodes.SHUTTING_DOWN, "gateway shutting down"));
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private void handle(HttpServerRequest request) {
        String source = request.remoteAddress().hostAddress();
        if (!sourceLimit.tryAcquire(source, System.nanoTime())) {
            refuse(request, 429, "too many connections from " + source);
            return;
        }
        if (request.method() == HttpMethod.GET && Wire.PEER_PATH.equals(request.path())) {
            request.toWebSocket()
                    .onSuccess(socket -> new SignIn(vertx, socket, source, config, keys, directory,
                            (peer, held, daemonVersion, labels) -> open(socket, peer, held, source, daemonVersion,
                                    labels)).start())
                    .onFailure(error -> log.debug("upgrade from {} failed: {}", source, error.toString()));
        } else if (RETIRED_PATHS.contains(request.path())) {
            refuse(request, 426, "this gateway speaks peer protocol v2 at " + Wire.PEER_PATH
                    + ", with a sign-in bound to the connection: update the netloom daemon");
        } else {
            refuse(request, 404, "no such endpoint");
        }
    }

    /**
     * Registration and presence records happen under one lock, so that for two sessions of the same
     * peer racing on different event loops the records come out in the order the registry saw them.
     */
    private void open(ServerWebSocket socket, PeerIdentity peer, HeldMap held, String source, String daemonVersion,
            ExtraDnsLabels extraDnsLabels) {
        PeerSession session = new PeerSession(socket, vertx, vertx.getOrCreateContext(), peer, services);
        Sessions sessions = services.sessions();
        List<String> carried = List.of();
        synchronized (sessions) {
            PeerSession replaced = sessions.register(session);
            services.relay().connectedHere(session.peer.peerId());
            if (replaced != null) {
                presence.disconnected(replaced.peer, replaced.id);
                carried = replaced.unconfirmedSignals();
                replaced.end(CloseCodes.REPLACED, "replaced by a newer session");
            }
            presence.connected(session.peer, session.id, source, daemonVersion, extraDnsLabels);
        }
        if (services.maps().isCutOff(session.peer.accountId(), session.peer.peerId())) {
            // Blocked between admission and registration: the revocation has already gone out.
            session.end(CloseCodes.PEER_REVOKED, "owner blocked");
        }
        socket.closeHandler(ignored -> {
            session.markClosed();
            synchronized (sessions) {
                if (sessions.unregister(session)) {
                    services.relay().goneFromHere(session.peer.peerId());
                    pathsElsewhere.sessionEnded(session.peer);
                    presence.disconnected(session.peer, session.id);
                }
            }
        });
        session.start(held);
        session.carryOver(carried);
        replacedElsewhere.opened(session);
    }

    private static void refuse(HttpServerRequest request, int status, String message) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(Wire.JSON.createObjectNode().put("message", message).put("code", status).toString());
    }

    /** Hands each signed map message to the session of its peer, if connected. */
    private final class FanOut implements SignedMapListener {

        @Override
        public boolean wants(AccountId account, PeerId peer) {
            return sessionOf(account, peer) != null;
        }

        @Override
        public void mapSigned(AccountId account, PeerId peer, SignedMapMessage message) {
            PeerSession session = sessionOf(account, peer);
            if (session != null) {
                session.offer(message);
            }
        }
    }

    /** Ends the session of a peer that may no longer take part. */
    private final class Revocations implements MapUpdateListener {

        @Override
        public void mapsChanged(AccountId account, List<PeerMapUpdate> updates) {
            // Map messages come signed, through FanOut.
        }

        @Override
        public void peerRevoked(AccountId account, PeerId peer, String reason) {
            services.relay().forget(peer);
            PeerSession session = sessionOf(account, peer);
            if (session != null) {
                session.end(CloseCodes.PEER_REVOKED, reason);
            }
        }
    }

    private PeerSession sessionOf(AccountId account, PeerId peer) {
        PeerSession session = services.sessions().get(peer);
        return session != null && session.peer.accountId().equals(account) ? session : null;
    }
}
