package scriptorium.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Scriptorium server in a process of its own (the test's class path, {@code scriptorium.Main serve}): an
 * instance of a scaled-out setup that a test can kill with SIGKILL and start again on the same port and data.
 * Its output goes to {@code <log>}.
 */
public final class InstanceProcess implements AutoCloseable {

    private final Map<String, String> env;
    private final int port;
    private final Path data;
    private final Path log;
    private Process process;

    private InstanceProcess(Map<String, String> env, int port, Path data, Path log) {
        this.env = env;
        this.port = port;
        this.data = data;
        this.log = log;
    }

    public static InstanceProcess start(Map<String, String> env, Path log) {
        try {
            int port;
            try (var socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            var instance = new InstanceProcess(env, port, Files.createTempDirectory("scriptorium-instance"), log);
            instance.resume();
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the process (again) and waits until it is ready (listening alone: its store may still be opening). */
    public void resume() {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "scriptorium.Main", "serve"));
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("HOST", "127.0.0.1");
        builder.environment().put("SCRIPTORIUM_DATA", data.toString());
        try {
            Files.createDirectories(log.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Listening.await("the instance on " + port, port, Duration.ofSeconds(120), Duration.ofMillis(100),
                Listening.Probe.HEALTHY,
                () -> process.isAlive() ? null : "exit code " + process.exitValue() + "; see " + log);
    }

    public int port() {
        return port;
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    /** kill -9: no shutdown hook, no run ends, sockets cut by the kernel. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
