package io.netloom.ops.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One offboarding, proved with packets (issue 12): both people's devices ping the server every 50 ms; one person is
 * offboarded; the leaver's pings must stop being answered within the path's target while the other person's never
 * drop. The cut time is from the offboarding call to the leaver's last answered ping. Each path's times are kept
 * for the report in BENCHMARKS.md.
 */
final class Offboarding {

    /** The silence after the target that proves the path stays closed. */
    private static final Duration PROOF = Duration.ofSeconds(2);
    private static final Map<String, List<Duration>> CUT_TIMES = new LinkedHashMap<>();
    private static final Path REPORT = Path.of("target/offboarding-cut-times.txt");

    private Offboarding() {
    }

    /**
     * Offboards with {@code action} (started at the instant the call is made) and returns the measured cut time.
     *
     * @param path the offboarding path, for the report ("admin API", "SCIM", ...)
     * @param target the longest the leaver's path may stay open
     */
    static Duration cut(String path, LabPeer leaver, LabPeer stayer, String serverIp, Duration target,
            Runnable action) {
        try (PingTrace leaving = PingTrace.start(leaver.host, serverIp);
                PingTrace staying = PingTrace.start(stayer.host, serverIp)) {
            Instant warmUp = Instant.now();
            Await.until(leaver.host + " answered before the offboarding", Duration.ofSeconds(30),
                    () -> leaving.answeredAfter(warmUp) && staying.answeredAfter(warmUp));
            Await.pause(Duration.ofMillis(500));
            Instant before = Instant.now().minus(Duration.ofMillis(400));
            Instant called = Instant.now();
            action.run();
            Await.pause(Duration.between(Instant.now(), called.plus(target).plus(PROOF)));
            Instant after = Instant.now();

            Duration cut = leaving.lastReplyAfter(called).map(last -> Duration.between(called, last))
                    .orElse(Duration.ZERO);
            assertThat(cut).as("%s: the leaver's last answered ping after the call", path).isLessThan(target);
            assertThat(leaving.answeredAfter(called.plus(target)))
                    .as("%s: the leaver's pings answered after %s", path, target).isFalse();
            assertThat(staying.lostBetween(before, after)).as("%s: pings the other person lost", path).isZero();
            record(path, cut);
            return cut;
        }
    }

    private static synchronized void record(String path, Duration cut) {
        CUT_TIMES.computeIfAbsent(path, ignored -> new ArrayList<>()).add(cut);
        System.err.printf("offboarding via %s: cut after %d ms%n", path, cut.toMillis());
    }

    /** Writes each path's cut times (every run, median and max, in ms) to target/offboarding-cut-times.txt. */
    static synchronized void report() {
        StringBuilder report = new StringBuilder();
        CUT_TIMES.forEach((path, times) -> {
            List<Long> millis = times.stream().map(Duration::toMillis).sorted().toList();
            int middle = millis.size() / 2;
            long median = millis.size() % 2 == 1 ? millis.get(middle) : (millis.get(middle - 1) + millis.get(middle)) / 2;
            report.append(String.format("%s: runs %s, median %d ms, max %d ms%n", path, millis, median,
                    millis.get(millis.size() - 1)));
        });
        System.err.print(report);
        try {
            Files.createDirectories(REPORT.toAbsolutePath().getParent());
            Files.writeString(REPORT, report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
