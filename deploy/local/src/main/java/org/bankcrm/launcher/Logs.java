package org.bankcrm.launcher;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/** The component logs under .crm/logs: a header per run, and their last lines when something fails. */
final class Logs {
    private static final int TAIL_BYTES = 256 * 1024;
    private static final String HEADER = "===== ";

    private Logs() {
    }

    /** Marks where this run begins in a log that keeps the earlier runs. */
    static void startRun(Path log, String what) throws IOException {
        Files.createDirectories(log.getParent());
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        Files.writeString(log, System.lineSeparator() + HEADER + stamp + " " + what + " =====" + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The last {@code lines} lines of the current run (after the last {@link #startRun} header) of a log. */
    static List<String> tailOfLastRun(Path log, int lines) {
        List<String> tail = tail(log, Integer.MAX_VALUE);
        int header = tail.size() - 1;
        while (header >= 0 && !tail.get(header).startsWith(HEADER)) {
            header--;
        }
        List<String> run = tail.subList(header + 1, tail.size());
        return run.subList(Math.max(0, run.size() - lines), run.size());
    }

    /** The last {@code lines} lines of a log (reads only its end: the broker log grows). */
    static List<String> tail(Path log, int lines) {
        if (!Files.isRegularFile(log)) {
            return List.of();
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, file.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
        }
    }
}
