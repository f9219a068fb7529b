package io.netloom.server.gateway;

import io.netloom.domain.ids.AccountId;
import io.netloom.gateway.ClusterMembership;
import io.netloom.gateway.GatewayCluster;
import io.netloom.domain.ids.PeerId;
import io.netloom.gateway.GatewayConfig;
import io.netloom.gateway.GatewayMeters;
import io.netloom.gateway.ReportedPaths;
import io.netloom.gateway.ServerCertificate;
import io.netloom.gateway.SignalGateway;
import io.netloom.gateway.protocol.PathReport;
import io.netloom.mapsigning.SignedMaps;
import io.netloom.projections.directory.Directory;
import io.netloom.projections.networkmap.NetworkMaps;
import io.netloom.server.cluster.ClusterMember;
import io.netloom.server.config.NetloomProperties;
import io.netloom.server.enrollment.GatewayIdentity;
import io.netloom.server.tls.ServerCertificates;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the signal gateway inside the server process on its own port, once the network maps are
 * rebuilt and before the HTTP API opens, so enrollment always hands out a port that answers. It serves the
 * server's certificate, and a reloaded one on new connections.
 */
@Component
public class GatewayServer implements SmartLifecycle {

    /** After the read models' start-up (Integer.MAX_VALUE - 2048), before the web server (- 1024). */
    private static final int PHASE = Integer.MAX_VALUE - 1536;
    private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

    private final GatewayConfig config;
    private final GatewayIdentity identity;
    private final NetworkMaps maps;
    private final SignedMaps signedMaps;
    private final DirectoryPeerAdmission admission;
    private final PresenceCommands presence;
    private final Directory directory;
    private final GatewayTurnCredentials turnCredentials;
    private final PathReports pathReports;
    private final GatewayMeters meters;
    private final ClusterMember cluster;
    private Vertx vertx;
    private volatile SignalGateway gateway;
    private volatile int boundPort = -1;

    public GatewayServer(NetloomProperties properties, ServerCertificates certificates, GatewayIdentity identity,
            NetworkMaps maps, SignedMaps signedMaps, DirectoryPeerAdmission admission, PresenceCommands presence,
            Directory directory, GatewayTurnCredentials turnCredentials, PathReports pathReports,
            GatewayMeters meters, ClusterMember cluster) {
        this.config = configOf(properties.gateway(), certificates);
        this.identity = identity;
        this.maps = maps;
        this.signedMaps = signedMaps;
        this.admission = admission;
        this.presence = presence;
        this.directory = directory;
        this.turnCredentials = turnCredentials;
        this.pathReports = pathReports;
        this.meters = meters;
        this.cluster = cluster;
        certificates.onReload(this::serve);
    }

    @Override
    public void start() {
        GatewayCluster.Joined joined = join();
        vertx = joined.vertx();
        ClusterMembership membership = joined.membership();
        endSessionsOfAbsentNodes(membership);
        SignalGateway starting = new SignalGateway(vertx, config, identity.keys(), maps, signedMaps, admission,
                presence, turnCredentials, pathReports, meters, Clock.systemUTC(), membership.node());
        membership.onMemberGone(() -> {
            starting.keepOnlyMembers(membership.liveNodes());
            endSessionsOfAbsentNodes(membership);
        });
        try {
            boundPort = starting.start().toCompletionStage().toCompletableFuture().join();
        } catch (RuntimeException e) {
            starting.close();
            vertx.close();
            throw new IllegalStateException("the signal gateway cannot listen on " + config.host() + ":"
                    + config.port(), e);
        }
        gateway = starting;
    }

    /** This process's Vert.x: alone, or a member of the cluster the settings name. */
    private GatewayCluster.Joined join() {
        Optional<ClusterMember.Clustered> clustered = cluster.clustered();
        if (clustered.isEmpty()) {
            return new GatewayCluster.Joined(Vertx.vertx(), ClusterMembership.alone());
        }
        GatewayCluster settings = clustered.get().settings();
        try {
            GatewayCluster.Joined joined = settings.start(new VertxOptions(), clustered.get().hazelcast())
                    .toCompletionStage().toCompletableFuture().join();
            log.info("The gateway joined cluster {} as node {} ({} live members)", settings.name(),
                    joined.membership().node(), joined.membership().liveNodes().size());
            return joined;
        } catch (RuntimeException e) {
            throw new IllegalStateException("the gateway cannot join cluster " + settings.name() + " at "
                    + settings.host() + ":" + settings.port(), e);
        }
    }

    private void serve(ServerCertificate certificate) {
        SignalGateway running = gateway;
        if (running != null) {
            running.updateCertificate(certificate)
                    .onSuccess(ignored -> log.info("The gateway serves the reloaded certificate on new connections"))
                    .onFailure(error -> log.warn("The gateway keeps its previous certificate: {}", error.getMessage()));
        }
    }

    /** The gateway's defaults, with what the server's settings choose: address, TLS, connection rate. */
    private static GatewayConfig configOf(NetloomProperties.Gateway properties, ServerCertificates certificates) {
        GatewayConfig defaults = GatewayConfig.defaults(properties.host(), properties.port());
        return new GatewayConfig(properties.host(), properties.port(), defaults.maxFrameBytes(),
                defaults.messagesPerSecond(), defaults.messageBurst(), properties.connectionsPerSecond(),
                properties.connectionBurst(), defaults.heartbeatInterval(), defaults.idleTimeout(),
                defaults.signInTimeout(), defaults.mapQueueBytes(), defaults.writeQueueBytes(),
                certificates.current().orElse(null));
    }

    /**
     * Sessions recorded as open on a gateway that is gone (an earlier run of this process, a member that failed) are
     * recorded as ended, so no peer shows as connected without a session. Every member does this when one fails: a
     * second record of the same end changes nothing (the peer's current session is no longer that one).
     */
    private void endSessionsOfAbsentNodes(ClusterMembership membership) {
        GatewaySessionsOfAbsentNodes.in(directory, membership.liveNodes())
                .forEach(open -> presence.disconnected(open.peer(), open.sessionId()));
    }

    @Override
    public void stop() {
        if (gateway != null) {
            gateway.close();
            vertx.close().toCompletionStage().toCompletableFuture().join();
            gateway = null;
        }
        boundPort = -1;
    }

    @Override
    public boolean isRunning() {
        return gateway != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** The port the gateway listens on: the configured one, or the one chosen when configured as 0. */
    public int boundPort() {
        return boundPort;
    }

    /**
     * The paths the peer's daemon last reported on its live session (ADR 0038): empty while it is not connected,
     * has not reported, or the gateway is not running.
     */
    public Optional<ReportedPaths> reportedPaths(AccountId account, PeerId peer) {
        SignalGateway running = gateway;
        return running == null ? Optional.empty() : running.reportedPaths(account, peer);
    }

    /** Peers with a live session on this process's gateway; none while it is not running. */
    public int connectedPeers() {
        SignalGateway running = gateway;
        return running == null ? 0 : running.connectedPeers();
    }

    /** Paths of {@code type} in the latest reports of the peers connected here (for the meters, ADR 0050). */
    public int reportedPaths(PathReport.ConnectionType type) {
        SignalGateway running = gateway;
        return running == null ? 0 : running.reportedPaths(type);
    }

    public boolean usesTls() {
        return config.usesTls();
    }
}
