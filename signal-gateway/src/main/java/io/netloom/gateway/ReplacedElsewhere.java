package io.netloom.gateway;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * In a cluster of gateways (ADR 0058): a peer's newer session on another gateway replaces its session here, as a
 * newer one here would — the older is ended as replaced, its presence recorded as ended, and the signals it may have
 * lost (ADR 0048) are sent to the gateway of the newer one. Every gateway tells the others of each session it opens.
 */
final class ReplacedElsewhere {

    private static final String OPENED = "netloom.gateway.opened";
    private static final String CARRIED_TO = "netloom.gateway.carried.";

    private final Vertx vertx;
    private final Sessions sessions;
    private final SignalRelay relay;
    private final PresenceRecorder presence;
    private final PathsElsewhere paths;
    private MessageConsumer<JsonObject> openedConsumer;

    ReplacedElsewhere(Vertx vertx, Sessions sessions, SignalRelay relay, PresenceRecorder presence,
            PathsElsewhere paths) {
        this.vertx = vertx;
        this.sessions = sessions;
        this.relay = relay;
        this.presence = presence;
        this.paths = paths;
    }

    Future<Void> start() {
        if (!vertx.isClustered()) {
            return Future.succeededFuture();
        }
        openedConsumer = vertx.eventBus().consumer(OPENED, this::openedSomewhere);
        return openedConsumer.completion();
    }

    /**
     * Tells the other gateways that {@code session} is the peer's newest. Signals carried over from an older session
     * elsewhere are written to it when they come, within the time such signals are kept at all.
     */
    void opened(PeerSession session) {
        if (!vertx.isClustered()) {
            return;
        }
        MessageConsumer<JsonArray> carried = vertx.eventBus().consumer(CARRIED_TO + session.id,
                message -> session.carryOver(message.body().stream().map(String::valueOf).toList()));
        vertx.setTimer(UnconfirmedSignals.KEPT_FOR.toMillis(), timer -> carried.unregister());
        carried.completion().onComplete(registered -> vertx.eventBus().publish(OPENED, new JsonObject()
                .put("account", session.peer.accountId().value()).put("peer", session.peer.peerId().value())
                .put("session", session.id)));
    }

    void stop() {
        if (openedConsumer != null) {
            openedConsumer.unregister();
        }
    }

    private void openedSomewhere(Message<JsonObject> message) {
        AccountId account;
        PeerId peer;
        String newer = message.body().getString("session");
        try {
            account = new AccountId(message.body().getString("account"));
            peer = new PeerId(message.body().getString("peer"));
        } catch (RuntimeException malformed) {
            return;
        }
        List<String> carried;
        synchronized (sessions) {
            PeerSession here = sessions.get(peer);
            if (here == null || here.id.equals(newer) || !here.peer.accountId().equals(account)) {
                return;
            }
            sessions.unregister(here);
            relay.goneFromHere(peer);
            paths.sessionEnded(here.peer);
            presence.disconnected(here.peer, here.id);
            carried = here.unconfirmedSignals();
            here.end(CloseCodes.REPLACED, "replaced by a newer session");
        }
        if (!carried.isEmpty()) {
            vertx.eventBus().send(CARRIED_TO + newer, new JsonArray(carried));
        }
    }
}
