package scriptorium.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The load benchmark's Markdown: a row per path and level, then the ratios and where the server's CPU went. */
final class LoadReport {

    static final String HEADER = """
            | level | path | runs ok / failed | tokens/s | ÷ floor / ÷ relay | first event p50 / p99 ms \
            | first token p50 / p99 ms | added latency p50 / p99 / max ms | server heap / RSS at peak \
            | per open stream | CPU per token | load avg |
            |---|---|---|---|---|---|---|---|---|---|---|---|""";

    private final List<String> summaries = new ArrayList<>();
    private final List<String> threads = new ArrayList<>();

    /** The ratios of every level, then the server's CPU by group of threads. */
    void end() {
        System.out.printf("%nScriptorium against the floor and the relay (ours / relay / floor):%n%n");
        System.out.println("| level | tokens/s ÷ floor | tokens/s ÷ relay | first event p99 ms | added latency p99 ms"
                + " | CPU per token ms (ours / relay) | CPU ÷ relay |");
        System.out.println("|---|---|---|---|---|---|---|");
        summaries.forEach(System.out::println);
        System.out.printf("%nWhere the CPU went, per token delivered (µs): the server by group of threads, nginx's workers:%n%n");
        threads.forEach(System.out::println);
        System.out.println();
    }

    /** The rows of one level: floor, relay (when there is one), Scriptorium; its ratios and threads kept for the end. */
    void level(String level, Tally floor, Tally relayed, Tally ours) {
        row(level, "floor (client → fake model)", floor, "", "");
        if (relayed != null) {
            row(level, "relay (client → nginx → fake model)", relayed, ratio(relayed, floor) + " / 1", "");
        }
        row(level, "Scriptorium", ours, ratio(ours, floor) + " / " + (relayed == null ? "n/a" : ratio(ours, relayed)),
                String.format("%d / %d MiB | %s", ours.peakHeap >> 20, ours.peakRss >> 20, perStream(ours)));
        threads.add(level + ": " + threads(ours));
        threads.add(level + ", tokens over " + Tally.LATE_MICROS / 1000 + " ms late through Scriptorium, by second of the"
                + " level they arrived in: " + ours.lateSeconds() + "; in flight across the benchmark's own full GC of"
                + " the server (for its live heap), left out of the latency: " + ours.pausedTokens.get());
        if (relayed != null) {
            threads.add(level + ", the relay: " + threads(relayed));
        }
        summaries.add(summary(level, floor, relayed, ours));
        if (!floor.failures.isEmpty() || !ours.failures.isEmpty() || relayed != null && !relayed.failures.isEmpty()) {
            System.out.printf("| | failures: floor %s, relay %s, Scriptorium %s | | | | | | | | | | |%n", floor.failures,
                    relayed == null ? "n/a" : relayed.failures, ours.failures);
        }
        System.out.flush();
    }

    private static void row(String level, String path, Tally tally, String ratios, String memory) {
        boolean cpu = tally.cpuNanos > 0 && tally.tokens.get() > 0;
        System.out.printf("| %s | %s | %d / %d | %.0f | %s | %d / %d | %d / %d | %s | %s | %s | %s |%n", level, path,
                tally.completed.get(), tally.failed.get(), tally.tokensPerSecond(), ratios,
                tally.firstEvent.percentile(50), tally.firstEvent.percentile(99), tally.firstToken.percentile(50),
                tally.firstToken.percentile(99), latency(tally), memory.isEmpty() ? " | " : memory,
                cpu ? String.format("%.4f ms", tally.cpuPerToken()) : "", tally.load);
    }

    /** One line of the table of ratios: Scriptorium against the relay and the floor, at one level. */
    private static String summary(String level, Tally floor, Tally relayed, Tally ours) {
        return String.format("| %s | %s | %s | %d / %s / %d | %.1f / %s / %.1f | %.4f / %s | %s |", level,
                ratio(ours, floor), relayed == null ? "n/a" : ratio(ours, relayed), ours.firstEvent.percentile(99),
                relayed == null ? "n/a" : Long.toString(relayed.firstEvent.percentile(99)), floor.firstEvent.percentile(99),
                ours.latencyMicros.percentile(99) / 1000.0,
                relayed == null ? "n/a" : String.format("%.1f", relayed.latencyMicros.percentile(99) / 1000.0),
                floor.latencyMicros.percentile(99) / 1000.0, ours.cpuPerToken(),
                relayed == null ? "n/a" : String.format("%.4f", relayed.cpuPerToken()),
                relayed == null || relayed.cpuPerToken() == 0 ? "n/a"
                        : String.format("%.1f", ours.cpuPerToken() / relayed.cpuPerToken()));
    }

    private static String ratio(Tally tally, Tally reference) {
        return String.format("%.2f", tally.tokensPerSecond() / reference.tokensPerSecond());
    }

    /** The machine's load average over the last minute, as {@code uptime} prints it. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** The server's CPU per token by group of threads, largest first. */
    private static String threads(Tally tally) {
        long tokens = Math.max(1, tally.tokens.get());
        return tally.cpuByThreads.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(group -> group.getValue() * 1000 / tokens >= 100) // at least 0.1 µs a token
                .map(group -> String.format("%s %.1f", group.getKey(), group.getValue() / 1000.0 / tokens))
                .collect(Collectors.joining(", "));
    }

    private static String latency(Tally tally) {
        return String.format("%.2f / %.2f / %.1f", tally.latencyMicros.percentile(50) / 1000.0,
                tally.latencyMicros.percentile(99) / 1000.0, tally.latencyMicros.max() / 1000.0);
    }

    private static String perStream(Tally tally) {
        int streams = (int) (tally.completed.get() + tally.failed.get());
        // The JVM keeps the memory an earlier level made it take: then this level's RSS did not grow at all,
        // and only a level run alone on a fresh server (-Dbench.levels= -Dbench.slow=N) measures RSS per stream.
        String rss = tally.peakRss > tally.idleRss
                ? String.format("%.0f KiB RSS", (tally.peakRss - tally.idleRss) / 1024.0 / streams)
                : "RSS held from before";
        return String.format("%s, %.0f KiB live heap", rss, tally.liveHeapPerStream / 1024.0);
    }
}
