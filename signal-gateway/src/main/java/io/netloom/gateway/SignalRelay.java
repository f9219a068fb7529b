package io.netloom.gateway;

import io.netloom.domain.ids.PeerId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Takes a checked signal to its recipient's session: on this gateway when the recipient is connected here, else, when
 * this gateway is one of a cluster (a clustered Vert.x, ADR 0058), to the gateway the recipient is connected to, over
 * the event bus at the recipient's address, which the gateway holding its session listens on. The gateway that finds
 * the session decides the outcome, counts it and, for a replay check, keeps the sequence numbers towards that
 * recipient: they stay with whichever gateway the recipient is on, so a sender that moves keeps its replay
 * protection towards peers that did not.
 */
final class SignalRelay {

    private static final String PEER_ADDRESS = "netloom.gateway.peer.";
    /** A gateway that holds the recipient answers at once; longer means it is gone, and the peer is not reachable. */
    private static final DeliveryOptions REMOTE_DELIVERY = new DeliveryOptions().setSendTimeout(5_000);

    private final Vertx vertx;
    private final Sessions sessions;
    private final SignalSequences sequences;
    private final GatewayMeters meters;
    private final Map<PeerId, MessageConsumer<JsonObject>> listening = new ConcurrentHashMap<>();

    SignalRelay(Vertx vertx, Sessions sessions, SignalSequences sequences, GatewayMeters meters) {
        this.vertx = vertx;
        this.sessions = sessions;
        this.sequences = sequences;
        this.meters = meters;
    }

    /** Completes, on any thread, with what became of the signal; never fails. */
    Future<SignalOutcome> relay(RelayedSignal signal) {
        if (sessions.get(signal.recipient()) != null || !vertx.isClustered()) {
            return deliverHere(signal);
        }
        return vertx.eventBus().<String>request(PEER_ADDRESS + signal.recipient().value(), signal.toJson(),
                        REMOTE_DELIVERY)
                .map(reply -> SignalOutcome.valueOf(reply.body()))
                .otherwise(noGatewayHoldsIt -> {
                    meters.signal(SignalOutcome.PEER_OFFLINE);
                    return SignalOutcome.PEER_OFFLINE;
                });
    }

    /** In a cluster: from now on, signals to {@code peer} sent through other gateways come here. */
    void connectedHere(PeerId peer) {
        if (vertx.isClustered()) {
            listening.computeIfAbsent(peer, id -> vertx.eventBus().<JsonObject>consumer(PEER_ADDRESS + id.value(),
                    this::deliverFromAnotherGateway));
        }
    }

    /** The last session of {@code peer} here has ended. */
    void goneFromHere(PeerId peer) {
        MessageConsumer<JsonObject> consumer = listening.remove(peer);
        if (consumer != null) {
            consumer.unregister();
        }
    }

    /** The gateway closes: no signal for its peers comes here any more. */
    void stop() {
        listening.keySet().forEach(this::goneFromHere);
    }

    void forget(PeerId peer) {
        sequences.forget(peer);
    }

    private void deliverFromAnotherGateway(Message<JsonObject> message) {
        RelayedSignal signal;
        try {
            signal = RelayedSignal.fromJson(message.body());
        } catch (RuntimeException malformed) {
            message.fail(400, "malformed signal");
            return;
        }
        deliverHere(signal).onComplete(outcome -> message.reply(outcome.result().name()));
    }

    private Future<SignalOutcome> deliverHere(RelayedSignal signal) {
        PeerSession target = sessions.get(signal.recipient());
        // Offline first: a signal that is not relayed must not use up its seq (docs/protocol.md §3).
        if (target == null || !target.peer.accountId().equals(signal.account())) {
            meters.signal(SignalOutcome.PEER_OFFLINE);
            return Future.succeededFuture(SignalOutcome.PEER_OFFLINE);
        }
        if (!sequences.advance(signal.sender(), signal.recipient(), signal.sequence())) {
            meters.signal(SignalOutcome.REPLAYED);
            return Future.succeededFuture(SignalOutcome.REPLAYED);
        }
        return target.deliver(signal.message());
    }
}
