package scriptorium.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import scriptorium.testing.ProcStat;

/** Scriptorium in a process of its own, so that its CPU time, RSS and heap are its alone. */
final class ServerProcess implements AutoCloseable {


    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ServerProcess start(Map<String, String> env, String heap) throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElseThrow();
        var command = new ArrayList<String>();
        String cpus = System.getProperty("bench.serverCpus", "");
        if (!cpus.isBlank()) { // the server on these cores only; run the benchmark itself under taskset on the others
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.addAll(List.of(java, "-Xmx" + heap, "--enable-native-access=ALL-UNNAMED"));
        String jfr = System.getProperty("bench.jfr", "");
        if (!jfr.isBlank()) { // a flight recording of the server, for where its CPU goes
            command.add("-XX:FlightRecorderOptions=stackdepth=512");
            command.add("-XX:StartFlightRecording=settings=profile,filename=" + jfr);
        }
        for (String option : System.getProperty("bench.serverJvmOptions", "").split(" ")) {
            if (!option.isBlank()) { // e.g. -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit for perf
                command.add(option);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "scriptorium.Main", "serve"));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("HOST", "127.0.0.1");
        builder.environment().put("SCRIPTORIUM_DATA", Files.createTempDirectory("scriptorium-bench").toString());
        Process process = builder.start();
        var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var started = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = lines.readLine()) != null; ) {
                    System.err.println("[server] " + line);
                    if (line.contains("listening on")) {
                        Thread.ofVirtual().start(() -> lines.lines().forEach(l -> System.err.println("[server] " + l)));
                        return true;
                    }
                }
            } catch (IOException e) {
                return false;
            }
            return false;
        });
        if (!started.get(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the server did not start");
        }
        System.err.println("[bench] server pid " + process.pid());
        return new ServerProcess(process, port);
    }

    int port() {
        return port;
    }

    /** Not a group of threads: the system part of all groups' time, in {@link #cpuNanosByThreads}. */
    static final String KERNEL = "(of which in the kernel)";

    long cpuNanos() {
        return ProcStat.ofProcess(process.pid()).map(ProcStat::cpuNanos).orElse(0L);
    }

    /**
     * CPU time (user + system) of each group of the server's threads so far, by thread name with digits dropped
     * ({@code ForkJoinPool-1-worker-} carries every virtual thread: runs, streams, the store writer).
     */
    Map<String, Long> cpuNanosByThreads() {
        // Also, under KERNEL, the system time of all threads (already counted in their groups): the syscalls' share.
        var groups = new java.util.TreeMap<String, Long>();
        for (ProcStat thread : ProcStat.threadsOf(Long.toString(process.pid()))) {
            groups.merge(thread.name().replaceAll("[0-9]+", "#"), thread.cpuNanos(), Long::sum);
            groups.merge(KERNEL, thread.systemNanos(), Long::sum);
        }
        return groups;
    }

    long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }

    /** Heap in use (after a full GC when {@code collect}), from the server's own /metrics. */
    long heapBytes(boolean collect) throws Exception {
        if (collect) {
            String jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd").toString();
            new ProcessBuilder(jcmd, Long.toString(process.pid()), "GC.run").redirectErrorStream(true).start()
                    .waitFor(30, TimeUnit.SECONDS);
        }
        return (long) metric("jvm_memory_used_bytes{area=\"heap\"");
    }

    /** The sum of every sample of a Prometheus metric whose line starts with {@code prefix}. */
    double metric(String prefix) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<String> lines = body.lines().filter(line -> line.startsWith(prefix)).toList();
        return lines.stream().mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
