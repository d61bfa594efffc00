package dev.reflex.runners.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ShellQuoteTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "abc|abc",
        "--name|--name",
        "@%+=:,./-_|@%+=:,./-_",
        "a b|'a b'",
        "x; touch /tmp/pwned|'x; touch /tmp/pwned'",
        "$HOME|'$HOME'",
        "it's|'it'\"'\"'s'",
        "a\"b|'a\"b'",
        "日本|'日本'",
    })
    void quotesLikePythonShlex(String input, String expected) {
        assertThat(ShellQuote.quote(input)).isEqualTo(expected);
    }

    @Test
    void emptyStringIsTwoQuotes() {
        assertThat(ShellQuote.quote("")).isEqualTo("''");
        assertThat(ShellQuote.join(List.of("a", "", "b c"))).isEqualTo("a '' 'b c'");
    }

    /** Random strings, quoted, come back byte for byte from a real shell; the seed is printed on failure. */
    @Test
    void randomStringsSurviveARealShell() throws IOException, InterruptedException {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        String alphabet = "ab $'\"\\`!*?;&|<>(){}[]#~=%\t\n-日";
        List<String> samples = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            samples.add(s.toString());
        }
        StringBuilder script = new StringBuilder();
        for (String sample : samples) {
            script.append("printf '%s\\0' ").append(ShellQuote.quote(sample)).append('\n');
        }
        Process sh = new ProcessBuilder("/bin/sh", "-c", script.toString()).redirectErrorStream(true).start();
        sh.getOutputStream().close();
        String output = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(sh.waitFor()).isZero();
        assertThat(output.split("\0", -1)).as("seed %d", seed).containsExactlyElementsOf(withTrailingEmpty(samples));
    }

    private static List<String> withTrailingEmpty(List<String> samples) {
        List<String> expected = new ArrayList<>(samples);
        expected.add("");
        return expected;
    }
}
