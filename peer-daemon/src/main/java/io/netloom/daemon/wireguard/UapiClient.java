package io.netloom.daemon.wireguard;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Talks to wireguard-go over its control socket, one connection per request as the protocol expects. */
final class UapiClient {

    private static final Path SOCKET_DIRECTORY = Path.of("/var/run/wireguard");
    private static final Duration ANSWER_DEADLINE = Duration.ofSeconds(10);

    private final Path socket;

    UapiClient(String interfaceName) {
        this.socket = SOCKET_DIRECTORY.resolve(interfaceName + ".sock");
    }

    Path socket() {
        return socket;
    }

    /** Whether a process is listening on the socket (the file alone may be left over from a crash). */
    boolean isAnswering() {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel ignored = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Deletes a socket file nobody answers on any more. A wireguard-go whose interface was just
     * deleted exits and removes its socket by itself, so give it a moment before giving up on it.
     */
    void removeStaleSocket(Duration deadline) throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        while (isAnswering()) {
            if (System.nanoTime() > end) {
                throw new IOException("another wireguard-go still answers on " + socket
                        + "; stop it before starting this interface");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for an old wireguard-go to exit");
            }
        }
        Files.deleteIfExists(socket);
    }

    /** Sends one request and returns the answer, up to and including its closing empty line. */
    String exchange(String request) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
                Selector selector = Selector.open()) {
            ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            // Reads without blocking so that a wedged wireguard-go cannot hang the daemon forever.
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            return readAnswer(channel, selector);
        } catch (IOException e) {
            throw new IOException("cannot talk to wireguard-go on " + socket + ": " + e.getMessage(), e);
        }
    }

    private String readAnswer(SocketChannel channel, Selector selector) throws IOException {
        // The protocol is plain ASCII, so bytes can be appended as characters as they arrive.
        StringBuilder answer = new StringBuilder();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        long deadline = System.nanoTime() + ANSWER_DEADLINE.toNanos();
        while (!endsWithEmptyLine(answer)) {
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                throw new IOException("no complete answer within " + ANSWER_DEADLINE.toSeconds() + " s");
            }
            selector.select(remainingMillis);
            selector.selectedKeys().clear();
            buffer.clear();
            int read = channel.read(buffer);
            if (read < 0) {
                // wireguard-go hangs up without an errno on requests it cannot even parse.
                throw new IOException("wireguard-go closed the connection without a complete answer");
            }
            answer.append(new String(buffer.array(), 0, read, StandardCharsets.US_ASCII));
        }
        return answer.toString();
    }

    private static boolean endsWithEmptyLine(StringBuilder answer) {
        int length = answer.length();
        return length >= 2 && answer.charAt(length - 1) == '\n' && answer.charAt(length - 2) == '\n';
    }
}
