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
}
