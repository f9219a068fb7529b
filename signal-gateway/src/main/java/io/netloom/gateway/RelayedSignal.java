package io.netloom.gateway;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.vertx.core.json.JsonObject;

/**
 * A signal on its way from the gateway of its sender to the session of its recipient: checked at the sender's
 * gateway (well-formed, recipient in the sender's map), with {@code message} the frame the recipient will read.
 */
record RelayedSignal(AccountId account, PeerId sender, PeerId recipient, long sequence, String message) {

    JsonObject toJson() {
        return new JsonObject().put("account", account.value()).put("sender", sender.value())
                .put("recipient", recipient.value()).put("seq", sequence).put("message", message);
    }

    static RelayedSignal fromJson(JsonObject json) {
        return new RelayedSignal(new AccountId(json.getString("account")), new PeerId(json.getString("sender")),
                new PeerId(json.getString("recipient")), json.getLong("seq"), json.getString("message"));
    }

    /** What the sender is told when the signal was not relayed. */
    String refusal(SignalOutcome outcome) {
        return switch (outcome) {
            case PEER_OFFLINE -> "peer " + recipient + " is not connected";
            case REPLAYED -> "seq " + sequence + " was already used towards " + recipient;
            case PEER_BUSY -> "peer " + recipient + " is not reading its messages";
            default -> "the signal to " + recipient + " was not relayed";
        };
    }
}
