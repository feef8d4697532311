package io.activitygateway.benchmarks.fanout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of a process from {@code /proc/<pid>/stat} (Linux), and the machine's load average. */
final class ProcCpu {

    /** Clock ticks per second of /proc figures; 100 on every Linux this runs on (USER_HZ). */
    private static final long TICKS = 100;

    private ProcCpu() {
    }

    static long millis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (which may hold spaces) start after the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 1000 / TICKS;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 1-minute load average. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException e) {
            return -1;
        }
    }
}
