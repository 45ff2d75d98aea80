package scriptorium.llm.stream;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP client a provider adapter streams through, with the virtual threads it runs on; closed with the
 * adapter. HTTP/1.1: cancelling a stream then closes its TCP connection, which every server notices at once
 * and stops generating.
 */
public final class ProviderHttp implements AutoCloseable {

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client;

    public ProviderHttp(Duration connectTimeout) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .executor(executor)
                .build();
    }

    public HttpClient client() {
        return client;
    }

    @Override
    public void close() {
        client.shutdownNow();
        executor.close();
    }
}
