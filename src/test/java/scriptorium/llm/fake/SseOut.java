package scriptorium.llm.fake;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes Server-Sent Events on a fake's response, each flushed; a write after the client left throws. */
public final class SseOut {
    private final OutputStream out;

    SseOut(OutputStream out) {
        this.out = out;
    }

    /** An event with an {@code event:} name (Anthropic), or without when {@code name} is null (OpenAI). */
    public void event(String name, String data) throws IOException {
        String text = (name == null ? "" : "event: " + name + "\n") + "data: " + data + "\n\n";
        write(text);
    }

    public void comment(String text) throws IOException {
        write(": " + text + "\n\n");
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
