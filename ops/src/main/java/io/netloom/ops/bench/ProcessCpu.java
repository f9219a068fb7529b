package io.netloom.ops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CPU time server processes have used (user + system, from {@code /proc/<pid>/stat}), so a benchmark can say
 * what a change cost in CPU and not only how long it took: on two shared cores, adding processes can shorten a
 * latency while costing more CPU in all.
 */
final class ProcessCpu {

    private final List<Long> pids;
    private final long ticksPerSecond;

    private ProcessCpu(List<Long> pids, long ticksPerSecond) {
        this.pids = pids;
        this.ticksPerSecond = ticksPerSecond;
    }

    /** Of the processes named in a comma-separated list; none when the list is empty. */
    static ProcessCpu of(String commaSeparatedPids) throws IOException, InterruptedException {
        List<Long> pids = new ArrayList<>();
        for (String pid : commaSeparatedPids.split(",")) {
            if (!pid.isBlank()) {
                pids.add(Long.parseLong(pid.strip()));
            }
        }
        Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
        long ticks = Long.parseLong(new String(getconf.getInputStream().readAllBytes()).strip());
        getconf.waitFor();
        return new ProcessCpu(pids, ticks);
    }

    boolean measures() {
        return !pids.isEmpty();
    }

    /** Each process's CPU time so far, in milliseconds, in the order the pids were given. */
    long[] millisUsed() throws IOException {
        long[] used = new long[pids.size()];
        for (int i = 0; i < used.length; i++) {
            String stat = Files.readString(Path.of("/proc", pids.get(i).toString(), "stat"));
            // Fields after the command name, which is in parentheses and may itself hold spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            used[i] = ticks * 1000 / ticksPerSecond;
        }
        return used;
    }

    /** What all processes used together between two readings. */
    static long total(long[] before, long[] after) {
        long total = 0;
        for (int i = 0; i < before.length; i++) {
            total += after[i] - before[i];
        }
        return total;
    }

    /** What each process used between two readings, and their sum. */
    static String spent(long[] before, long[] after) {
        StringBuilder each = new StringBuilder();
        for (int i = 0; i < before.length; i++) {
            each.append(i == 0 ? "" : ", ").append(after[i] - before[i]);
        }
        return total(before, after) + " ms CPU (per process: " + each + " ms)";
    }
}
