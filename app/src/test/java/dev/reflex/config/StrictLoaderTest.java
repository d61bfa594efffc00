package dev.reflex.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.config.Node.ListNode;
import dev.reflex.config.Node.MapNode;
import dev.reflex.config.Node.NumberNode;
import dev.reflex.config.Node.StringNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrictLoaderTest {

    private static ParsedFile yaml(String text) {
        return StrictLoader.parse("t.yaml", text, SourceFormat.YAML);
    }

    private static List<String> problems(ParsedFile f) {
        return f.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void everyNodeKnowsItsLineAndColumn() {
        ParsedFile f = yaml("""
                name: web
                action:
                  ref: core.local
                  parameters:
                    timeout: 30
                tags: [a, b]
                """);
        assertThat(f.ok()).isTrue();
        MapNode root = (MapNode) f.root();
        MapNode action = (MapNode) root.get("action");
        assertThat(action.members().get("ref").keyLocation()).isEqualTo(new Location("t.yaml", 3, 3));
        Node timeout = ((MapNode) action.get("parameters")).get("timeout");
        assertThat(timeout).isEqualTo(new NumberNode(new Location("t.yaml", 5, 14), 30L, "30"));
        ListNode tags = (ListNode) root.get("tags");
        assertThat(tags.items().get(1)).isEqualTo(new StringNode(new Location("t.yaml", 6, 11), "b"));
    }

    @Test
    void jsonNodesAreLocatedToo() {
        ParsedFile f = StrictLoader.parse("c.json", "{\n  \"check\": {\"interval\": 60}\n}", SourceFormat.JSON);
        Node interval = ((MapNode) ((MapNode) f.root()).get("check")).get("interval");
        assertThat(interval.location()).isEqualTo(new Location("c.json", 2, 25));
    }

    @Test
    void duplicateKeysAreErrorsThatNameTheFirstLine() {
        ParsedFile f = yaml("""
                name: a
                enabled: true
                criteria:
                  x: 1
                  x: 2
                name: b
                """);
        assertThat(problems(f)).containsExactly(
                "t.yaml:5:3: duplicate key 'x' (first defined at line 4) (at /criteria/x)",
                "t.yaml:6:1: duplicate key 'name' (first defined at line 1) (at /name)");
        assertThat(f.root()).isNotNull();
    }

    @Test
    void duplicateKeysInJsonToo() {
        ParsedFile f = StrictLoader.parse("c.json", "{\"a\": 1,\n \"a\": 2}", SourceFormat.JSON);
        assertThat(problems(f)).containsExactly("c.json:2:2: duplicate key 'a' (first defined at line 1) (at /a)");
    }

    @Test
    void syntaxErrorsAreOneCleanLine() {
        assertThat(problems(yaml("a: [1, 2\nb: 3\n"))).containsExactly(
                "t.yaml:2:2: syntax error: expected ',' or ']', but got : "
                        + "(while parsing a flow sequence that started at line 1, column 4)");
        assertThat(problems(yaml("a:\n  b: 1\n c: 2\n"))).containsExactly(
                "t.yaml:3:2: syntax error: expected <block end>, but found '<block mapping start>' "
                        + "(while parsing a block mapping that started at line 1, column 1)");
        assertThat(problems(yaml("x: 1\n\ty: 2\n"))).containsExactly(
                "t.yaml:2:1: syntax error: a tab character cannot be used for indentation; use spaces");
        assertThat(problems(yaml("a: b: c\n"))).containsExactly(
                "t.yaml:1:5: syntax error: mapping values are not allowed here; "
                        + "quote a value that contains ': ', or check the indentation");
        assertThat(problems(yaml("port: @@PORT@@\n"))).containsExactly(
                "t.yaml:1:7: syntax error: a value cannot start with '@'; quote it, for example \"@@KEY@@\"");
        assertThat(problems(yaml("a: \"open\n"))).containsExactly(
                "t.yaml:2:1: syntax error: the file ends inside an unfinished value (a missing closing quote or bracket?) "
                        + "(while scanning a quoted scalar that started at line 1, column 4)");
        assertThat(problems(StrictLoader.parse("c.json", "{\"a\": 1,}", SourceFormat.JSON)))
                .singleElement().asString().startsWith("c.json:1:9: syntax error: Unexpected character ('}'");
        assertThat(problems(yaml("? [a, b]\n: 1\n"))).containsExactly(
                "t.yaml:1:4: syntax error: a key must be a plain value; lists and maps cannot be used as keys");
    }

    @Test
    void problemsFoundBeforeASyntaxErrorAreKept() {
        ParsedFile f = yaml("a: 1\na: 2\nb: [\n");
        assertThat(problems(f)).hasSize(2).first().asString().contains("duplicate key 'a'");
        assertThat(f.root()).isNull();
    }

    @Test
    void aSecondDocumentIsAnError() {
        assertThat(problems(yaml("a: 1\n---\nb: 2\n"))).containsExactly(
                "t.yaml:3:1: a second YAML document starts here; Reflex reads one document per file");
        assertThat(yaml("---\na: 1\n...\n").ok()).isTrue();
    }

    @Test
    void emptyFilesHaveNoRoot() {
        assertThat(yaml("").isEmpty()).isTrue();
        assertThat(yaml("# only a comment\n").isEmpty()).isTrue();
        assertThat(yaml("---\n").isEmpty()).isTrue();
        assertThat(yaml("~\n").isEmpty()).isTrue();
    }

    @Test
    void anchorsAliasesAndMergeKeysAreResolved() {
        ParsedFile f = yaml("""
                base: &base {timeout: 30, retries: 2}
                name: &n web
                copy: *n
                job:
                  <<: *base
                  retries: 5
                many:
                  <<: [*base, {extra: true}]
                """);
        assertThat(f.problems()).isEmpty();
        Map<String, Object> plain = ((MapNode) f.root()).toPlain();
        assertThat(plain.get("copy")).isEqualTo("web");
        assertThat(plain.get("job")).isEqualTo(Map.of("timeout", 30L, "retries", 5L));
        assertThat(plain.get("many")).isEqualTo(Map.of("timeout", 30L, "retries", 2L, "extra", true));
    }

    @Test
    void unknownAliasesAndTagsAreErrors() {
        assertThat(problems(yaml("a: *nope\nb: !custom x\nc: !!str 12\n"))).containsExactly(
                "t.yaml:1:4: unknown alias '*nope' (no anchor '&nope' before it) (at /a)",
                "t.yaml:2:4: unsupported YAML tag '!custom' (at /b)");
        assertThat(problems(yaml("a: <<\nm:\n  <<: 3\n"))).containsExactly(
                "t.yaml:3:7: a merge key (<<) needs a map or a list of maps, but found an integer (at /m/<<)");
    }

    @Test
    void scalarsKeepTheirTypesAndTheirText() {
        Map<String, Object> plain = ((MapNode) yaml("""
                s: hello
                i: 42
                big: 99999999999999999999
                f: 1.10
                b: yes
                n: ~
                e:
                q: ''
                """).root()).toPlain();
        assertThat(plain).containsEntry("s", "hello").containsEntry("i", 42L).containsEntry("f", 1.1)
                .containsEntry("b", true).containsEntry("n", null).containsEntry("e", null).containsEntry("q", "");
        assertThat(plain.get("big")).isEqualTo(new java.math.BigInteger("99999999999999999999"));
        NumberNode f = (NumberNode) ((MapNode) yaml("v: 1.10").root()).get("v");
        assertThat(Node.scalarText(f)).isEqualTo("1.10");
    }

    @Test
    void keysWithSlashesAreEscapedInPaths() {
        ParsedFile f = yaml("criteria:\n  a/b~c: 1\n  a/b~c: 2\n");
        assertThat(f.problems().getFirst().path()).isEqualTo("/criteria/a~1b~0c");
    }

    @Test
    void readsFilesByExtensionOrContent(@TempDir Path dir) throws IOException {
        Path json = Files.writeString(dir.resolve("check.json"), "{\"a\": 1}");
        Path sniffedJson = Files.writeString(dir.resolve("check.conf"), "  {\"a\": 1}");
        Path sniffedYaml = Files.writeString(dir.resolve("rule.txt"), "a: 1\n");
        Path bom = Files.writeString(dir.resolve("bom.yaml"), "\uFEFFa: 1\n");
        assertThat(StrictLoader.parse(json).format()).isEqualTo(SourceFormat.JSON);
        assertThat(StrictLoader.parse(sniffedJson).format()).isEqualTo(SourceFormat.JSON);
        assertThat(StrictLoader.parse(sniffedYaml).format()).isEqualTo(SourceFormat.YAML);
        assertThat(StrictLoader.parse(bom).ok()).isTrue();
    }

    @Test
    void unreadableFilesAreProblemsNotExceptions(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.yaml");
        assertThat(problems(StrictLoader.parse(missing, "missing.yaml"))).containsExactly("missing.yaml: file not found");
        Path latin1 = Files.write(dir.resolve("latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});
        assertThat(problems(StrictLoader.parse(latin1, "latin1.yaml"))).containsExactly("latin1.yaml: is not valid UTF-8 text");
    }

    @Test
    void loadAllKeepsTheGoodFilesAndEveryProblemOfTheBadOnes(@TempDir Path dir) throws IOException {
        Format<String> names = Format.object(o -> o.requiredString("name"));
        Path a = Files.writeString(dir.resolve("a.yaml"), "name: a\n");
        Path b = Files.writeString(dir.resolve("b.yaml"), "name: [\n");
        Path c = Files.writeString(dir.resolve("c.json"), "{\"name\": \"c\", \"nmae\": 1}");
        Path d = Files.writeString(dir.resolve("d.yml"), "name: d\n");
        LoadResult<String> r = StrictLoader.loadAll(List.of(a, b, c, d, dir.resolve("e.yaml")), names);
        assertThat(r.values()).containsExactly("a", "d");
        assertThat(r.ok()).extracting(Loaded::file).containsExactly(a.toString(), d.toString());
        assertThat(r.problems()).extracting(ConfigProblem::file)
                .containsExactly(b.toString(), c.toString(), dir.resolve("e.yaml").toString());
        assertThat(r.problems().get(1).toString()).isEqualTo(c + ":1:15: unknown field 'nmae' (did you mean 'name'?); "
                + "known fields: name (at /nmae)");
    }
}
