package io.netloom.server.api.live;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.ids.UserId;
import io.netloom.server.api.PeerViews;
import io.netloom.server.gateway.PathReports;
import io.netloom.server.security.Caller;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live feed of peers, per account: which peers changed, gathered for {@link #COALESCING} after the first so that a
 * burst (a peer enrolled into groups, an account-wide change) is sent once per peer, then handed to every open feed of
 * the account. Accounts nobody watches cost nothing: their changes are dropped at once.
 */
@Component
public class PeerFeed implements AutoCloseable {

    static final Duration COALESCING = Duration.ofMillis(200);
    /** Proxies close streams that stay silent for long, commonly after 30 to 60 s. */
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final PeerViews views;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("peer-feed"));
    /** A thread per stream being written to: a client that reads slowly holds up only its own stream. */
    private final ExecutorService senders = Executors.newCachedThreadPool(daemon("peer-feed-send"));
    private final Map<AccountId, Set<PeerFeedSubscription>> subscriptions = new ConcurrentHashMap<>();
    /** Changes waiting for their account's flush, the newest kept per peer; guarded by itself. */
    private final Map<AccountId, Map<PeerId, PeerChange>> pending = new HashMap<>();

    public PeerFeed(PeerViews views, PathReports pathReports) {
        this.views = views;
        pathReports.subscribe(peer -> changed(peer.accountId(), List.of(peer.peerId())));
        timers.scheduleAtFixedRate(this::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Opens a feed on {@code emitter}: its first event says it is subscribed, so no change after it is missed. */
    public void subscribe(Caller caller, SseEmitter emitter) {
        PeerFeedSubscription subscription = new PeerFeedSubscription(caller, emitter, views, senders, this::forget);
        // Queued first, so that no change comes before it.
        subscription.ready();
        // Added inside the map's own step: a feed of the account ending at this moment cannot drop the set it joins.
        subscriptions.compute(caller.accountId(), (account, open) -> {
            Set<PeerFeedSubscription> joined = open == null ? ConcurrentHashMap.newKeySet() : open;
            joined.add(subscription);
            return joined;
        });
    }

    /** Whether a feed of the account is open: if not, its changes need not even be looked up. */
    boolean watches(AccountId account) {
        return subscriptions.containsKey(account);
    }

    void changed(AccountId account, Collection<PeerId> peers) {
        peers.forEach(peer -> add(account, PeerChange.changed(peer)));
    }

    void removed(AccountId account, PeerId peer, UserId owner) {
        add(account, PeerChange.removed(peer, owner));
    }

    /**
     * Ends the account's feeds opened by callers {@code opened} matches: a feed checked its caller once, when it
     * opened, and what they may see changed since (blocked, deleted, another role, their token deleted). Their client
     * reconnects and is checked anew.
     */
    void endFeeds(AccountId account, Predicate<Caller> opened) {
        subscriptions.getOrDefault(account, Set.of()).stream()
                .filter(subscription -> opened.test(subscription.caller()))
                .toList()
                .forEach(PeerFeedSubscription::close);
    }

    /** The account's feeds open now, for tests that a closed stream leaves nothing behind. */
    int openFeeds(AccountId account) {
        return subscriptions.getOrDefault(account, Set.of()).size();
    }

    private void add(AccountId account, PeerChange change) {
        if (!subscriptions.containsKey(account)) {
            return;
        }
        synchronized (pending) {
            Map<PeerId, PeerChange> changes = pending.get(account);
            if (changes == null) {
                changes = new LinkedHashMap<>();
                pending.put(account, changes);
                timers.schedule(() -> flush(account), COALESCING.toMillis(), TimeUnit.MILLISECONDS);
            }
            // A deletion stays a deletion: a change reported after it names a peer that is gone.
            changes.merge(change.peer(), change, (earlier, later) -> earlier.removed() ? earlier : later);
        }
    }

    private void flush(AccountId account) {
        Collection<PeerChange> changes;
        synchronized (pending) {
            changes = pending.remove(account).values();
        }
        Set<PeerFeedSubscription> open = subscriptions.getOrDefault(account, Set.of());
        for (PeerFeedSubscription subscription : open) {
            changes.forEach(subscription::offer);
        }
    }

    private void heartbeat() {
        subscriptions.values().forEach(open -> open.forEach(PeerFeedSubscription::heartbeat));
    }

    private void forget(PeerFeedSubscription subscription) {
        subscriptions.computeIfPresent(subscription.caller().accountId(), (account, open) -> {
            open.remove(subscription);
            return open.isEmpty() ? null : open;
        });
    }

    @Override
    public void close() {
        timers.shutdownNow();
        List<PeerFeedSubscription> open = new ArrayList<>();
        subscriptions.values().forEach(open::addAll);
        open.forEach(PeerFeedSubscription::close);
        senders.shutdown();
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
