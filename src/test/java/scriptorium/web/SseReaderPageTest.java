package scriptorium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scriptorium.testing.TestServer;

/** The page's SSE frame reader (js/sse.js) on bytes split at awkward places, in the real browser. */
class SseReaderPageTest {

    @RegisterExtension
    static final TestServer server = TestServer.perClass(Map.of());

    private static Browser browser;

    @BeforeAll
    static void open() {
        browser = Browser.open();
    }

    @AfterAll
    static void close() {
        browser.close();
    }

    @Test
    void framesCutAnywhereWithCrLfAndKeepalivesAreReadWhole() {
        browser.get(server.uri("/").toString());
        @SuppressWarnings("unchecked")
        var frames = (List<Map<String, Object>>) browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const { frames } = await import('/js/sse.js');
                const chunks = ['id: 1\\r\\nda', 'ta: {"delta":"é', '"}\\r\\n', '\\r\\n: keepalive\\n\\n',
                                'id: 2\\ndata: {"delta":"a\\\\nb"}\\n\\nid: 3\\n', 'data: [DONE]\\n\\n'];
                // Five bytes at a time: lines, fields and the two-byte "é" are all cut somewhere.
                const bytes = new TextEncoder().encode(chunks.join(''));
                const body = new ReadableStream({ start(c) {
                  for (let at = 0; at < bytes.length; at += 5) c.enqueue(bytes.slice(at, at + 5));
                  c.close(); } });
                const out = [];
                let alive = 0;
                for await (const f of frames(body, () => alive++)) out.push(f);
                done(out.concat([{ alive }]));
                """);
        assertThat(frames).hasSize(4);
        assertThat(frames.get(0)).containsEntry("id", "1").containsEntry("data", "{\"delta\":\"é\"}");
        assertThat(frames.get(1)).containsEntry("id", "2").containsEntry("data", "{\"delta\":\"a\\nb\"}");
        assertThat(frames.get(2)).containsEntry("id", "3").containsEntry("data", "[DONE]");
        assertThat((Long) frames.get(3).get("alive")).as("bytes count as life for the silence watchdog").isPositive();
    }
}
