package io.netloom.server.api.live;

import io.netloom.api.netbird.Peer;
import io.netloom.domain.ids.UserId;
import io.netloom.server.api.PeerViews;
import io.netloom.server.security.Caller;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open live feed: what its caller may see of the changes, written to its stream in order by one sender at a time.
 * A peer is rendered when its turn to be written comes, so the stream carries the newest view. A client that reads
 * slower than changes come fills its queue and is dropped, its stream closed: it reconnects and reads the list anew.
 */
final class PeerFeedSubscription {

    /** Far more than one burst of changes in a large account; a client this far behind is not reading. */
    static final int QUEUE_CAPACITY = 4_096;

    /** What waits to be written: the opening event, a keep-alive comment, or a change. */
    private sealed interface Outgoing permits Ready, Heartbeat, Change {
    }

    private record Ready() implements Outgoing {
    }

    private record Heartbeat() implements Outgoing {
    }

    private record Change(PeerChange change) implements Outgoing {
    }

    private final Caller caller;
    private final SseEmitter emitter;
    private final PeerViews views;
    private final Executor senders;
    private final Consumer<PeerFeedSubscription> onClosed;
    private final BlockingQueue<Outgoing> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean finished;

    PeerFeedSubscription(Caller caller, SseEmitter emitter, PeerViews views, Executor senders,
            Consumer<PeerFeedSubscription> onClosed) {
        this.caller = caller;
        this.emitter = emitter;
        this.views = views;
        this.senders = senders;
        this.onClosed = onClosed;
        // The container ends the stream (the client left, the lifetime passed): nothing more is written.
        emitter.onCompletion(this::ended);
        emitter.onError(error -> ended());
        emitter.onTimeout(() -> {
            ended();
            emitter.complete();
        });
    }

    Caller caller() {
        return caller;
    }

    void ready() {
        enqueue(new Ready());
    }

    void heartbeat() {
        enqueue(new Heartbeat());
    }

    void offer(PeerChange change) {
        enqueue(new Change(change));
    }

    boolean isClosed() {
        return closed.get();
    }

    private void enqueue(Outgoing outgoing) {
        if (closed.get()) {
            return;
        }
        if (!queue.offer(outgoing)) {
            // Closed by the sender, which may be blocked writing to this very client.
            close();
        }
        scheduleSending();
    }

    private void scheduleSending() {
        if (sending.compareAndSet(false, true)) {
            senders.execute(this::send);
        }
    }

    private void send() {
        try {
            Outgoing next;
            while (!closed.get() && (next = queue.poll()) != null) {
                write(next);
            }
        } catch (IOException | IllegalStateException gone) {
            // The client left, or the container completed the stream: Spring MVC ends the request itself.
            ended();
        } finally {
            sending.set(false);
        }
        if (closed.get()) {
            finish();
        } else if (!queue.isEmpty()) {
            // Enqueued after the loop found the queue empty but before sending was released.
            scheduleSending();
        }
    }

    private void write(Outgoing outgoing) throws IOException {
        if (outgoing instanceof Ready) {
            emitter.send(SseEmitter.event().name("ready").data(Map.of(), MediaType.APPLICATION_JSON));
        } else if (outgoing instanceof Heartbeat) {
            emitter.send(SseEmitter.event().comment("keep-alive"));
        } else if (outgoing instanceof Change change) {
            write(change.change());
        }
    }

    private void write(PeerChange change) throws IOException {
        if (change.removed()) {
            if (maySee(change.owner())) {
                emitter.send(SseEmitter.event().name("peer-removed")
                        .data(Map.of("id", change.peer().value()), MediaType.APPLICATION_JSON));
            }
            return;
        }
        // Gone since: its removal follows.
        Optional<Peer> view = views.of(caller.accountId(), change.peer());
        if (view.isPresent() && maySee(view.get().userId().isEmpty() ? null : new UserId(view.get().userId()))) {
            emitter.send(SseEmitter.event().name("peer").data(view.get(), MediaType.APPLICATION_JSON));
        }
    }

    /** As {@code GET /api/peers}: the whole account for those who read it, otherwise one's own peers only. */
    private boolean maySee(UserId owner) {
        return caller.canReadAccount() || caller.userId().equals(owner);
    }

    /** Stops the stream from this side: the client is too slow, or the server is stopping. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            onClosed.accept(this);
            scheduleSending();
        }
    }

    /** The stream ended on the container's side: forget it without writing to it again. */
    private void ended() {
        finished = true;
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            onClosed.accept(this);
        }
    }

    private void finish() {
        if (!finished) {
            finished = true;
            emitter.complete();
        }
    }
}
