package io.netloom.gateway;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;

/** The enrolled peer behind a session, established from its proof of key possession. */
public record PeerIdentity(AccountId accountId, PeerId peerId, String publicKey) {
}
