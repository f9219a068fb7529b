package io.netloom.projections.history;

import io.netloom.domain.ids.GroupId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.PolicyId;
import io.netloom.domain.ids.UserId;

/**
 * How an explanation's messages name things. The history keeps ids only; the server names them as its directory
 * knows them now, and falls back to the id for what no longer exists.
 */
public interface Naming {

    /** Names everything by its id. */
    Naming IDS = new Naming() {
    };

    default String policy(PolicyId id) {
        return id.value();
    }

    default String group(GroupId id) {
        return id.value();
    }

    default String peer(PeerId id) {
        return id.value();
    }

    default String user(UserId id) {
        return id.value();
    }
}
