package io.netloom.daemon.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CoalescingFrameWriterTest {

    @Test
    void writeWhenTheStreamIsBusyThenTheFramesQueuedMeanwhileGoOutInOrderAsOneWrite() throws Exception {
        GatedStream stream = new GatedStream();
        try (CoalescingFrameWriter writer = new CoalescingFrameWriter(stream, "netloom-turn-test-writer", () -> { })) {
            writer.write(frame(1));
            assertThat(stream.firstWriteStarted.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 2; i <= 10; i++) {
                writer.write(frame(i));
            }
            stream.gate.countDown();
            stream.awaitBytes(10 * 8);

            assertThat(stream.writes()).hasSize(2);
            assertThat(stream.writes().get(1)).hasSize(9 * 8);
            byte[] all = stream.bytes();
            for (int i = 0; i < 10; i++) {
                assertThat(all[i * 8]).isEqualTo((byte) (i + 1));
            }
        }
    }

    @Test
    void writeWhenTheStreamFailedThenThrowsAndTheOwnerIsToldOnce() throws Exception {
        AtomicInteger told = new AtomicInteger();
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("connection reset");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("connection reset");
            }
        };
        try (CoalescingFrameWriter writer = new CoalescingFrameWriter(broken, "netloom-turn-test-writer",
                told::incrementAndGet)) {
            writer.write(frame(1));
            awaitCount(told, 1);

            assertThatThrownBy(() -> writer.write(frame(2))).isInstanceOf(IOException.class)
                    .hasMessageContaining("connection reset");
            assertThat(told).hasValue(1);
        }
    }

    @Test
    void closeThenTheThreadEndsAndWritingThrows() throws Exception {
        CoalescingFrameWriter writer = new CoalescingFrameWriter(new ByteArrayOutputStream(), "netloom-turn-test-writer",
                () -> { });

        writer.close();

        assertThat(TurnThreads.alive()).doesNotContain("netloom-turn-test-writer");
        assertThatThrownBy(() -> writer.write(frame(1))).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    private static byte[] frame(int number) {
        byte[] frame = new byte[8];
        frame[0] = (byte) number;
        return frame;
    }

    private static void awaitCount(AtomicInteger count, int expected) throws InterruptedException {
        for (int i = 0; i < 1000 && count.get() < expected; i++) {
            Thread.sleep(10);
        }
    }

    /** Records each write; the first one waits at the gate, as a socket write waits for a full send buffer. */
    private static final class GatedStream extends OutputStream {
        private final CountDownLatch firstWriteStarted = new CountDownLatch(1);
        private final CountDownLatch gate = new CountDownLatch(1);
        private final List<byte[]> writes = new ArrayList<>();

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            firstWriteStarted.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                throw new IOException("interrupted", e);
            }
            synchronized (writes) {
                byte[] copy = new byte[len];
                System.arraycopy(b, off, copy, 0, len);
                writes.add(copy);
                writes.notifyAll();
            }
        }

        List<byte[]> writes() {
            synchronized (writes) {
                return List.copyOf(writes);
            }
        }

        byte[] bytes() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            writes().forEach(all::writeBytes);
            return all.toByteArray();
        }

        void awaitBytes(int total) throws InterruptedException {
            synchronized (writes) {
                for (int i = 0; i < 100 && writes.stream().mapToInt(w -> w.length).sum() < total; i++) {
                    writes.wait(100);
                }
            }
        }
    }
}
