package io.netloom.projections.networkmap;

import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.UserId;
import java.util.List;
import java.util.function.Function;

/**
 * Where {@code NetworkMapProjection} applies events: the live {@link NetworkMaps} of every account, or
 * one account's history being replayed. Removing a peer and blocking a user are separate because the
 * live side must also end those peers' sessions.
 */
public interface NetworkModels {

    void createAccount(AccountId id, Ipv4Network network, String dnsDomain);

    /** Applies a change to an account's model; unknown accounts are ignored. */
    void change(AccountId id, Function<AccountModel, List<PeerMapUpdate>> change);

    void removePeer(AccountId id, PeerId peer);

    void blockUser(AccountId id, UserId user);
}
