package io.netloom.server.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChainHashTest {

    private static final StoredEvent EVENT = new StoredEvent(7, "event-1", "Group", "group-1", 0,
            "io.netloom.domain.group.GroupCreatedEvent", null, "2026-12-04T21:00:00Z",
            bytes("{\"initiator\":\"user-1\"}"), bytes("{\"name\":\"servers\"}"));

    @Test
    void ofWhenSameRowAndPreviousThenSameHash() {
        assertThat(ChainHash.of(ChainHash.GENESIS, EVENT)).hasSize(64)
                .isEqualTo(ChainHash.of(ChainHash.GENESIS, copy(EVENT.payload())));
    }

    @Test
    void ofWhenPayloadChangedThenDifferentHash() {
        assertThat(ChainHash.of(ChainHash.GENESIS, copy(bytes("{\"name\":\"hacked\"}"))))
                .isNotEqualTo(ChainHash.of(ChainHash.GENESIS, EVENT));
    }

    @Test
    void ofWhenPreviousHashDiffersThenDifferentHash() {
        String previous = ChainHash.of(ChainHash.GENESIS, EVENT);

        assertThat(ChainHash.of(previous, EVENT)).isNotEqualTo(ChainHash.of(ChainHash.GENESIS, EVENT));
    }

    @Test
    void ofWhenBytesMoveBetweenFieldsThenDifferentHash() {
        StoredEvent shifted = new StoredEvent(7, "event-1", "Group", "group-1", 0,
                "io.netloom.domain.group.GroupCreatedEvent", "", "2026-12-04T21:00:00Z",
                bytes("{\"initiator\":\"user-1\"}"), bytes("{\"name\":\"servers\"}"));

        assertThat(ChainHash.of(ChainHash.GENESIS, shifted)).as("an empty revision is not a missing one")
                .isNotEqualTo(ChainHash.of(ChainHash.GENESIS, EVENT));
    }

    private static StoredEvent copy(byte[] payload) {
        return new StoredEvent(EVENT.globalIndex(), EVENT.eventId(), EVENT.aggregateType(), EVENT.aggregateId(),
                EVENT.sequence(), EVENT.payloadType(), EVENT.payloadRevision(), EVENT.timestamp(),
                EVENT.metadata().clone(), payload.clone());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
