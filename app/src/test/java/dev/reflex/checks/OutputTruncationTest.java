package dev.reflex.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reference section 8 K, following Sensu's spec step by step. */
class OutputTruncationTest {

    private static String truncated(Map<String, Object> check) {
        return (String) OutputTruncation.apply(check).get("output");
    }

    @Test
    void sensuSpecSequence() {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("name", "test");
        check.put("type", "standard");
        check.put("output", "foo");
        assertThat(truncated(check)).isEqualTo("foo");
        check.put("output", "");
        assertThat(truncated(check)).isEmpty();
        check.put("output", "foo\nbar\nbaz");
        assertThat(truncated(check)).as("standard checks are left alone").isEqualTo("foo\nbar\nbaz");
        check.put("truncate_output", true);
        assertThat(truncated(check)).isEqualTo("foo\n...");
        check.remove("truncate_output");
        check.put("type", "metric");
        assertThat(truncated(check)).isEqualTo("foo\n...");
        check.put("output", "foo");
        assertThat(truncated(check)).isEqualTo("foo");
        check.put("output", "foo\uFFFD");
        assertThat(truncated(check)).as("invalid UTF-8 is dropped").isEqualTo("foo");
        check.put("output", "");
        assertThat(truncated(check)).isEmpty();
        String line = "x".repeat(200) + "y".repeat(56);
        check.put("output", line);
        assertThat(truncated(check)).isEqualTo(line.substring(0, 256) + "\n...");
        check.put("truncate_output_length", 10L);
        assertThat(truncated(check)).isEqualTo(line.substring(0, 11) + "\n...");
        check.put("truncate_output", false);
        assertThat(truncated(check)).isEqualTo(line);
    }

    @Test
    void aTrailingNewlineAloneIsDropped() {
        assertThat(OutputTruncation.truncate("foo\n", 255)).isEqualTo("foo");
        assertThat(OutputTruncation.truncate("\n\n", 255)).isEqualTo("\n\n");
        assertThat(OutputTruncation.truncate("\nfoo", 255)).isEqualTo("\n...");
    }
}
