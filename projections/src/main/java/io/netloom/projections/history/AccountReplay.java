package io.netloom.projections.history;

import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.UserId;
import io.netloom.projections.networkmap.AccountModel;
import io.netloom.projections.networkmap.NetworkModels;
import io.netloom.projections.networkmap.PeerMapUpdate;
import io.netloom.projections.networkmap.projection.NetworkMapProjection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;

/**
 * Replays one account's stored events into an {@link AccountState}, through the very
 * {@link NetworkMapProjection} that keeps the live maps, so the past is read by the same rules as the
 * present. Events of other accounts are ignored.
 */
public final class AccountReplay implements NetworkModels {

    private final AccountId account;
    private final AnnotationEventHandlerAdapter projection;
    private AccountState state;

    /**
     * @param start the state at some earlier event (a snapshot), or null to start before the account existed
     * @param offboardSetupKeyPeers the server's {@code netloom.identity.offboard-setup-key-peers}, as the live
     *     projection is given it
     */
    public AccountReplay(AccountId account, AccountState start, boolean offboardSetupKeyPeers) {
        this.account = account;
        this.state = start;
        this.projection = new AnnotationEventHandlerAdapter(new NetworkMapProjection(this, offboardSetupKeyPeers));
    }

    /** Applies one stored event (its payload), citing {@code ref} as the cause of what it changes. */
    public void apply(Object payload, EventRef ref) {
        if (state != null) {
            state.causedBy(ref);
        }
        try {
            projection.handle(GenericEventMessage.asEventMessage(payload));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("replaying " + ref + " failed", e);
        }
    }

    /** The account as the events so far leave it; empty before it was created. */
    public Optional<AccountState> state() {
        return Optional.ofNullable(state);
    }

    @Override
    public void createAccount(AccountId id, Ipv4Network network, String dnsDomain) {
        if (id.equals(account) && state == null) {
            state = new AccountState(network, dnsDomain);
        }
    }

    @Override
    public void change(AccountId id, Function<AccountModel, List<PeerMapUpdate>> change) {
        if (id.equals(account) && state != null) {
            change.apply(state);
        }
    }

    @Override
    public void removePeer(AccountId id, PeerId peer) {
        change(id, model -> model.removePeer(peer));
    }

    @Override
    public void blockUser(AccountId id, UserId user) {
        change(id, model -> model.blockUser(user));
    }
}
