package io.netloom.server.readmodel.snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Decodes a snapshot's independent parts on one thread per core, largest part first (ADR 0064). The common part is
 * one task among the account parts rather than read before them on a single thread, and taking the largest first
 * keeps a big part from starting last while the other threads have nothing left. Threads of its own rather than the
 * common pool, which on a 2-core machine has one worker and is shared with whatever else starts meanwhile.
 */
final class PartDecoders {

    /** The decoded common part and each account part's result, in the order of the account parts. */
    record Decoded<C, A>(C common, List<A> accounts) {
    }

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;

    PartDecoders(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("at least one decoding thread, not " + threads);
        }
        this.threads = threads;
    }

    <C, A> Decoded<C, A> decode(byte[] common, Function<byte[], C> readCommon, List<byte[]> accounts,
            Function<byte[], A> readAccount) {
        // Threads only for the time of one decode: a server decodes at start-up and then once per snapshot its writer
        // builds, minutes apart.
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
        try {
            // The stored (compressed) size stands for the work: parts of one kind compress alike.
            List<Integer> largestFirst = IntStream.range(0, accounts.size()).boxed()
                    .sorted(Comparator.comparingInt((Integer i) -> accounts.get(i).length).reversed())
                    .toList();
            Future<C> commonPart = null;
            List<Future<A>> accountParts = new ArrayList<>(accounts.size());
            accounts.forEach(part -> accountParts.add(null));
            for (int i : largestFirst) {
                if (commonPart == null && common.length >= accounts.get(i).length) {
                    commonPart = pool.submit(() -> readCommon.apply(common));
                }
                byte[] part = accounts.get(i);
                accountParts.set(i, pool.submit(() -> readAccount.apply(part)));
            }
            if (commonPart == null) {
                commonPart = pool.submit(() -> readCommon.apply(common));
            }
            List<A> decoded = new ArrayList<>(accounts.size());
            for (Future<A> part : accountParts) {
                decoded.add(result(part));
            }
            return new Decoded<>(result(commonPart), decoded);
        } finally {
            pool.shutdownNow();
        }
    }

    private static ThreadFactory daemonThreads() {
        int pool = POOLS.incrementAndGet();
        AtomicInteger thread = new AtomicInteger();
        return task -> {
            Thread decoder = new Thread(task, "read-model-snapshot-decode-" + pool + "-" + thread.incrementAndGet());
            decoder.setDaemon(true);
            return decoder;
        };
    }

    private static <T> T result(Future<T> part) {
        try {
            return part.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding a read-model snapshot", e);
        }
    }
}
