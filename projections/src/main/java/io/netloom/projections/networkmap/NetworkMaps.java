package io.netloom.projections.networkmap;

import io.netloom.domain.common.Ipv4Network;
import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.UserId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Every account's network maps and the change API the gateway consumes: current maps with their
 * serials, recent deltas for reconnecting peers, and a live stream of updates. One writer (the
 * projection) and many readers; each account has its own lock, so reading a map and subscribing
 * to its deltas line up exactly by serial.
 */
public final class NetworkMaps implements NetworkModels {

    /** Enough for a daemon that was away for a short network hiccup; longer absences get a full map. */
    public static final int DELTAS_KEPT_PER_PEER = 32;

    /**
     * Names the space these maps' serials count in (ADR 0057): serials are counted by this instance, so another
     * process's serial N is not this one's. A peer that holds a map of another model gets a full map, never deltas.
     */
    private final String modelId = UUID.randomUUID().toString();
    private final Map<AccountId, Account> accounts = new ConcurrentHashMap<>();
    private final List<MapUpdateListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean retainingHistory;

    /** Maps that keep recent deltas from the start. */
    public NetworkMaps() {
        this(true);
    }

    /**
     * @param retainHistory whether recent deltas are kept from the start; a server replaying its event
     *     store passes false and calls {@link #retainHistory()} once caught up, because deltas produced
     *     by a replay can reach no connected peer and would only fill memory
     */
    public NetworkMaps(boolean retainHistory) {
        this.retainingHistory = retainHistory;
    }

    /** The id of this model, random per instance: the serials of two instances are never comparable. */
    public String modelId() {
        return modelId;
    }

    public void retainHistory() {
        retainingHistory = true;
    }

    @Override
    public void createAccount(AccountId id, Ipv4Network network, String dnsDomain) {
        accounts.putIfAbsent(id, new Account(new AccountNetwork(network, dnsDomain)));
    }

    /** Applies a change to an account's maps and publishes the resulting updates; unknown accounts are ignored. */
    @Override
    public void change(AccountId id, Function<AccountModel, List<PeerMapUpdate>> change) {
        locked(id, account -> {
            publish(id, account, change.apply(account.network));
            return Optional.empty();
        });
    }

    @Override
    public void removePeer(AccountId id, PeerId peer) {
        locked(id, account -> {
            boolean known = account.network.serialOf(peer).isPresent();
            publish(id, account, account.network.removePeer(peer));
            account.recent.forget(peer);
            if (known) {
                listeners.forEach(listener -> listener.peerRevoked(id, peer, "peer removed"));
            }
            return Optional.empty();
        });
    }

    /** Cuts off every peer of the user, and tells listeners so that their sessions end at once. */
    @Override
    public void blockUser(AccountId id, UserId user) {
        locked(id, account -> {
            publish(id, account, account.network.blockUser(user));
            account.network.peersOwnedBy(user).forEach(peer ->
                    listeners.forEach(listener -> listener.peerRevoked(id, peer, "owner blocked")));
            return Optional.empty();
        });
    }

    /** Whether the peer's owner is blocked or deleted (see {@link #blockUser}). */
    public boolean isCutOff(AccountId id, PeerId peer) {
        return locked(id, account -> Optional.of(account.network.isCutOff(peer))).orElse(false);
    }

    /** Whether {@code from} currently has {@code to} in its map. */
    public boolean canReach(AccountId id, PeerId from, PeerId to) {
        return locked(id, account -> Optional.of(account.network.reaches(from, to))).orElse(false);
    }

    public Optional<NetworkMap> mapOf(AccountId id, PeerId peer) {
        return locked(id, account -> account.network.mapOf(peer));
    }

    /** The account's inputs as they stand, for a full recomputation or an inspection. */
    public Optional<AccountSnapshot> snapshot(AccountId id) {
        return locked(id, account -> Optional.of(account.network.snapshot()));
    }

