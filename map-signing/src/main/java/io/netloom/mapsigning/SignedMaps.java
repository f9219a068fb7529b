package io.netloom.mapsigning;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.gateway.protocol.MerkleBatch;
import io.netloom.projections.networkmap.MapUpdateListener;
import io.netloom.projections.networkmap.NetworkMaps;
import io.netloom.projections.networkmap.PeerMapUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network maps as peers receive them: every message signed for its recipient by the account's
 * key (ADR 0015). Consumers (the gateway) get signed bytes only and cannot mint content: live updates
 * are signed as the engine publishes them, full maps and retained deltas are signed on demand from
 * what the engine holds, never from anything a caller passes in.
 *
 * <p>Live updates are handed over under the account lock and signed after it is released, on one
 * publishing thread (which keeps every peer's messages in serial order), in batches of up to
 * {@value MerkleBatch#MAX_LEAVES} messages under one signature; a change touching more maps is split
 * across every core. Only updates for peers a listener wants are signed at all.
 */
public final class SignedMaps implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SignedMaps.class);
    private final NetworkMaps maps;
    private final MapMessageSigner signer;
    private final List<SignedMapListener> listeners = new CopyOnWriteArrayList<>();
    private final int parallelism;
    private final ExecutorService publisher;
    private final ExecutorService helpers;
    private final Runnable unsubscribe;
    private volatile boolean closed;

    /** Signs with as many threads as there are cores. */
    public SignedMaps(NetworkMaps maps, MapSigningKeys keys) {
        this(maps, keys, Runtime.getRuntime().availableProcessors());
    }

    public SignedMaps(NetworkMaps maps, MapSigningKeys keys, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        this.maps = maps;
        this.signer = new MapMessageSigner(keys);
        this.parallelism = parallelism;
        this.publisher = Executors.newSingleThreadExecutor(named("map-signing"));
        this.helpers = parallelism > 1 ? Executors.newFixedThreadPool(parallelism - 1, named("map-signing-helper"))
                : null;
        this.unsubscribe = maps.subscribe(new Publication());
    }

    /**
     * The peer's whole map, signed now, naming the model its serial counts in ({@link #modelId()}); empty when the
     * model does not know the peer.
     */
    public Optional<SignedMapMessage> fullMap(AccountId account, PeerId peer) {
        return maps.mapOf(account, peer).map(map -> signer.fullMap(account, peer, map, maps.modelId()));
    }

    /** The model whose serials these maps carry (ADR 0057); deltas continue only a map of the same model. */
    public String modelId() {
        return maps.modelId();
    }

    /**
     * The retained deltas since {@code serial}, signed now, oldest first; empty when the peer must be
     * sent its full map instead (see {@link NetworkMaps#deltasSince}).
     */
    public Optional<List<SignedMapMessage>> deltasSince(AccountId account, PeerId peer, long serial) {
        return maps.deltasSince(account, peer, serial).map(deltas -> signer.deltas(account,
                deltas.stream().map(delta -> new PeerMapUpdate(peer, delta)).toList()));
    }

    /** Registers a listener for every later update it wants; the returned action unregisters it. */
    public Runnable subscribe(SignedMapListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        closed = true;
        unsubscribe.run();
        publisher.shutdownNow();
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }

    /** Runs on the network-map thread, account locked: picks the wanted updates and hands them on. */
    private final class Publication implements MapUpdateListener {

        @Override
        public void mapsChanged(AccountId account, List<PeerMapUpdate> updates) {
            if (closed || listeners.isEmpty()) {
                return;
            }
            List<PeerMapUpdate> wanted = new ArrayList<>();
            for (PeerMapUpdate update : updates) {
                if (listeners.stream().anyMatch(listener -> listener.wants(account, update.peer()))) {
                    wanted.add(update);
                }
            }
            if (wanted.isEmpty()) {
                return;
            }
            try {
                publisher.execute(() -> signAndDeliver(account, wanted));
            } catch (RejectedExecutionException e) {
                log.debug("map signing stopped; {} updates not sent", wanted.size());
            }
        }
    }

    /**
     * Signs one change's messages and delivers each batch as soon as it is signed. A peer appears
     * once per change, so the parts may run in any order; the next change starts only when this one
     * is done. Parts are whole batches, so splitting adds no signatures.
     */
    private void signAndDeliver(AccountId account, List<PeerMapUpdate> updates) {
        int batches = (updates.size() + MerkleBatch.MAX_LEAVES - 1) / MerkleBatch.MAX_LEAVES;
        int parts = Math.min(parallelism, batches);
        int size = (batches + parts - 1) / parts * MerkleBatch.MAX_LEAVES;
        List<Future<?>> helping = new ArrayList<>();
        for (int from = size; from < updates.size(); from += size) {
            List<PeerMapUpdate> part = updates.subList(from, Math.min(from + size, updates.size()));
            helping.add(helpers.submit(() -> signAll(account, part)));
        }
        signAll(account, updates.subList(0, Math.min(size, updates.size())));
        for (Future<?> help : helping) {
            try {
                help.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                log.error("signing map updates of account {} failed", account, e.getCause());
            }
        }
    }

    private void signAll(AccountId account, List<PeerMapUpdate> updates) {
        for (int from = 0; from < updates.size(); from += MerkleBatch.MAX_LEAVES) {
            List<PeerMapUpdate> batch = updates.subList(from, Math.min(from + MerkleBatch.MAX_LEAVES, updates.size()));
            List<SignedMapMessage> messages;
            try {
                messages = signer.deltas(account, batch);
            } catch (RuntimeException e) {
                // These peers' next messages then leave a gap, which their sessions answer with a full map.
                log.error("signing {} map updates of account {} failed", batch.size(), account, e);
                continue;
            }
            for (int i = 0; i < batch.size(); i++) {
                PeerId peer = batch.get(i).peer();
                for (SignedMapListener listener : listeners) {
                    if (listener.wants(account, peer)) {
                        listener.mapSigned(account, peer, messages.get(i));
                    }
                }
            }
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
