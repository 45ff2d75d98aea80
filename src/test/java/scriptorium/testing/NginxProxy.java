package scriptorium.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Debian's nginx in front of Scriptorium instances with docs/deploy/nginx.conf, the documented configuration
 * itself: only its instances' addresses, its port and its certificate (a throwaway self-signed one for 127.0.0.1)
 * are replaced. Clients get an {@link HttpClient} that trusts that certificate.
 */
public final class NginxProxy implements AutoCloseable {

    private static final Path DOCUMENTED = Path.of("docs/deploy/nginx.conf");
    /** The `server host:port ...;` lines of one upstream block, together. */
    private static final Pattern UPSTREAM_SERVERS = Pattern.compile("(?m)(?:^(\\s*)server \\S+:\\d+ ([^;]*);\\n)+");

    private final Process process;
    private final int port;
    private final HttpClient client;

    private NginxProxy(Process process, int port, HttpClient client) {
        this.process = process;
        this.port = port;
        this.client = client;
    }

    /** Starts nginx before {@code instances} (loopback ports), round robin, TLS on a free port. */
    public static NginxProxy start(List<Integer> instances) {
        try {
            Path dir = Files.createTempDirectory("scriptorium-nginx");
            int port;
            try (var socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            certificate(dir);
            Files.writeString(dir.resolve("scriptorium.conf"), configured(Files.readString(DOCUMENTED), instances,
                    port, dir));
            Files.writeString(dir.resolve("nginx.conf"), main(dir));
            Process process = new ProcessBuilder("/usr/sbin/nginx", "-p", dir.toString(), "-c",
                    dir.resolve("nginx.conf").toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
            awaitPort(port, process, dir);
            return new NginxProxy(process, port, client(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documented file with the test's addresses: every replaced line must be found, so the shape holds. */
    static String configured(String documented, List<Integer> instances, int port, Path dir) {
        Matcher servers = UPSTREAM_SERVERS.matcher(documented);
        assertThat(servers.find()).as("docs/deploy/nginx.conf names its instances with `server host:port ...;`")
                .isTrue();
        // Every upstream block (round robin, and the one MCP sessions stick to) gets the test's instances.
        String text = UPSTREAM_SERVERS.matcher(documented).replaceAll(block -> {
            StringBuilder upstream = new StringBuilder();
            instances.forEach(p -> upstream.append(block.group(1)).append("server 127.0.0.1:").append(p).append(' ')
                    .append(block.group(2)).append(";\n"));
            return Matcher.quoteReplacement(upstream.toString());
        });
        text = replace(text, "listen 443 ssl http2;", "listen 127.0.0.1:" + port + " ssl http2;");
        text = replace(text, "listen 80;", "listen 127.0.0.1:" + (port == 65535 ? port - 1 : port + 1) + ";");
        text = replace(text, "/etc/ssl/scriptorium/fullchain.pem", dir.resolve("cert.pem").toString());
        return replace(text, "/etc/ssl/scriptorium/privkey.pem", dir.resolve("key.pem").toString());
    }

    private static String replace(String text, String documented, String test) {
        assertThat(text).as("docs/deploy/nginx.conf has `%s`", documented).contains(documented);
        return text.replace(documented, test);
    }

    private static String main(Path dir) {
        boolean root = "root".equals(System.getProperty("user.name"));
        return (root ? "user root;\n" : "") + """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 4096; }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    include %1$s/scriptorium.conf;
                }
                """.formatted(dir);
    }

    private static void certificate(Path dir) throws IOException {
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString())
                .redirectErrorStream(true).start();
        try {
            String output = new String(openssl.getInputStream().readAllBytes());
            if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
                throw new IllegalStateException("openssl failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpClient client(Path dir) {
        try (InputStream pem = Files.newInputStream(dir.resolve("cert.pem"))) {
            var trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("nginx", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            var tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot trust the test certificate", e);
        }
    }

    private static void awaitPort(int port, Process process, Path dir) {
        Listening.await("nginx", port, Duration.ofSeconds(20), Duration.ofMillis(50), Listening.Probe.CONNECTED,
                () -> {
                    try {
                        return process.isAlive() ? null : Files.readString(dir.resolve("stdout.log"))
                                + Files.readString(dir.resolve("error.log"));
                    } catch (IOException e) {
                        return "see " + dir;
                    }
                });
    }

    /** {@code https://127.0.0.1:<port>}, through the proxy. */
    public String base() {
        return "https://127.0.0.1:" + port;
    }

    /** A client that trusts the proxy's certificate. */
    public HttpClient client() {
        return client;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
