package scriptorium.llm.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import scriptorium.llm.ModelEvent;
import scriptorium.llm.ModelException;
import scriptorium.llm.stream.SseEvent;

/** The Messages stream read event by event, including the token deltas read without a tree. */
class AnthropicReaderTest {

    private final List<ModelEvent> events = new ArrayList<>();
    private final AnthropicReader reader = new AnthropicReader(events::add);

    private void send(String event, String data) {
        reader.accept(new SseEvent(event, data));
    }

    @Test
    void textAndToolDeltasAreReadWhateverTheOrderOfTheirFields() {
        send("message_start", "{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}");
        send("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Bon\"}}");
        send("content_block_delta", "{\"delta\":{\"text\":\"jour \\\"à\\\" vous\\n\",\"type\":\"text_delta\",\"extra\":[1,{\"a\":2}]},\"index\":0,\"type\":\"content_block_delta\"}");
        send("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"search_knowledge\",\"input\":{}}}");
        send("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"query\\\": \"}}");
        send("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"notes\\\"}\"}}");
        send("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":9}}");
        send("message_stop", "{\"type\":\"message_stop\"}");

        assertThat(reader.finished()).isTrue();
        assertThat(events).containsExactly(new ModelEvent.TextDelta("Bon"), new ModelEvent.TextDelta("jour \"à\" vous\n"));
        var result = reader.result();
        assertThat(result.text()).isEqualTo("Bonjour \"à\" vous\n");
        assertThat(result.toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.tool()).isEqualTo("search_knowledge");
            assertThat(call.argumentsJson()).isEqualTo("{\"query\": \"notes\"}");
        });
        assertThat(result.usage().inputTokens()).isEqualTo(12);
        assertThat(result.usage().outputTokens()).isEqualTo(9);
    }

    @Test
    void aDeltaThatIsNotJsonOrNotADeltaIsAnUnexpectedModelError() {
        assertThatThrownBy(() -> send("content_block_delta", "{\"type\":\"content_block_delta\",\"delta\":"))
                .isInstanceOf(ModelException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> send("content_block_delta", "[1,2]"))
                .isInstanceOf(ModelException.class).hasMessageContaining("another shape");
        assertThatThrownBy(() -> send("content_block_delta", "{\"type\":\"ping\"}"))
                .isInstanceOf(ModelException.class).hasMessageContaining("another shape");
        assertThat(events).isEmpty();
    }
}