    /**
     * The account's inputs recreated in a model of the caller's (see {@link AccountNetwork#copyInputs}), taken
     * under the account's lock so that they are one moment of what the peers hold; empty for an unknown account.
     */
    public <M extends AccountModel> Optional<M> copyInputs(AccountId id, BiFunction<Ipv4Network, String, M> create) {
        return locked(id, account -> Optional.of(account.network.copyInputs(create)));
    }

    /** A model's inputs and every peer's serial, taken together under the account's lock (ADR 0054). */
    public record SavedAccount<M extends AccountModel>(M inputs, Map<PeerId, Long> serials) {
    }

    /** As {@link #copyInputs}, with the serials of the maps those inputs make, one moment of both. */
    public <M extends AccountModel> Optional<SavedAccount<M>> save(AccountId id,
            BiFunction<Ipv4Network, String, M> create) {
        return locked(id, account -> Optional.of(
                new SavedAccount<>(account.network.copyInputs(create), account.network.serials())));
    }

    /**
     * Builds an account's maps again from saved inputs ({@code inputs} makes the changes that recreate them in an
     * empty model) and goes on from the saved serials; what this replaces is dropped. Nothing is published: no peer
     * listens to a restore, and the recent deltas start empty, so a peer asking for deltas older than the restore
     * is sent its full map ({@link #deltasSince}).
     */
    public void restore(AccountId id, Ipv4Network network, String dnsDomain, Consumer<AccountModel> inputs,
            Map<PeerId, Long> serials) {
        accounts.put(id, new Account(AccountNetwork.rebuild(network, dnsDomain, inputs, serials)));
    }

    /**
     * Takes over every account {@code restored} holds, these maps being empty (ADR 0054); {@code restored} is not used
     * again. Nothing is published, as for {@link #restore(AccountId, Ipv4Network, String, Consumer, Map)}.
     */
    public void restore(NetworkMaps restored) {
        if (!accounts.isEmpty()) {
            throw new IllegalStateException("network maps are restored only while they are empty");
        }
        accounts.putAll(restored.accounts);
    }

    /** Forgets every account: what a restore that failed half-way leaves is not kept (ADR 0054). */
    public void clear() {
        accounts.clear();
    }

    /** The accounts these maps know. */
    public Set<AccountId> accountIds() {
        return Set.copyOf(accounts.keySet());
    }

    /**
     * What the peer missed since {@code serial}, oldest first, or empty when it must be sent its full
     * map instead (unknown peer, history no longer held, or a serial from the future).
     */
    public Optional<List<MapDelta>> deltasSince(AccountId id, PeerId peer, long serial) {
        return locked(id, account -> {
            OptionalLong current = account.network.serialOf(peer);
            return current.isEmpty() ? Optional.empty() : account.recent.since(peer, serial, current.getAsLong());
        });
    }

    /** For each peer, how many peers it may reach; peers the model does not know count 0. */
    public ToIntFunction<PeerId> reachableCounts(AccountId id) {
        Account account = accounts.get(id);
        if (account == null) {
            return peer -> 0;
        }
        return peer -> {
            synchronized (account) {
                return account.network.reachableCount(peer);
            }
        };
    }

    /** Registers a listener for every later update; the returned action unregisters it. */
    public Runnable subscribe(MapUpdateListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void publish(AccountId id, Account account, List<PeerMapUpdate> updates) {
        if (!updates.isEmpty()) {
            if (retainingHistory) {
                updates.forEach(account.recent::record);
            }
            listeners.forEach(listener -> listener.mapsChanged(id, updates));
        }
    }

    private <T> Optional<T> locked(AccountId id, Function<Account, Optional<T>> action) {
        Account account = accounts.get(id);
        if (account == null) {
            return Optional.empty();
        }
        synchronized (account) {
            return action.apply(account);
        }
    }

    private static final class Account {
        private final AccountNetwork network;
        private final RecentDeltas recent = new RecentDeltas(DELTAS_KEPT_PER_PEER);

        private Account(AccountNetwork network) {
            this.network = network;
        }
    }
}
