package io.netloom.daemon.relay;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes the frames of a TURN byte stream on a thread of its own, flushing only when no further frame is waiting.
 *
 * <p>Why not write on the sender's thread: over TLS every flush is a record, encrypted and sent with a system call
 * of its own. One frame per flush made a relayed WireGuard datagram cost the proxy thread a whole TLS record; here
 * the proxy thread only queues, and while the writer encrypts and sends one burst the next accumulates, so a busy
 * tunnel goes out as records of up to 16 KiB and an idle one still leaves at once (the queue is empty after every
 * single frame).
 *
 * <p>A full queue makes the sender wait, as a full socket buffer did before: the proxy then stops reading
 * WireGuard's socket and the kernel drops there, which is what a congested UDP path does too.
 */
final class CoalescingFrameWriter implements AutoCloseable {

    /** About 1 MiB of relayed 1280-byte datagrams: more than a socket buffer, so bursts are not cut short here. */
    private static final int QUEUED_FRAMES = 1024;
    /** The largest TLS record's plaintext (RFC 8446 §5.1): a full buffer is flushed as one record. */
    private static final int BUFFER_BYTES = 16 * 1024;
    private static final long OFFER_WAIT_MILLIS = 200;

    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUED_FRAMES);
    private final OutputStream out;
    private final Runnable onFailure;
    private final Thread thread;
    private volatile IOException failure;
    private volatile boolean closed;

    /**
     * @param onFailure called once, on the writer thread, when writing fails: the connection is broken for reading
     *     too, and whoever owns it should know before the next read or send tells it
     */
    CoalescingFrameWriter(OutputStream stream, String threadName, Runnable onFailure) {
        this.out = new BufferedOutputStream(stream, BUFFER_BYTES);
        this.onFailure = onFailure;
        this.thread = new Thread(this::writeUntilClosed, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues one whole frame; waits while the queue is full. Throws once writing has failed or after close. */
    void write(byte[] frame) throws IOException {
        try {
            while (!queue.offer(frame, OFFER_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                throwIfUnusable();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while queueing a frame for the relay", e);
        }
        throwIfUnusable();
    }

    private void throwIfUnusable() throws IOException {
        IOException failed = failure;
        if (failed != null) {
            throw new IOException(failed.getMessage(), failed);
        }
        if (closed) {
            throw new IOException("the connection to the relay is closed");
        }
    }

    private void writeUntilClosed() {
        try {
            while (!closed) {
                byte[] frame = queue.take();
                do {
                    out.write(frame);
                    frame = queue.poll();
                } while (frame != null);
                out.flush();
            }
        } catch (IOException e) {
            if (!closed) {
                failure = e;
                queue.clear();
                onFailure.run();
            }
        } catch (InterruptedException e) {
            // closed: see close()
        }
    }

    /**
     * Stops the writer; frames still queued are dropped. Close the socket first: a writer blocked in a socket write
     * is released by that, one waiting for frames by the interrupt.
     */
    @Override
    public void close() {
        closed = true;
        queue.clear();
        thread.interrupt();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(OFFER_WAIT_MILLIS * 5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
