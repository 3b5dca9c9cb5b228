package org.bankcrm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples, once a second, the resident memory (VmRSS) and CPU time (utime + stime) of every component of the stack
 * from {@code /proc}, a process and its descendants together (PostgreSQL is a postmaster and its backends), and keeps
 * per phase of the run the peak RSS and the average CPU in percent of one core. Two more columns tell whether the
 * machine itself was the limit: {@value #BENCH} (this process: the load generator and the chain's follower share the
 * machine with the stack) and {@value #MACHINE} (every process, busy time of all cores from {@code /proc/stat}, so
 * {@code 100 × cores} is a saturated machine). For each component it also keeps, as {@code <component> JIT}, the CPU of
 * the JVM's just-in-time compiler threads ({@code C1 CompilerThread}, {@code C2 CompilerThread}): work a service does
 * because it started recently, not because of the load it carries, and still a large share of its CPU minutes in.
 */
final class Resources implements AutoCloseable {
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux x86_64 and aarch64
    static final String BENCH = "bench";
    static final String MACHINE = "machine";
    /** The suffix of a component's JIT compiler threads: {@code offer-service JIT}. */
    static final String JIT = " JIT";

    record Usage(double peakRssMiB, double averageRssMiB, double averageCpuPercent, int samples) {
        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("peakRssMiB", round(peakRssMiB));
            map.put("averageRssMiB", round(averageRssMiB));
            map.put("averageCpuPercentOfOneCore", round(averageCpuPercent));
            map.put("samples", samples);
            return map;
        }
    }

    private static final class Accumulator {
        double peakRss;
        double rssSum;
        double cpuSum;
        int samples;

        void add(double rssMiB, double cpuPercent) {
            peakRss = Math.max(peakRss, rssMiB);
            rssSum += rssMiB;
            cpuSum += cpuPercent;
            samples++;
        }

        Usage usage() {
            return samples == 0 ? new Usage(0, 0, 0, 0) : new Usage(peakRss, rssSum / samples, cpuSum / samples, samples);
        }
    }

    private final Map<String, List<Long>> pids;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "resources");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Map<String, Accumulator>> byPhase = new LinkedHashMap<>();
    private final Map<String, Long> lastTicks = new LinkedHashMap<>();
    private long lastSample;
    private volatile String phase = "idle";

    /** Samples the processes of each component (a service's replicas together), with their children. */
    Resources(Map<String, List<Long>> pids) {
        this.pids = pids;
    }

    void start() {
        sampler.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    void phase(String name) {
        phase = name;
    }

    synchronized Map<String, Map<String, Usage>> usageByPhase() {
        Map<String, Map<String, Usage>> result = new LinkedHashMap<>();
        byPhase.forEach((phaseName, components) -> {
            Map<String, Usage> usages = new LinkedHashMap<>();
            components.forEach((component, accumulator) -> usages.put(component, accumulator.usage()));
            result.put(phaseName, usages);
        });
        return result;
    }

    /** Peak RSS of each component over the whole run. */
    synchronized Map<String, Double> peakRssMiB() {
        Map<String, Double> peaks = new LinkedHashMap<>();
        byPhase.values().forEach(components -> components.forEach((component, accumulator) -> {
            if (!MACHINE.equals(component) && !component.endsWith(JIT)) {
                peaks.merge(component, accumulator.peakRss, Math::max);
            }
        }));
        return peaks;
    }

    private synchronized void sample() {
        long now = System.nanoTime();
        double elapsedSeconds = lastSample == 0 ? 0 : (now - lastSample) / 1e9;
        lastSample = now;
        String current = phase;
        for (Map.Entry<String, List<Long>> entry : pids.entrySet()) {
            long rssKiB = 0;
            long ticks = 0;
            long jitTicks = 0;
            for (long process : entry.getValue()) {
                for (long pid : processTree(process)) {
                    rssKiB += rssKiB(pid);
                    ticks += cpuTicks(pid);
                    jitTicks += jitTicks(pid);
                }
            }
            add(current, entry.getKey(), rssKiB, ticks, elapsedSeconds);
            add(current, entry.getKey() + JIT, 0, jitTicks, elapsedSeconds);
        }
        long self = ProcessHandle.current().pid();
        add(current, BENCH, rssKiB(self), cpuTicks(self), elapsedSeconds);
        add(current, MACHINE, 0, machineBusyTicks(), elapsedSeconds);
    }

    private void add(String phaseName, String component, long rssKiB, long ticks, double elapsedSeconds) {
        Long previous = lastTicks.put(component, ticks);
        if (previous == null || elapsedSeconds <= 0) {
            return;
        }
        double cpuPercent = Math.max(0, ticks - previous) / (double) CLOCK_TICKS_PER_SECOND / elapsedSeconds * 100;
        byPhase.computeIfAbsent(phaseName, p -> new LinkedHashMap<>())
                .computeIfAbsent(component, c -> new Accumulator())
                .add(rssKiB / 1024.0, cpuPercent);
    }

    /** Busy clock ticks of all cores together since boot: the first line of /proc/stat less idle and iowait. */
    static long machineBusyTicks() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
            return busyTicks(first);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * {@code cpu  user nice system idle iowait irq softirq steal ...}: user, nice, system, irq and softirq, the time the
     * cores ran something (steal, the hypervisor's, and the guest columns, already in user, are left out).
     */
    static long busyTicks(String cpuLine) {
        String[] fields = cpuLine.trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < fields.length && i <= 7; i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(fields[i]);
            }
        }
        return busy;
    }

    private static List<Long> processTree(long pid) {
        List<Long> tree = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(process -> {
            tree.add(process.pid());
            process.descendants().forEach(child -> tree.add(child.pid()));
        });
        return tree;
    }

    static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended between listing and reading
        }
        return 0;
    }

    /** utime + stime of one process, in clock ticks (fields 14 and 15 of /proc/pid/stat, after the command name). */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * utime + stime of a process's JIT compiler threads, in clock ticks: its threads whose name (as {@code /proc} keeps
     * it, 15 characters) is HotSpot's {@code C1 CompilerThreadN} or {@code C2 CompilerThreadN}; 0 for a process that is
     * no JVM.
     */
    static long jitTicks(long pid) {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                ticks += jitThreadTicks(readOrEmpty(task.resolve("stat")));
            }
        } catch (IOException | RuntimeException e) {
            // the process ended between listing and reading
        }
        return ticks;
    }

    /** The ticks of one thread's {@code stat} line if it is a JIT compiler thread, else 0. */
    static long jitThreadTicks(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            return 0;
        }
        String name = stat.substring(open + 1, close);
        if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
            return 0;
        }
        String[] fields = stat.substring(close + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
