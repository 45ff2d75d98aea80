package scriptorium.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import scriptorium.testing.ProcStat;

/**
 * The relay row of the load benchmark: Debian's nginx, started as a child process with a config of its own in a
 * temporary folder, streaming the fake model's replies through unbuffered ({@code proxy_buffering off}) over
 * kept-alive upstream connections. What an ordinary proxy costs per token is the bar a server that only relays
 * tokens should reach; Scriptorium parses and re-encodes each one, so it cannot do less.
 *
 * <p>Its CPU is its worker processes' utime + stime from {@code /proc}, as the server's is measured.
 */
final class NginxRelay implements AutoCloseable {

    static final Path NGINX = Path.of(System.getProperty("bench.nginx", "/usr/sbin/nginx"));

    private final Process process;
    private final Path folder;
    private final int port;

    private NginxRelay(Process process, Path folder, int port) {
        this.process = process;
        this.folder = folder;
        this.port = port;
    }

    /**
     * Starts nginx in front of {@code upstreamPort}; empty, with the reason printed, when nginx is absent or cannot
     * start (a user who may not run it, a port taken): the benchmark then goes on without the relay row.
     */
    static Optional<NginxRelay> start(int upstreamPort, String workers) {
        if (!Files.isExecutable(NGINX)) {
            System.out.printf("(no relay row: %s is not installed; `apt-get install nginx` adds it)%n%n", NGINX);
            return Optional.empty();
        }
        Path folder = null;
        Process process = null;
        try {
            folder = Files.createTempDirectory("scriptorium-bench-nginx");
            int port = freePort();
            Files.writeString(folder.resolve("nginx.conf"), config(folder, port, upstreamPort, workers));
            // -e: the error log from the first line on (else nginx opens /var/log/nginx/error.log, root's, first)
            process = new ProcessBuilder(NGINX.toString(), "-p", folder.toString(), "-c",
                    folder.resolve("nginx.conf").toString(), "-e", folder.resolve("error.log").toString())
                    .redirectErrorStream(true).redirectOutput(folder.resolve("stdout.log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    break;
                }
                if (listening(port)) {
                    var relay = new NginxRelay(process, folder, port);
                    if (!relay.workers().isEmpty()) {
                        return Optional.of(relay);
                    }
                }
                Thread.sleep(50);
            }
            System.out.printf("(no relay row: nginx did not start%s: %s)%n%n",
                    isRoot() ? "" : " as a non-root user", why(folder));
        } catch (IOException e) {
            System.out.printf("(no relay row: nginx could not be started: %s)%n%n", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (process != null) {
            process.destroyForcibly();
        }
        delete(folder);
        return Optional.empty();
    }

    int port() {
        return port;
    }

    /** How many worker processes relay (the master only accepts signals). */
    int workerCount() {
        return workers().size();
    }

    /** CPU time (user + system) of nginx's worker processes so far. */
    long cpuNanos() {
        return workers().stream().mapToLong(ProcStat::cpuNanos).sum();
    }

    /** The system part of {@link #cpuNanos}: the workers' time in the kernel. */
    long kernelNanos() {
        return workers().stream().mapToLong(ProcStat::systemNanos).sum();
    }

    /** The workers' CPU so far; a worker that exited is left out (none should: nginx is never reloaded here). */
    private List<ProcStat> workers() {
        return process.children().flatMap(worker -> ProcStat.ofProcess(worker.pid()).stream()).toList();
    }

    /**
     * The relay's config: one virtual server that passes every request to the fake model, HTTP/1.1 with
     * kept-alive upstream connections (no new connection per call), no buffering either way, no access log.
     */
    static String config(Path folder, int port, int upstreamPort, String workers) {
        return """
                daemon off;
                master_process on;
                worker_processes %2$s;
                worker_rlimit_nofile 65536;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events {
                    worker_connections 16384;
                    multi_accept on;
                }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    upstream model {
                        server 127.0.0.1:%4$d;
                        keepalive 4096;
                        keepalive_requests 1000000;
                        keepalive_timeout 120s;
                    }
                    server {
                        listen 127.0.0.1:%3$d backlog=16384;
                        location / {
                            proxy_pass http://model;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_buffering off;
                            proxy_request_buffering off;
                            proxy_read_timeout 300s;
                        }
                    }
                }
                """.formatted(folder, workers, port, upstreamPort);
    }

    private static boolean listening(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String why(Path folder) {
        for (String log : List.of("error.log", "stdout.log")) {
            try {
                String text = Files.readString(folder.resolve(log)).strip();
                if (!text.isEmpty()) {
                    return text.lines().reduce((first, last) -> last).orElse(text);
                }
            } catch (IOException absent) {
                // nginx wrote nothing there
            }
        }
        return "it wrote nothing";
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: nginx's fast shutdown, workers included
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delete(folder);
    }

    private static void delete(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + folder + ": " + e);
        }
    }
}
