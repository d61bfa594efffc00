package dev.reflex.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reflex.config.Node.MapNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Durations, did-you-mean, token substitution and overlay merging on their own. */
class SmallPartsTest {

    @Test
    void durations() {
        assertThat(Durations.parse("5ms")).isEqualTo(Duration.ofMillis(5));
        assertThat(Durations.parse("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Durations.parse("0")).isEqualTo(Duration.ZERO);
        assertThat(Durations.parse("PT2S")).isEqualTo(Duration.ofSeconds(2));
        for (String bad : List.of("5", "5 s", "-1s", "1w", "s", "", "PT-1S")) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void didYouMean() {
        List<String> known = List.of("enabled", "criteria", "action", "pool_size", "port");
        assertThat(DidYouMean.closest("enbled", known)).contains("enabled");
        assertThat(DidYouMean.closest("critera", known)).contains("criteria");
        assertThat(DidYouMean.closest("prot", known)).contains("port");
        assertThat(DidYouMean.closest("Pool-Size", known)).contains("pool_size");
        assertThat(DidYouMean.closest("pool", known)).contains("pool_size");
        assertThat(DidYouMean.closest("trigger", known)).isEmpty();
        assertThat(DidYouMean.closest("po", known)).isEmpty();
    }

    @Test
    void tokensAreReplacedInsideStringsAndKeepTheirLocation() {
        Node root = StrictLoader.parse("t.yaml", "a: \"x-@@ONE@@-@@TWO@@\"\nb: [\"@@ONE@@\", 5]\n\"@@ONE@@\": key\n",
                SourceFormat.YAML).root();
        Tokens.Result r = Tokens.substitute(root, Map.of("ONE", "1")::get);
        Map<String, Object> plain = ((MapNode) r.root()).toPlain();
        assertThat(plain).containsEntry("a", "x-1-@@TWO@@").containsEntry("b", List.of("1", 5L))
                .containsEntry("@@ONE@@", "key");
        assertThat(r.unresolved()).containsExactly(new Tokens.Unresolved("TWO", new Location("t.yaml", 1, 4), "/a"));
        assertThat(r.problem("define them").orElseThrow().toString())
                .isEqualTo("t.yaml:1:4: unresolved token @@TWO@@ (t.yaml:1:4); define them");
        Node b0 = ((Node.ListNode) ((MapNode) r.root()).get("b")).items().getFirst();
        assertThat(b0).isEqualTo(new Node.StringNode(new Location("t.yaml", 2, 5), "1", true));
    }

    @Test
    void overlaysMergeMapsAndReplaceEverythingElse() {
        Node base = StrictLoader.parse("b.yaml", "a: {x: 1, y: [1, 2]}\nb: 1\nc: keep\n", SourceFormat.YAML).root();
        Node over = StrictLoader.parse("o.yaml", "a: {y: [3], z: 2}\nb: {now: map}\nc: ~\n", SourceFormat.YAML).root();
        MapNode merged = (MapNode) Overlays.merge(base, over);
        assertThat(merged.toPlain().get("a")).isEqualTo(Map.of("x", 1L, "y", List.of(3L), "z", 2L));
        assertThat(merged.toPlain().get("b")).isEqualTo(Map.of("now", "map"));
        assertThat(merged.toPlain()).containsEntry("c", null);
        assertThat(((MapNode) merged.get("a")).get("x").location().file()).isEqualTo("b.yaml");
        assertThat(((MapNode) merged.get("a")).get("z").location().file()).isEqualTo("o.yaml");
        assertThat(Overlays.merge(null, over)).isSameAs(over);
        assertThat(Overlays.merge(base, null)).isSameAs(base);
    }
}
