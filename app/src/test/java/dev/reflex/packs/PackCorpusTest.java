package dev.reflex.packs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.config.Corpus;
import dev.reflex.config.LoadResult;
import dev.reflex.config.StrictLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The pack.yaml corpora: every invalid file yields exactly the errors and warnings it states. */
class PackCorpusTest {

    static List<Path> invalid() {
        return Corpus.files("invalid/pack");
    }

    static List<Path> valid() {
        return Corpus.files("valid/pack");
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidPackYamlReportsExactlyItsProblems(Path file) {
        LoadResult<PackMetadata> r = StrictLoader.load(file, PackMetadata.FORMAT);
        assertThat(Corpus.expectedErrors(file)).isNotEmpty();
        assertThat(Corpus.withoutFile(r.problems())).isEqualTo(Corpus.expectedErrors(file));
        assertThat(Corpus.withoutFile(r.warnings())).isEqualTo(Corpus.expectedWarnings(file));
        assertThat(r.ok()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("valid")
    void validPackYamlLoadsWithoutProblems(Path file) {
        LoadResult<PackMetadata> r = StrictLoader.load(file, PackMetadata.FORMAT);
        assertThat(r.problems()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.single().version()).isNotBlank();
    }
}
