package scriptorium.llm.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * https to a local server (the JDK's HttpsServer) whose self-signed certificate names {@code localhost} only: trusted
 * through a test SSLContext, the hostname verified, a connection kept across calls.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProviderHttpTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path folder;
    private static HttpsServer server;
    private static SSLContext trusting;
    private static final List<Integer> clientPorts = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path store = folder.resolve("localhost.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "localhost", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext serving = SSLContext.getInstance("TLS");
        serving.init(keyManagers.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys); // the certificate of the key entry is trusted
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, trust.getTrustManagers(), null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serving));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/messages", exchange -> {
            exchange.getRequestBody().readAllBytes();
            clientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.getResponseHeaders().add("content-type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0); // chunked
            exchange.getResponseBody().write("event: e\ndata: {\"secure\":true}\n\ndata: [DONE]\n\n"
                    .getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static ProviderRequest post(String host) {
        return Endpoint.streaming("https://" + host + ":" + server.getAddress().getPort() + "/v1/messages")
                .request("{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTrustedCertificateForTheHostStreamsAndKeepsItsConnection() throws Exception {
        try (var http = new ProviderHttp(Duration.ofSeconds(5), trusting.getSocketFactory())) {
            for (int call = 0; call < 2; call++) {
                try (EventStream stream = http.open(post("localhost"))) {
                    assertThat(stream.head().status()).isEqualTo(200);
                    assertThat(stream.next().orElseThrow()).isEqualTo(new SseEvent("e", "{\"secure\":true}"));
                    assertThat(stream.next().orElseThrow().dataIs("[DONE]")).isTrue();
                    stream.complete();
                }
            }
        }
        assertThat(clientPorts).hasSize(2);
        assertThat(clientPorts.get(1)).as("the second call's connection is the first's").isEqualTo(clientPorts.get(0));
    }

    @Test
    void aCertificateThatDoesNotNameTheHostIsRefused() {
        try (var http = new ProviderHttp(Duration.ofSeconds(5), trusting.getSocketFactory());
             EventStream stream = http.open(post("127.0.0.1"))) {
            assertThatThrownBy(stream::head).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void anUntrustedCertificateIsRefusedByTheDefaultClient() {
        try (var http = new ProviderHttp(Duration.ofSeconds(5));
             EventStream stream = http.open(post("localhost"))) {
            assertThatThrownBy(stream::head).isInstanceOf(SSLHandshakeException.class);
        }
    }
}
