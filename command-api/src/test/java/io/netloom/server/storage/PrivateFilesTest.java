package io.netloom.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {

    @TempDir
    Path keys;

    @Test
    void readOrCreateWhenAbsentThenCreatedPrivateAndReadBackAfterwards() throws Exception {
        Path file = keys.resolve("nested/turn-secret");

        String created = PrivateFiles.readOrCreate(file, () -> "first-secret");

        assertThat(created).isEqualTo("first-secret");
        assertThat(PrivateFiles.readOrCreate(file, () -> "second-secret")).isEqualTo("first-secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var left = Files.list(file.getParent())) {
            assertThat(left.map(Path::getFileName).map(Path::toString)).containsExactly("turn-secret");
        }
    }

    /** Processes of a cluster starting at once on one keys directory: one secret, for all. */
    @Test
    void readOrCreateWhenManyCreateAtOnceThenAllReadTheOneCreatedFirst() throws Exception {
        Path file = keys.resolve("gateway-x25519.key");
        int callers = 8;
        AtomicInteger made = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try {
            List<Future<String>> read = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Callable<String> caller = () -> {
                    start.await();
                    return PrivateFiles.readOrCreate(file, () -> "secret-" + made.incrementAndGet());
                };
                read.add(threads.submit(caller));
            }
            start.countDown();
            Set<String> secrets = read.stream().map(PrivateFilesTest::get).collect(Collectors.toSet());

            assertThat(secrets).hasSize(1).containsExactly(PrivateFiles.read(file));
        } finally {
            threads.shutdownNow();
        }
    }

    private static String get(Future<String> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
