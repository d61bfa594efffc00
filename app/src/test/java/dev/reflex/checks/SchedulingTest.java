package dev.reflex.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** Reference section 8 F (splay) and the cron schedule. */
class SchedulingTest {

    private static final long NOW_MS = 1_414_213_569_032L;

    @Test
    void serverSplayForCheckTest() {
        assertThat(Splay.firstDelaySeconds(Splay.serverKey("test"), NOW_MS, 60)).isEqualTo(17.601);
        assertThat(Splay.firstDelaySeconds(Splay.serverKey("test"), NOW_MS, 3600)).isEqualTo(3497.601);
    }

    @Test
    void standaloneSplayUsesClientAndCheck() {
        assertThat(Splay.firstDelaySeconds(Splay.standaloneKey("i-424242", "test"), NOW_MS, 60)).isEqualTo(3.321);
        assertThat(Splay.firstDelaySeconds(Splay.standaloneKey("i-424242", "test"), NOW_MS, 3600)).isEqualTo(783.321);
    }

    @Test
    void splayIsStableAcrossRestartsAndShiftsWithTime() {
        double a = Splay.firstDelaySeconds("test", NOW_MS, 60);
        double b = Splay.firstDelaySeconds("test", NOW_MS + 1_000, 60);
        assertThat(b).isEqualTo(16.601);
        assertThat(Splay.firstDelaySeconds("test", NOW_MS + 60_000, 60)).isEqualTo(a);
        assertThat(Splay.firstDelayMillis("test", NOW_MS, 60)).isEqualTo(17_601L);
    }

    @Test
    void cronGivesTheNextMinute() {
        CronSchedule every5 = CronSchedule.parse("*/5 * * * *");
        ZonedDateTime now = ZonedDateTime.of(2026, 11, 21, 10, 2, 30, 0, ZoneOffset.UTC);
        assertThat(every5.next(now)).contains(ZonedDateTime.of(2026, 11, 21, 10, 5, 0, 0, ZoneOffset.UTC));
        assertThat(every5.delayFrom(now)).contains(Duration.ofSeconds(150));
        assertThat(CronSchedule.parse("* * * * *").delayFrom(now)).contains(Duration.ofSeconds(30));
    }

    @Test
    void cronAcceptsOnlyFiveFields() {
        assertThat(CronSchedule.isValid("* * * * *")).isTrue();
        assertThat(CronSchedule.isValid("0 0/5 * * * ?")).isFalse();
        assertThat(CronSchedule.isValid("not cron")).isFalse();
        assertThatThrownBy(() -> CronSchedule.parse("")).isInstanceOf(IllegalArgumentException.class);
    }

    private static CheckDefinition check(String json) {
        return CheckDefinition.from("test", JsonValues.asMap(JsonValues.read(json)));
    }

    @Test
    void firstAndNextDelays() {
        java.time.Instant now = java.time.Instant.ofEpochMilli(NOW_MS);
        CheckDefinition interval = check("{\"command\": \"x\", \"interval\": 60, \"subscribers\": [\"a\"]}");
        assertThat(CheckSchedule.firstDelay(interval, null, now, ZoneOffset.UTC)).contains(Duration.ofMillis(17_601));
        assertThat(CheckSchedule.firstDelay(interval, "i-424242", now, ZoneOffset.UTC)).contains(Duration.ofMillis(3_321));
        assertThat(CheckSchedule.nextDelay(interval, now, ZoneOffset.UTC)).contains(Duration.ofSeconds(60));
        CheckDefinition cron = check("{\"command\": \"x\", \"cron\": \"0 * * * *\", \"interval\": 60}");
        java.time.Instant tenPast = java.time.Instant.parse("2026-11-21T10:10:00Z");
        assertThat(CheckSchedule.firstDelay(cron, null, tenPast, ZoneOffset.UTC)).contains(Duration.ofMinutes(50));
        assertThat(CheckSchedule.nextDelay(cron, tenPast, ZoneOffset.UTC)).contains(Duration.ofMinutes(50));
        assertThat(CheckSchedule.firstDelay(check("{\"command\": \"x\", \"publish\": false}"), null, now, ZoneOffset.UTC)).isEmpty();
    }

    @Test
    void subdueRequestsAndRouting() {
        CheckDefinition printer = check("""
                {"command": "x", "interval": 60, "subscribers": ["office", "roundrobin:pollers"],
                 "subdue": {"days": {"all": [{"begin": "5:00 PM", "end": "8:00 AM"}]}}}
                """);
        assertThat(CheckSchedule.subdued(printer, java.time.Instant.parse("2026-11-21T22:00:00Z"), ZoneOffset.UTC)).isTrue();
        assertThat(CheckSchedule.subdued(printer, java.time.Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC)).isFalse();
        java.util.Map<String, Object> request = CheckSchedule.request(printer, 1234L);
        assertThat(request).containsEntry("name", "test").containsEntry("command", "x").containsEntry("issued", 1234L)
                .doesNotContainKeys("subscribers", "interval");
        assertThat(CheckSchedule.singleConsumer("roundrobin:pollers")).isTrue();
        assertThat(CheckSchedule.singleConsumer("direct:host")).isTrue();
        assertThat(CheckSchedule.singleConsumer("office")).isFalse();
        assertThat(CheckSchedule.singleConsumer("client:web-1")).isFalse();
        CheckDefinition proxy = check("""
                {"command": "x", "interval": 60, "subscribers": ["a"],
                 "proxy_requests": {"client_attributes": {"type": "switch"}, "splay": true}}
                """);
        assertThat(CheckSchedule.proxySplayStep(proxy, 60, 9)).isEqualTo(6.0);
    }

    @Test
    void redaction() {
        java.util.Map<String, Object> client = JsonValues.asMap(JsonValues.read("""
                {"name": "db", "mysql": {"user": "app", "password": "s3cret"}, "tokens": [{"api_key": "k"}]}
                """));
        assertThat(JsonValues.write(Redaction.redactClient(client)))
                .isEqualTo("{\"name\":\"db\",\"mysql\":{\"user\":\"app\",\"password\":\"REDACTED\"},\"tokens\":[{\"api_key\":\"REDACTED\"}]}");
        client.put("redact", java.util.List.of("user"));
        assertThat(JsonValues.write(Redaction.redactClient(client))).contains("\"user\":\"REDACTED\"", "\"password\":\"s3cret\"");
    }
}
