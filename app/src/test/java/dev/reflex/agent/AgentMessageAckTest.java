package dev.reflex.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.checks.JsonValues;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The acknowledgement's text, put together directly, is the JSON of its map for every id. */
class AgentMessageAckTest {

    @Test
    void anAckIsTheJsonOfItsMapWhateverTheId() {
        for (String id : List.of("0", "1234567890", "agent-1:42", "", "with \"quote\"", "back\\slash", "tab\there",
                "new\nline", "caf\u00e9", "\u2028", "/slash", "\u007f")) {
            AgentMessage.Ack ack = new AgentMessage.Ack(id);
            assertThat(ack.toJson()).as(id).isEqualTo(JsonValues.write(ack.toMap()));
            assertThat(AgentMessage.parse(ack.toJson())).isEqualTo(ack);
        }
    }
}
