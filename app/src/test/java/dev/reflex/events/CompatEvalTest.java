package dev.reflex.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.checks.CompatDocuments;
import dev.reflex.checks.Tokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Every {@code eval:} expression in Sensu's documented filters parses in Reflex's expression language. */
class CompatEvalTest {

    @Test
    void everyDocumentedEvalExpressionCompilesAndRuns() throws IOException {
        String shared = System.getenv("REFLEX_SHARED_DIR");
        Path dir = shared == null ? null
                : Path.of(shared, "compat/sensu/sensu-docs/content/sensu-core/1.9/reference/filters.md.json-blocks");
        if (dir == null || !Files.isDirectory(dir)) {
            System.out.println("NOTICE: Sensu documentation filters not found; skipped");
        }
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir), "shared Sensu documentation filters are absent");
        List<Path> files;
        try (Stream<Path> walk = Files.list(dir)) {
            files = walk.sorted().toList();
        }
        List<String> expressions = CompatDocuments.evalExpressions(files);
        assertThat(expressions).hasSize(5);
        Map<String, Object> event = Fixtures.map("action", "create", "occurrences", 1L,
                "check", Fixtures.map("name", "x", "interval", 60L));
        TestClock clock = TestClock.atEpochSecond(1_700_000_000L);
        for (String raw : expressions) {
            Tokens.Substitution<String> s = Tokens.substitute(raw.substring("eval:".length()), event);
            assertThat(s.unmatched()).as(raw).isEmpty();
            EvalExpression expression = EvalExpression.compile(s.value());
            Object result = expression.evaluate(1700000000L, clock, ZoneOffset.UTC);
            assertThat(result).as(raw).isInstanceOf(Boolean.class);
        }
    }
}
