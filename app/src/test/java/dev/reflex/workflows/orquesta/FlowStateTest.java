package dev.reflex.workflows.orquesta;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-written JSON of a workflow's saved state against Jackson's field access, and back. */
class FlowStateTest {

    private static final ObjectMapper TREES = new ObjectMapper();

    @Test
    void aFreshStateIsWrittenAsJacksonWritesIt() throws Exception {
        assertSameAsJackson(new FlowState());
    }

    @Test
    void everyFieldIsWrittenAsJacksonWritesItAndReadsBackTheSame() throws Exception {
        FlowState s = new FlowState();
        s.phase = "failing";
        s.ctx.put("seq", 42);
        s.ctx.put("hosts", List.of("a", "b"));
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("none", null);
        nested.put("ratio", 0.5);
        nested.put("ok", true);
        s.ctx.put("nested", nested);
        FlowState.TaskRun plain = new FlowState.TaskRun();
        plain.id = 1;
        plain.name = "one";
        plain.status = "succeeded";
        plain.attempt = 2;
        plain.due = 1_700_000_000_123L;
        FlowState.Unit u = new FlowState.Unit();
        u.run = 1;
        u.status = "succeeded";
        u.childId = "0195c0de";
        u.result = Map.of("stdout", "x");
        plain.units = new ArrayList<>(List.of(u));
        plain.result = Map.of("stdout", "x");
        FlowState.TaskRun items = new FlowState.TaskRun();
        items.id = 2;
        items.name = "each";
        items.status = "running";
        items.items = new ArrayList<>(Arrays.asList("h1", null, 3));
        items.itemNames = List.of("host");
        items.concurrency = 2;
        FlowState.Unit pending = new FlowState.Unit();
        pending.run = 2;
        pending.index = 1;
        items.units = new ArrayList<>(List.of(pending));
        s.tasks.add(plain);
        s.tasks.add(items);
        s.joins.put("join", new ArrayList<>(List.of("one")));
        s.joined.add("other");
        s.errors.add(Map.of("task_id", "one", "message", "boom"));
        s.seq = 7;
        s.ending = Map.of("status", "failed", "result", Map.of());
        assertSameAsJackson(s);

        FlowState back = FlowState.fromJson(s.toJson());
        assertThat(TREES.readTree(back.toJson())).isEqualTo(TREES.readTree(s.toJson()));
        assertThat(back.latest("each").concurrency).isEqualTo(2);
        assertThat(back.running()).hasSize(0);
        assertThat(back.run(2).units.getFirst().status).isEqualTo("pending");
        @SuppressWarnings("unchecked")
        Map<String, Object> nestedBack = (Map<String, Object>) back.ctx.get("nested");
        assertThat(nestedBack).as("a variable set to null survives a restart")
                .containsEntry("none", null).containsEntry("ratio", 0.5);
    }

    private static void assertSameAsJackson(FlowState s) throws Exception {
        assertThat(TREES.readTree(s.toJson())).isEqualTo(TREES.readTree(s.toJsonReflectively()));
    }
}
