package io.netloom.server.readmodel.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class PartDecodersTest {

    private static final byte[] COMMON = bytes("common-part");
    private static final List<byte[]> ACCOUNTS = List.of(bytes("a"), bytes("account-bbbbbbbbbbbbbbbbbbbb"), bytes("cc"),
            bytes(""), bytes("dddddddd"));

    /** The order parts are decoded in (largest first) never shows in the result: accounts stay in stored order. */
    @Test
    void decodeWhenPartsDifferInSizeThenEveryResultIsInItsStoredPlace() {
        for (int threads : new int[] {1, 2, 7}) {
            PartDecoders.Decoded<String, String> decoded = new PartDecoders(threads)
                    .decode(COMMON, PartDecodersTest::text, ACCOUNTS, PartDecodersTest::text);

            assertThat(decoded.common()).isEqualTo("common-part");
            assertThat(decoded.accounts()).as("%d threads", threads)
                    .containsExactly("a", "account-bbbbbbbbbbbbbbbbbbbb", "cc", "", "dddddddd");
        }
    }

    @Test
    void decodeWhenThereAreThreadsToSpareThenPartsAreDecodedOnMoreThanOne() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        new PartDecoders(2).decode(COMMON, bytes -> slowly(threads), ACCOUNTS, bytes -> slowly(threads));

        assertThat(threads).hasSize(2).allMatch(name -> name.startsWith("read-model-snapshot-decode-"));
    }

    /** A part that cannot be read fails the whole decode with its own exception, as a single-threaded one would. */
    @Test
    void decodeWhenAPartCannotBeReadThenItsFailureIsThrown() {
        assertThatThrownBy(() -> new PartDecoders(2).decode(COMMON, PartDecodersTest::text, ACCOUNTS, bytes -> {
            if (bytes.length == 2) {
                throw new IllegalArgumentException("damaged part");
            }
            return text(bytes);
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("damaged part");
    }

    private static String slowly(Set<String> threads) {
        threads.add(Thread.currentThread().getName());
        try {
            // Long enough that a second thread takes a part while the first is busy.
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
