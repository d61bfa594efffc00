package dev.reflex.packs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.config.ConfigProblem;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackDiscoveryTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static String pack(String name) {
        return "name: " + name + "\ndescription: d\nversion: 0.1.0\nauthor: a\n";
    }

    private static List<String> errors(PackSet set) {
        return set.problems().stream().map(ConfigProblem::toString).toList();
    }

    private static List<String> warnings(PackSet set) {
        return set.warnings().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void theBuiltInPacksAreAlwaysThere() {
        PackSet set = new PackDiscovery().discover(List.of());
        assertThat(set.problems()).isEmpty();
        assertThat(set.packs()).extracting(Pack::ref).containsExactly(BuiltinPacks.REFS.toArray(String[]::new));
        assertThat(set.packs()).extracting(Pack::ref).contains("core", "chat", "sensu");
        Pack core = set.find("core").orElseThrow();
        assertThat(core.builtin()).isTrue();
        assertThat(core.location()).isEqualTo("builtin");
        assertThat(core.version()).isEqualTo("0.1.0");
        Pack chat = set.find("chat").orElseThrow();
        assertThat(chat.builtin()).isTrue();
        assertThat(chat.files("actions")).extracting(PackFile::label).containsExactly("builtin:chat/actions/post.yaml");
        assertThat(set.manifests()).as("pack.yaml files read from disk").isZero();
        Pack linux = set.find("linux").orElseThrow();
        assertThat(linux.builtin()).isTrue();
        assertThat(linux.files("actions")).extracting(PackFile::name).contains("check_loadavg.yaml",
                "diag_loadavg.yaml", "chains/diag_loadavg.yaml", "checks/lsof_pids.sh");
    }

    @Test
    void findsEveryPackInAFolderOfPacks() throws IOException {
        write("packs/ops/pack.yaml", pack("ops"));
        write("packs/ops/actions/check_loadavg.yaml", "name: check_loadavg\n");
        write("packs/ops/actions/scripts/check_loadavg.py", "print(1)\n");
        write("packs/ops/actions/workflows/diag.yaml", "chain: []\n");
        write("packs/ops/actions/.hidden.yaml", "x: 1\n");
        write("packs/ops/rules/r.yaml", "name: r\n");
        write("packs/stackstorm-sensu/rules/sample.yaml", "name: s\n");
        write("packs/notes/readme.txt", "not a pack\n");
        write("packs/.git/config", "x\n");
        PackSet set = new PackDiscovery().discover(List.of(dir.resolve("packs")));

        assertThat(diskRefs(set)).containsExactly("ops", "sensu");
        assertThat(set.find("sensu").orElseThrow().builtin()).as("an installed sensu pack replaces the built-in one")
                .isFalse();
        assertThat(errors(set)).isEmpty();
        assertThat(warnings(set)).containsExactly(
                dir.resolve("packs/notes") + ": skipped: not a pack (no pack.yaml and none of the folders actions, rules, "
                        + "aliases, triggers, sensors, policies, checks, handlers, alerts)",
                dir.resolve("packs/stackstorm-sensu") + ": no pack.yaml; the pack is named 'sensu' after its folder",
                dir.resolve("packs/stackstorm-sensu") + ": pack 'sensu' replaces the built-in pack of that name");

        Pack ops = set.find("ops").orElseThrow();
        assertThat(ops.content().keySet()).containsExactly("actions", "rules");
        assertThat(ops.files("actions")).extracting(PackFile::name)
                .containsExactly("check_loadavg.yaml", "scripts/check_loadavg.py", "workflows/diag.yaml");
        assertThat(ops.files("actions").getFirst().label()).isEqualTo(dir.resolve("packs/ops/actions/check_loadavg.yaml").toString());
        assertThat(ops.metadata().name()).isEqualTo("ops");
        Pack sensu = set.find("sensu").orElseThrow();
        assertThat(sensu.metadata()).isNull();
        assertThat(sensu.name()).isEqualTo("stackstorm-sensu");
    }

    @Test
    void aPackPathMayBeAPackItself() throws IOException {
        write("ops/pack.yaml", pack("ops"));
        PackSet set = new PackDiscovery().discover(List.of(dir.resolve("ops"), dir.resolve("ops")));
        assertThat(diskRefs(set)).containsExactly("ops");
        assertThat(set.problems()).as("a folder given twice is read once").isEmpty();
    }

    @Test
    void refsFollowStackStormsRules() throws IOException {
        write("packs/a/pack.yaml", "ref: explicit\n" + pack("Whatever Name"));
        write("packs/b/pack.yaml", pack("named_after_folder"));
        write("packs/Bad-Folder/pack.yaml", pack("from_name"));
        write("packs/Also-Bad/pack.yaml", pack("Not Valid"));
        write("packs/No-Manifest/rules/r.yaml", "x: 1\n");
        write("packs/_global/pack.yaml", pack("_global"));
        PackSet set = new PackDiscovery().discover(List.of(dir.resolve("packs")));
        assertThat(diskRefs(set)).containsExactly("from_name", "explicit", "b");
        assertThat(errors(set)).containsExactly(
                dir.resolve("packs/Also-Bad/pack.yaml") + ": pack name 'Not Valid' is not a valid ref and there is no 'ref' "
                        + "field; add one (a pack ref may only contain a-z, 0-9 and _ (no dashes)) (at /name)",
                dir.resolve("packs/No-Manifest") + ": no pack.yaml and the folder name 'No-Manifest' is not a valid pack "
                        + "ref; add a pack.yaml with a ref (a pack ref may only contain a-z, 0-9 and _ (no dashes))",
                dir.resolve("packs/_global/pack.yaml") + ": '_global' is a reserved name and cannot be used as a pack ref");
        assertThat(set.rejected()).extracting(Pack::ref).containsExactly("Also-Bad", "No-Manifest", "_global");
    }

    @Test
    void aPackOnDiskReplacesABuiltInOneExceptCoreAndCannotTakeATakenRef() throws IOException {
        write("one/core/pack.yaml", pack("core"));
        write("one/linux/pack.yaml", pack("linux"));
        write("one/ops/pack.yaml", pack("ops"));
        write("two/ops/pack.yaml", pack("ops"));
        PackSet set = new PackDiscovery().discover(List.of(dir.resolve("one"), dir.resolve("two")));
        assertThat(set.packs()).extracting(Pack::location)
                .containsExactly("builtin", "builtin", "builtin", dir.resolve("one/linux").toString(),
                        dir.resolve("one/ops").toString());
        assertThat(errors(set)).containsExactly(
                dir.resolve("two/ops/pack.yaml") + ": pack 'ops' was already found at " + dir.resolve("one/ops")
                        + "; pack refs must be unique");
        assertThat(set.warnings()).extracting(Object::toString).contains(
                dir.resolve("one/core/pack.yaml") + ": pack 'core' is built into Reflex; the built-in one is used and this"
                        + " one is only validated (give it another ref to load it)",
                dir.resolve("one/linux/pack.yaml") + ": pack 'linux' replaces the built-in pack of that name");
        assertThat(set.find("linux").orElseThrow().builtin()).isFalse();
        assertThat(set.rejected()).extracting(Pack::location).containsExactly(dir.resolve("one/core").toString(),
                dir.resolve("two/ops").toString());
    }

    @Test
    void aBrokenPackYamlRejectsThePackButNotTheOthers() throws IOException {
        write("packs/bad/pack.yaml", "name: bad\nversion: one\n");
        write("packs/bad/rules/r.yaml", "a: [\n");
        write("packs/good/pack.yaml", pack("good"));
        PackSet set = new PackDiscovery().discover(List.of(dir.resolve("packs")));
        assertThat(diskRefs(set)).containsExactly("good");
        assertThat(set.rejected()).extracting(Pack::ref).containsExactly("bad");
        assertThat(errors(set)).containsExactly(
                dir.resolve("packs/bad/pack.yaml") + ":1:1: missing required field 'description'",
                dir.resolve("packs/bad/pack.yaml") + ":1:1: missing required field 'author'",
                dir.resolve("packs/bad/pack.yaml") + ":2:10: 'one' is not valid: use a semantic version such as 0.1.0 or 1.2.3 "
                        + "(at /version)");
        assertThat(set.onDisk()).extracting(Pack::ref).containsExactlyInAnyOrder("good", "bad");
    }

    @Test
    void missingPathsAndFilesAreErrors() throws IOException {
        Path file = write("file.yaml", "x: 1\n");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        PackSet set = new PackDiscovery().discover(List.of(dir.resolve("nope"), file, empty));
        assertThat(errors(set)).containsExactly(
                dir.resolve("nope") + ": pack path not found",
                file + ": a pack path must be a folder (a pack, or a folder of packs)");
        assertThat(warnings(set)).containsExactly(empty + ": no packs found in this folder");
    }

    @Test
    void builtInPacksAreReadFromTheJarToo() throws IOException {
        Path jar = dir.resolve("reflex.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            entry(out, "packs/core/pack.yaml", "name: core\ndescription: d\nversion: 9.9.9\nauthor: a\n");
            entry(out, "packs/core/actions/echo.yaml", "name: echo\nname: again\n");
            for (String ref : BuiltinPacks.REFS) {
                if (!ref.equals("core")) {
                    entry(out, "packs/" + ref + "/pack.yaml", "name: " + ref + "\ndescription: d\nversion: 1.0.0\nauthor: a\n");
                }
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            PackSet set = new PackDiscovery(loader).discover(List.of());
            Pack core = set.find("core").orElseThrow();
            assertThat(core.version()).isEqualTo("9.9.9");
            assertThat(core.files("actions")).extracting(PackFile::label).containsExactly("builtin:core/actions/echo.yaml");
            PackContent.Validation v = new PackContent(PackContentTypes.standard()).validate(set.packs());
            assertThat(v.problems()).extracting(ConfigProblem::toString).containsExactly(
                    "builtin:core/actions/echo.yaml:1:1: missing required field 'runner_type'",
                    "builtin:core/actions/echo.yaml:2:1: duplicate key 'name' (first defined at line 1) (at /name)");
        }
    }

    private static void entry(JarOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream o = out;
        o.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.closeEntry();
    }

    /** The refs of the packs found on disk, in order (the built-in ones are always there first). */
    private static List<String> diskRefs(PackSet set) {
        return set.packs().stream().filter(p -> !p.builtin()).map(Pack::ref).toList();
    }
}
