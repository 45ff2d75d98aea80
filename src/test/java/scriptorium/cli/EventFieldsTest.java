package scriptorium.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import org.junit.jupiter.api.Test;

/** What {@code chat} reads of an event, with Jackson's streaming parser. */
class EventFieldsTest {

    @Test
    void nestedFieldsByDottedPathArraysSkippedMissingFieldsEmptyOrZero() throws Exception {
        var event = EventFields.read(new JsonFactory(), """
                {"type":"complete","seq":12,"result":{"agent_used":"mimir","processing_time_ms":153,
                 "tokens_used":0,"cost_usd":0.0125,"citations":[{"id":"n1"}],"model":"offline","usage":null},
                 "after":"still read"}""");
        assertThat(event.text("type")).isEqualTo("complete");
        assertThat(event.number("seq")).isEqualTo(12);
        assertThat(event.text("result.agent_used")).isEqualTo("mimir");
        assertThat(event.number("result.processing_time_ms")).isEqualTo(153);
        assertThat(event.decimal("result.cost_usd")).isEqualTo(0.0125);
        assertThat(event.text("result.model")).isEqualTo("offline");
        assertThat(event.text("after")).isEqualTo("still read");
        assertThat(event.text("result.citations")).isEmpty();
        assertThat(event.text("result.usage")).isEmpty();
        assertThat(event.number("missing")).isZero();
    }
}
