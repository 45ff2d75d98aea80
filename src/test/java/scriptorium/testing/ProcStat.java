package scriptorium.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A process's or a thread's name and CPU time so far, from Linux's {@code /proc/.../stat}: what the benchmarks weigh
 * the server, nginx's workers and the JIT's compiler threads with.
 */
public record ProcStat(String name, long userNanos, long systemNanos) {

    private static final long TICK_NANOS = 10_000_000; // CLK_TCK = 100 on Linux

    /** Process {@code pid}'s, or empty if it has ended. */
    public static Optional<ProcStat> ofProcess(long pid) {
        return read(Path.of("/proc/" + pid + "/stat"));
    }

    /** Each live thread's of process {@code pid} ({@code "self"} for this JVM); empty where there is no /proc. */
    public static List<ProcStat> threadsOf(String pid) {
        var threads = new ArrayList<ProcStat>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            tasks.forEach(task -> read(task.resolve("stat")).ifPresent(threads::add));
        } catch (IOException noProc) {
            return List.of();
        }
        return threads;
    }

    public long cpuNanos() {
        return userNanos + systemNanos;
    }

    private static Optional<ProcStat> read(Path stat) {
        try {
            String text = Files.readString(stat);
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" "); // the name may hold spaces
            return Optional.of(new ProcStat(text.substring(text.indexOf('(') + 1, text.lastIndexOf(')')),
                    Long.parseLong(fields[11]) * TICK_NANOS, Long.parseLong(fields[12]) * TICK_NANOS));
        } catch (IOException | RuntimeException ended) {
            return Optional.empty(); // it ended between the listing and the read
        }
    }
}
