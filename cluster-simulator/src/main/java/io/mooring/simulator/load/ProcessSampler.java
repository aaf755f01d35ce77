package io.mooring.simulator.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CPU time and resident memory of another process on this machine (Linux /proc), so the driver can give the
 * service's CPU per accepted request over exactly the measured window, and whether its memory stayed flat.
 */
final class ProcessSampler {

    /** Clock ticks per second of /proc/PID/stat's times: USER_HZ, 100 on every Linux architecture Mooring runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Path stat;
    private final Path status;
    private final AtomicLong markTicks = new AtomicLong();
    private final AtomicLong maxRssKb = new AtomicLong();

    ProcessSampler(long pid) {
        this.stat = Path.of("/proc", String.valueOf(pid), "stat");
        this.status = Path.of("/proc", String.valueOf(pid), "status");
    }

    /** Starts the CPU window now. */
    void mark() {
        markTicks.set(cpuTicks(read(stat)));
    }

    double cpuSecondsSinceMark() {
        return (cpuTicks(read(stat)) - markTicks.get()) / TICKS_PER_SECOND;
    }

    void sampleMemory() {
        maxRssKb.accumulateAndGet(rssKb(read(status)), Math::max);
    }

    long maxRssMb() {
        sampleMemory();
        return maxRssKb.get() / 1024;
    }

    long rssMb() {
        return rssKb(read(status)) / 1024;
    }

    /** utime + stime of a /proc/PID/stat line; the command name in parentheses may hold spaces, so after its ')'. */
    static long cpuTicks(String statLine) {
        String[] fields = statLine.substring(statLine.lastIndexOf(')') + 2).trim().split("\\s+");
        // After the name: state is field 3 of the man page, so utime (14) and stime (15) are at 11 and 12 here.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** VmRSS in kB of a /proc/PID/status text; 0 when absent (the process has gone). */
    static long rssKb(String statusText) {
        for (String line : statusText.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (has the service stopped?)", e);
        }
    }
}
