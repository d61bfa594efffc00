package dev.reflex.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs the reflex.yaml and syntax corpora: every invalid file yields exactly the problems it states. */
class ConfigCorpusTest {

    static List<Path> invalidReflexFiles() {
        return Corpus.files("invalid/reflex");
    }

    static List<Path> validReflexFiles() {
        return Corpus.files("valid/reflex");
    }

    static List<Path> syntaxFiles() {
        return Corpus.files("invalid/syntax");
    }

    private static Resolution resolve(Path file) {
        return new ConfigResolver(Map.of(), file.getParent()).resolve(Overrides.none().withConfigFile(file));
    }

    @ParameterizedTest
    @MethodSource("invalidReflexFiles")
    void invalidConfigurationsReportExactlyTheirProblems(Path file) {
        Resolution r = resolve(file);
        assertThat(Corpus.expectedErrors(file)).as("the file states its expected errors").isNotEmpty();
        assertThat(Corpus.withoutFile(r.problems())).isEqualTo(Corpus.expectedErrors(file));
        assertThat(r.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo(file.toString()));
        assertThat(r.config()).isNull();
    }

    @ParameterizedTest
    @MethodSource("validReflexFiles")
    void validConfigurationsResolveWithoutProblems(Path file) {
        Resolution r = resolve(file);
        assertThat(r.problems()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.config()).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("syntaxFiles")
    void syntaxErrorsAndDuplicateKeysAreFoundByTheParser(Path file) {
        ParsedFile parsed = StrictLoader.parse(file);
        assertThat(Corpus.expectedErrors(file)).as("the file states its expected errors").isNotEmpty();
        assertThat(Corpus.withoutFile(parsed.problems())).isEqualTo(Corpus.expectedErrors(file));
    }
}
