package scriptorium.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads one SSE response line by line on a thread of its own and queues what it sees: events (with the
 * {@code id:} line that came before each), {@code [DONE]}, then the end of the stream. Tests take from the
 * queue with a timeout: recorders, not sleeps.
 */
public final class SseRecorder implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** What the stream said, in order. */
    public sealed interface Item {
        record Event(long id, JsonNode json) implements Item {}
        record Done() implements Item {}
        record Comment(String text) implements Item {}
        record End(String error) implements Item {}
    }

    private final HttpResponse<InputStream> response;
    private final LinkedBlockingQueue<Item> items = new LinkedBlockingQueue<>();
    private final List<JsonNode> events = new ArrayList<>();
    private final Thread reader;
    /** The stream's first line: PROTOCOL §7 wants {@code retry: <ms>} before anything else. */
    private volatile String firstLine;

    private SseRecorder(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = Thread.ofVirtual().start(this::read);
    }

    public static SseRecorder open(HttpClient http, HttpRequest request) {
        try {
            return new SseRecorder(http.send(request, HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<InputStream> response() {
        return response;
    }

    private void read() {
        try (var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            long id = -1;
            for (String line; (line = lines.readLine()) != null; ) {
                if (firstLine == null) {
                    firstLine = line;
                }
                if (line.startsWith("id: ")) {
                    id = Long.parseLong(line.substring(4));
                } else if (line.equals("data: [DONE]")) {
                    items.add(new Item.Done());
                } else if (line.startsWith("data: ")) {
                    items.add(new Item.Event(id, JSON.readTree(line.substring(6))));
                    id = -1;
                } else if (line.startsWith(":")) {
                    items.add(new Item.Comment(line.substring(1).strip()));
                }
            }
            items.add(new Item.End(null));
        } catch (IOException e) {
            items.add(new Item.End(e.toString()));
        }
    }

    /** The next item that is not a heartbeat. */
    public Item next() {
        while (true) {
            Item item = take();
            if (!(item instanceof Item.Comment)) {
                return item;
            }
        }
    }

    public Item take() {
        try {
            Item item = items.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (item == null) {
                fail("nothing arrived on the stream within " + TIMEOUT + "; events so far: " + types());
            }
            if (item instanceof Item.Event event) {
                events.add(event.json());
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next event, which must be of {@code type}; its {@code id:} line must equal its seq. */
    public JsonNode assertNext(String type) {
        Item item = next();
        assertThat(item).as("expected a %s event after %s", type, types()).isInstanceOf(Item.Event.class);
        var event = (Item.Event) item;
        assertThat(event.json().path("type").asText()).as("event after %s", types().subList(0, events.size() - 1))
                .isEqualTo(type);
        assertThat(event.id()).as("id: line of " + type).isEqualTo(event.json().path("seq").asLong());
        return event.json();
    }

    /** Every event up to and including the terminal one, then {@code [DONE]} and the end of the stream. */
    public List<JsonNode> readToEnd() {
        while (true) {
            Item item = next();
            switch (item) {
                case Item.Event event -> assertThat(event.id()).isEqualTo(event.json().path("seq").asLong());
                case Item.Done done -> {
                    assertThat(next()).as("end of stream after [DONE]").isEqualTo(new Item.End(null));
                    return List.copyOf(events);
                }
                case Item.End end -> fail("stream ended without [DONE] (" + end.error() + ") after " + types());
                case Item.Comment comment -> { }
            }
        }
    }

    public void assertDone() {
        assertThat(next()).as("[DONE] after " + types()).isInstanceOf(Item.Done.class);
        assertThat(next()).as("end of stream after [DONE]").isEqualTo(new Item.End(null));
    }

    /** The first line the stream sent (read once an item has been taken). */
    public String firstLine() {
        return firstLine;
    }

    public List<JsonNode> events() {
        return List.copyOf(events);
    }

    public List<String> types() {
        return events.stream().map(e -> e.path("type").asText()).toList();
    }

    /** Drops the connection, as a client that goes away does. */
    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // closing a dropped stream: nothing left to release
        }
        reader.interrupt();
    }
}
