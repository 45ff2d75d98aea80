package scriptorium.llm.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import scriptorium.json.Jackson;

/** The per-token fast path reads what a JSON parser reads, or declines. */
class DeltaScanTest {

    @Test
    void theUsualDeltasAreReadAsAParserReadsThem() throws Exception {
        for (String text : new String[] {"Bon", "", " l'été ", "\\\"quoted\\\" \\\\ back\\/slash", "line\\nbreak\\r\\t\\b\\f",
                "\\u00e9t\\u00C9 \\ud83e\\udeb6 and 🪶", "t1234567890 ", "日本語"}) {
            String json = "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\""
                    + text + "\"}}";
            assertThat(DeltaScan.read(bytes(json))).as(json).isEqualTo(parsed(json));
        }
        String reordered = "{ \"delta\" : { \"text\" : \"x\" , \"type\" : \"text_delta\" } , \"index\" : 12 ,"
                + " \"type\" : \"content_block_delta\" }\n";
        assertThat(DeltaScan.read(bytes(reordered))).isEqualTo(parsed(reordered));
        String tool = "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\","
                + "\"partial_json\":\"{\\\"query\\\": \"}}";
        assertThat(DeltaScan.read(bytes(tool))).isEqualTo(parsed(tool));
    }

    @Test
    void anythingElseIsLeftToTheParser() {
        for (String json : new String[] {"{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
                + "\"text\":\"a\",\"extra\":[1]}}", "{\"type\":\"ping\"}", "[1,2]", "{\"type\":\"content_block_delta\",\"delta\":",
                "{\"type\":\"content_block_delta\",\"index\":-1,\"delta\":{\"type\":\"text_delta\",\"text\":\"a\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"a\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"bad \\x\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"a\"}} trailing",
                "{\"ty\\u0070e\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"a\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"raw\ttab\"}}"}) {
            assertThat(DeltaScan.read(bytes(json))).as(json).isNull();
        }
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static AnthropicReader.Delta parsed(String json) throws Exception {
        JsonNode node = Jackson.MAPPER.readTree(json);
        JsonNode delta = node.path("delta");
        String type = delta.path("type").asText();
        return new AnthropicReader.Delta(node.path("index").asInt(), type,
                delta.path("text_delta".equals(type) ? "text" : "partial_json").asText());
    }
}
