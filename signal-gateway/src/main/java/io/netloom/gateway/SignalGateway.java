package io.netloom.gateway;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.gateway.protocol.GatewayAuthorization;
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
import io.vertx.core.net.PemKeyCertOptions;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peers' WebSocket endpoint. A peer first fetches a challenge ({@code GET /v1/challenge}), then
 * upgrades at {@code /v1/peer?serial=N} with an {@code Authorization} header proving it holds its
 * WireGuard private key; anything less is answered with an HTTP error before a session exists.
 * Sessions receive their map changes as they happen and relay end-to-end encrypted signaling.
 */
public final class SignalGateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SignalGateway.class);
    private static final long HOUSEKEEPING_MILLIS = 10_000;
    private static final int HARD_LIMIT_FACTOR = 4;

    private final Vertx vertx;
    private final GatewayConfig config;
    private final X25519Keys keys;
    private final PeerDirectory directory;
    private final PresenceRecorder presence;
    private final NonceIssuer nonces;
    private final SourceRateLimit sourceLimit;
    private final GatewayServices services;
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
            PeerDirectory directory, PresenceRecorder presence, Clock clock) {
        this.vertx = vertx;
        this.config = config;
        this.keys = keys;
        this.directory = directory;
        this.presence = presence;
        this.nonces = new NonceIssuer(clock);
        this.sourceLimit = new SourceRateLimit(config);
        this.services = new GatewayServices(config, maps, signedMaps, new Sessions(), new SignalSequences());
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
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                    .setCertPath(config.tlsCertificate().toString()).setKeyPath(config.tlsKey().toString()));
        }
        unsubscribeRevocations = services.maps().subscribe(new Revocations());
        unsubscribeMaps = services.signedMaps().subscribe(new FanOut());
        heartbeatTimer = vertx.setPeriodic(config.heartbeatInterval().toMillis(),
                id -> services.sessions().all().forEach(PeerSession::heartbeat));
        housekeepingTimer = vertx.setPeriodic(HOUSEKEEPING_MILLIS, id -> {
            nonces.forgetExpired();
            sourceLimit.forgetIdle(System.nanoTime());
        });
        return vertx.createHttpServer(options)
                .requestHandler(this::handle)
                .listen(config.port(), config.host())
                .map(listening -> {
                    server = listening;
                    log.info("Signal gateway listening on {}:{}{}", config.host(), listening.actualPort(),
                            config.usesTls() ? " (TLS)" : "");
                    return listening.actualPort();
                });
    }

    public int connectedPeers() {
        return services.sessions().size();
    }

    @Override
    public void close() {
        if (unsubscribeRevocations != null) {
            unsubscribeRevocations.run();
            unsubscribeMaps.run();
        }
        vertx.cancelTimer(heartbeatTimer);
        vertx.cancelTimer(housekeepingTimer);
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
        if (request.method() == HttpMethod.GET && Wire.CHALLENGE_PATH.equals(request.path())) {
            request.response().putHeader("Content-Type", "application/json")
                    .end(Wire.JSON.createObjectNode().put("nonce", nonces.issue()).toString());
        } else if (request.method() == HttpMethod.GET && Wire.PEER_PATH.equals(request.path())) {
            upgrade(request, source);
        } else {
            refuse(request, 404, "no such endpoint");
        }
    }

    private void upgrade(HttpServerRequest request, String source) {
        GatewayAuthorization authorization;
        try {
            authorization = GatewayAuthorization.parse(request.getHeader("Authorization"));
        } catch (IllegalArgumentException e) {
            refuse(request, 401, e.getMessage());
            return;
        }
        if (!nonces.redeem(authorization.nonce())) {
            refuse(request, 401, "the nonce is unknown, expired or already used");
            return;
        }
        boolean proven;
        try {
            proven = authorization.isProvenBy(keys);
        } catch (IllegalArgumentException e) {
            refuse(request, 401, e.getMessage());
            return;
        }
        if (!proven) {
            refuse(request, 401, "the proof does not match the public key");
            return;
        }
        PeerDirectory.Admission admission = directory.admit(authorization.publicKey());
        if (!admission.isAdmitted()) {
            refuse(request, 403, admission.refusal());
            return;
        }
        long serial;
        try {
            String requested = request.getParam(Wire.SERIAL_PARAMETER);
            serial = requested == null ? -1 : Long.parseLong(requested);
        } catch (NumberFormatException e) {
            refuse(request, 400, "serial must be a number");
            return;
        }
        String daemonVersion = request.getHeader(Wire.DAEMON_VERSION_HEADER);
        request.toWebSocket().onSuccess(socket -> open(new PeerSession(socket, vertx.getOrCreateContext(),
                        admission.identity(), services), socket, serial, source, daemonVersion))
                .onFailure(error -> log.debug("upgrade from {} failed: {}", source, error.toString()));
    }

    /**
     * Registration and presence records happen under one lock, so that for two sessions of the same
     * peer racing on different event loops the records come out in the order the registry saw them.
     */
    private void open(PeerSession session, ServerWebSocket socket, long serial, String source,
            String daemonVersion) {
        Sessions sessions = services.sessions();
        synchronized (sessions) {
            PeerSession replaced = sessions.register(session);
            if (replaced != null) {
                presence.disconnected(replaced.peer, replaced.id);
                replaced.end(CloseCodes.REPLACED, "replaced by a newer session");
            }
            presence.connected(session.peer, session.id, source, daemonVersion == null ? "" : daemonVersion);
        }
        if (services.maps().isCutOff(session.peer.accountId(), session.peer.peerId())) {
            // Blocked between admission and registration: the revocation has already gone out.
            session.end(CloseCodes.PEER_REVOKED, "owner blocked");
        }
        socket.closeHandler(ignored -> {
            session.markClosed();
            synchronized (sessions) {
                if (sessions.unregister(session)) {
                    presence.disconnected(session.peer, session.id);
                }
            }
        });
        session.start(serial);
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
            services.sequences().forget(peer);
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
