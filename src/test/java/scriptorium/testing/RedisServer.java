package scriptorium.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway Redis of the machine's own installation (Debian's {@code redis-server}) on a free loopback port,
 * its data in a temporary folder. Durable as docs/deploy.md sets it (an append-only file, synced at every write),
 * so that a restart keeps every acknowledged event.
 */
public final class RedisServer implements AutoCloseable {

    private final Path dir;
    private final int port;
    private Process process;

    private RedisServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static RedisServer start() {
        try {
            Path dir = Files.createTempDirectory("scriptorium-redis");
            int port;
            try (var socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            var server = new RedisServer(dir, port);
            server.resume();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code REDIS_URL} for Scriptorium. */
    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    public int port() {
        return port;
    }

    /** Kills the server at once (SIGKILL): every connection is cut, nothing is saved beyond what is synced. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Starts it (again) on the same port and data, and waits until it answers. */
    public void resume() {
        if (!Files.isExecutable(Path.of("/usr/bin/redis-server"))) {
            throw new IllegalStateException("Redis is not installed: apt-get install -y redis-server (.ci/run does it)");
        }
        try {
            process = new ProcessBuilder("/usr/bin/redis-server", "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--dir", dir.toString(), "--appendonly", "yes", "--appendfsync", "always",
                    "--save", "", "--protected-mode", "no", "--daemonize", "no", "--maxmemory-policy", "noeviction",
                    "--logfile", dir.resolve("redis.log").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Listening is not enough: Redis answers LOADING while it reads its append-only file back.
        Listening.await("redis-server", port, Duration.ofSeconds(20), Duration.ofMillis(50), socket -> {
            socket.getOutputStream().write("PING\r\n".getBytes());
            byte[] reply = new byte[7];
            return socket.getInputStream().read(reply) > 0 && new String(reply).startsWith("+PONG");
        }, () -> process.isAlive() ? null : "see its log in " + dir);
    }

    @Override
    public void close() {
        kill();
    }
}
