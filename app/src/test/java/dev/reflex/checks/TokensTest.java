package dev.reflex.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reference section 8 I: token substitution, and the unmatched-token result of a client. */
class TokensTest {

    private static Map<String, Object> attributes() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("attribute", true);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("nested", nested);
        a.put("empty", new LinkedHashMap<>());
        a.put("foo", true);
        return a;
    }

    @Test
    void sensuSpecVector() {
        // ":::foo\xAD|default:::" in the spec: the invalid byte, decoded, is U+FFFD and is stripped.
        byte[] invalid = ":::foo\u0000|default:::".getBytes(StandardCharsets.UTF_8);
        invalid[6] = (byte) 0xAD;
        String withInvalidByte = new String(invalid, StandardCharsets.UTF_8);
        String input = ":::nested.attribute|default::: :::missing|default:::"
                + " :::missing|::: :::missing::: :::nested.attribute:::::::nested.attribute:::"
                + " :::empty|localhost::: :::empty.hash|localhost:8080:::"
                + " " + withInvalidByte
                + " :::empty|default|with_pipe:::";
        Tokens.Substitution<String> s = Tokens.substitute(input, attributes());
        assertThat(s.value()).isEqualTo("true default   true:true localhost localhost:8080 true default|with_pipe");
        assertThat(s.unmatched()).containsExactly("missing");
    }

    @Test
    void valuesAreWrittenAsRubyWritesThem() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("n", 75L);
        a.put("f", 1.5);
        a.put("list", List.of("a", 1L));
        assertThat(Tokens.substitute(":::n::: :::f::: :::list:::", a).value()).isEqualTo("75 1.5 [\"a\", 1]");
    }

    @Test
    void aScalarReachedEarlyIsTheValue() {
        assertThat(Tokens.substitute(":::foo.bar.baz|x:::", attributes()).value()).isEqualTo("true");
    }

    @Test
    void objectsAreWalkedAndUnmatchedTokensDeduplicated() {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("command", "check-disk -w :::disk.warning|80::: -c :::disk.critical:::");
        check.put("contacts", List.of(":::disk.critical:::", ":::nested.attribute:::"));
        check.put("interval", 60L);
        Tokens.Substitution<Map<String, Object>> s = Tokens.substituteMap(check, attributes());
        assertThat(s.value().get("command")).isEqualTo("check-disk -w 80 -c ");
        assertThat(s.value().get("contacts")).isEqualTo(List.of("", "true"));
        assertThat(s.value().get("interval")).isEqualTo(60L);
        assertThat(s.unmatched()).containsExactly("disk.critical");
        assertThat(check.get("command")).as("input untouched").isEqualTo("check-disk -w :::disk.warning|80::: -c :::disk.critical:::");
    }

    @Test
    void clientExecutionWithUnmatchedTokensDoesNotRun() {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("name", "tokens");
        check.put("command", "echo :::nonexistent::: :::noexistent.hash::: :::empty.hash:::");
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1000), ZoneOffset.UTC);
        CheckExecution.Prepared prepared = CheckExecution.prepare(check, attributes(), clock);
        assertThat(prepared).isInstanceOf(CheckExecution.Unmatched.class);
        Map<String, Object> result = ((CheckExecution.Unmatched) prepared).result();
        assertThat(result.get("output")).isEqualTo("Unmatched client token(s): nonexistent, noexistent.hash, empty.hash");
        assertThat(result.get("status")).isEqualTo(3L);
        assertThat(result.get("handle")).isEqualTo(false);
        assertThat(result.get("executed")).isEqualTo(1000L);
        assertThat(result.get("command")).isEqualTo(check.get("command"));
    }

    @Test
    void clientExecutionSubstitutesButPublishesTheOriginalCommand() {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("name", "disk");
        check.put("command", "check-disk -w :::disk.warning|80:::");
        check.put("environment", ":::environment|production:::");
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("disk", Map.of("warning", 75L));
        CheckExecution.Prepared prepared = CheckExecution.prepare(check, client, Clock.systemUTC());
        assertThat(prepared).isInstanceOfSatisfying(CheckExecution.Ready.class, ready -> {
            assertThat(ready.command()).isEqualTo("check-disk -w 75");
            assertThat(ready.check().get("command")).isEqualTo("check-disk -w :::disk.warning|80:::");
            assertThat(ready.check().get("environment")).isEqualTo("production");
        });
    }

    @Test
    void tokenValuesCannotInjectShellCode() {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("address", "10.0.0.1");
        client.put("url", "https://example.com/health?x=1");
        client.put("evil", "x; rm -rf / #");
        client.put("quote", "it's");
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("name", "c");
        check.put("command", "check -H :::address::: -u :::url::: -n :::evil::: -q :::quote:::");
        check.put("note", ":::evil:::");
        CheckExecution.Ready ready = (CheckExecution.Ready) CheckExecution.prepare(check, client, Clock.systemUTC());
        assertThat(ready.command()).isEqualTo("check -H 10.0.0.1 -u 'https://example.com/health?x=1' -n 'x; rm -rf / #' -q 'it'\"'\"'s'");
        assertThat(ready.check().get("note")).as("only the command is quoted").isEqualTo("x; rm -rf / #");
        assertThat(ShellQuoting.quoteIfNeeded("")).isEmpty();
        assertThat(ShellQuoting.quoteIfNeeded("80")).isEqualTo("80");
    }

    @Test
    void proxyRequestsSubstituteTheProxyClientAndDefaultTheSource() {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("name", "check_arista_eth0");
        check.put("command", "check-snmp-if.rb -h :::address::: -i eth0");
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("name", "switch-x");
        client.put("address", "10.0.0.9");
        Map<String, Object> request = CheckExecution.proxyRequest(check, client).orElseThrow();
        assertThat(request).containsEntry("command", "check-snmp-if.rb -h 10.0.0.9 -i eth0").containsEntry("source", "switch-x");
        client.remove("address");
        assertThat(CheckExecution.proxyRequest(check, client)).isEmpty();
    }
}
