package scriptorium.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import scriptorium.events.RunEvent;
import scriptorium.events.Sequenced;
import scriptorium.llm.Agent;

class EventJsonTest {

    @Test
    void aDeltaWrittenByHandIsTheSameBytesAsTheGeneratorWrites() {
        for (String delta : new String[] {"Bonjour", "", " l'été « déjà » ", "a \"quote\" and a \\ backslash",
                "line\nbreak\r\ttab\b\f", "\u0000\u0001\u001f\u007f", "emoji 🪶 and 𝄞", "\u2028\u2029", "</script>"}) {
            var event = new Sequenced("r-0193-abc", 1234567, Instant.parse("2026-11-30T09:30:01.007Z"),
                    new RunEvent.AgentDelta(Agent.PLUME, Agent.MIMIR, "m-42", delta));
            assertThat(byHand(event)).as(delta).isEqualTo(generated(event));
        }
    }

    @Test
    void idsThatNeedEscapingAreEscapedToo() {
        var event = new Sequenced("r-\"odd\"", 1, Instant.parse("2026-11-30T09:30:01Z"),
                new RunEvent.AgentDelta(Agent.MIMIR, Agent.USER, "m-é\n", "x"));
        assertThat(byHand(event)).isEqualTo(generated(event));
    }

    private static String byHand(Sequenced event) {
        var out = new EventBuffer(16);
        EventJson.write(event, out);
        var bytes = new ByteArrayOutputStream();
        try {
            out.writeTo(bytes);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String generated(Sequenced event) {
        var out = new ByteArrayOutputStream();
        EventJson.generated(event, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
