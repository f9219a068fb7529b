package io.netloom.gateway;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.gateway.protocol.PathReport;
import io.netloom.gateway.protocol.Wire;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In a cluster (ADR 0058): the paths that peers connected to other gateways last reported (ADR 0038), so that this
 * process's API and live views show them as they show those of its own peers. Every gateway publishes each change of
 * a report and the end of each session; what a gone member published is forgotten with it. Local listeners hear of
 * changes from anywhere in the cluster.
 */
final class PathsElsewhere implements PathReportListener {

    private static final String CHANGED = "netloom.gateway.paths";

    private record Held(String node, AccountId account, ReportedPaths paths) {
    }

    private final Vertx vertx;
    private final String node;
    private final Sessions sessions;
    private final PathReportListener listeners;
    private final Map<PeerId, Held> byPeer = new ConcurrentHashMap<>();
    private MessageConsumer<JsonObject> consumer;

    PathsElsewhere(Vertx vertx, String node, Sessions sessions, PathReportListener listeners) {
        this.vertx = vertx;
        this.node = node;
        this.sessions = sessions;
        this.listeners = listeners;
    }

    Future<Void> start() {
        if (!vertx.isClustered()) {
            return Future.succeededFuture();
        }
        consumer = vertx.eventBus().consumer(CHANGED, this::changedElsewhere);
        return consumer.completion();
    }

    void stop() {
        if (consumer != null) {
            consumer.unregister();
        }
    }

    /** A session here has a new report: local listeners hear of it, and so do the other gateways. */
    @Override
    public void pathsChanged(PeerIdentity peer) {
        listeners.pathsChanged(peer);
        PeerSession session = sessions.get(peer.peerId());
        Optional<ReportedPaths> latest = session == null ? Optional.empty() : session.reportedPaths();
        if (vertx.isClustered() && latest.isPresent()) {
            vertx.eventBus().publish(CHANGED, identity(peer).put("receivedAt", latest.get().receivedAt().toString())
                    .put("report", PathReport.encode(latest.get().paths())));
        }
    }

    /** The peer's last session here ended: its report goes with it, everywhere. */
    void sessionEnded(PeerIdentity peer) {
        if (vertx.isClustered()) {
            vertx.eventBus().publish(CHANGED, identity(peer));
        }
    }

    /** What {@code peer} reported on a session elsewhere, unfiltered; empty when it has none elsewhere. */
    Optional<ReportedPaths> of(AccountId account, PeerId peer) {
        Held held = byPeer.get(peer);
        return held != null && held.account().equals(account) ? Optional.of(held.paths()) : Optional.empty();
    }

    /** Forgets the reports of sessions on members that are gone. */
    void keepOnly(Set<String> liveNodes) {
        byPeer.entrySet().removeIf(entry -> !liveNodes.contains(entry.getValue().node()));
    }

    private JsonObject identity(PeerIdentity peer) {
        return new JsonObject().put("node", node).put("account", peer.accountId().value())
                .put("peer", peer.peerId().value()).put("publicKey", peer.publicKey());
    }

    private void changedElsewhere(Message<JsonObject> message) {
        JsonObject body = message.body();
        String from = body.getString("node");
        if (node.equals(from)) {
            return;
        }
        PeerIdentity peer;
        try {
            peer = new PeerIdentity(new AccountId(body.getString("account")), new PeerId(body.getString("peer")),
                    body.getString("publicKey"));
        } catch (RuntimeException malformed) {
            return;
        }
        String report = body.getString("report");
        if (report == null) {
            byPeer.computeIfPresent(peer.peerId(), (id, held) -> held.node().equals(from) ? null : held);
        } else {
            try {
                byPeer.put(peer.peerId(), new Held(from, peer.accountId(), new ReportedPaths(
                        Instant.parse(body.getString("receivedAt")), PathReport.decode(Wire.read(report)))));
            } catch (IOException | RuntimeException malformed) {
                return;
            }
        }
        listeners.pathsChanged(peer);
    }
}
