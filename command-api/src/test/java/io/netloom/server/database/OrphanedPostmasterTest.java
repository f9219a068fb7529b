package io.netloom.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock file left in the data directory decides what is stopped: only a postgres naming this very
 * directory is signalled; any other process a stale lock file happens to name is left alone.
 */
class OrphanedPostmasterTest {

    @TempDir
    Path dataDirectory;

    @TempDir
    Path otherDataDirectory;

    private Process process;

    @AfterEach
    void stopProcess() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void stopIfRunningWhenNoLockFileThenNothingHappens() throws IOException {
        orphans().stopIfRunning(dataDirectory);

        assertThat(dataDirectory.resolve(PostmasterPidFile.NAME)).doesNotExist();
    }

    @Test
    void stopIfRunningWhenLockFileNamesAnUnrelatedProcessThenStaleFileRemovedAndProcessUntouched() throws Exception {
        process = new ProcessBuilder("sleep", "300").start();
        writeLockFile(process.pid());

        orphans().stopIfRunning(dataDirectory);

        assertThat(dataDirectory.resolve(PostmasterPidFile.NAME)).doesNotExist();
        assertThat(process.isAlive()).isTrue();
    }

    @Test
    void stopIfRunningWhenLockFileNamesPostgresOfAnotherDirectoryThenThatPostgresUntouched() throws Exception {
        process = fakePostgres(otherDataDirectory);
        writeLockFile(process.pid());

        orphans().stopIfRunning(dataDirectory);

        assertThat(dataDirectory.resolve(PostmasterPidFile.NAME)).doesNotExist();
        assertThat(process.waitFor(200, TimeUnit.MILLISECONDS)).as("the other postgres was stopped").isFalse();
    }

    @Test
    void stopIfRunningWhenLockFileNamesPostgresOfThisDirectoryThenAskedToShutDownFast() throws Exception {
        process = fakePostgres(dataDirectory);
        writeLockFile(process.pid());

        orphans().stopIfRunning(dataDirectory);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("exit code set by its SIGINT trap").isEqualTo(42);
    }

    @Test
    void stopIfRunningWhenLockFileNamesNoLiveProcessThenStaleFileRemoved() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        writeLockFile(finished.pid());

        orphans().stopIfRunning(dataDirectory);

        assertThat(dataDirectory.resolve(PostmasterPidFile.NAME)).doesNotExist();
    }

    private static OrphanedPostmaster orphans() {
        return new OrphanedPostmaster(Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    private void writeLockFile(long pid) throws IOException {
        Files.writeString(dataDirectory.resolve(PostmasterPidFile.NAME),
                pid + "\n" + dataDirectory + "\n1796289623\n5432\n\n127.0.0.1\n  2162826        27\nready   \n",
                StandardCharsets.UTF_8);
    }

    /**
     * A process whose command line reads {@code postgres -e <script> -- -D <directory>} and which exits 42
     * on SIGINT, once it said its handler is set. Perl, not a shell: a shell cannot trap a signal it
     * inherited as ignored (as a JVM started in the background passes SIGINT on), Perl can.
     */
    private static Process fakePostgres(Path directory) throws IOException {
        String script = "$SIG{INT} = sub { exit 42 }; $| = 1; print \"ready\\n\"; sleep 1 while 1;";
        Process fake = new ProcessBuilder("bash", "-c", "exec -a postgres perl -e \"$0\" -- -D \"$1\"", script,
                directory.toString()).start();
        String firstLine = new BufferedReader(
                new InputStreamReader(fake.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(firstLine).isEqualTo("ready");
        return fake;
    }
}
