package dev.reflex.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.events.StateChange.Flapping;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reference section 8 A (total_state_change) and B (flapping with low 5 / high 20). */
class StateChangeTest {

    private static int[] statuses(String history) {
        return history.chars().map(c -> c - '0').toArray();
    }

    @ParameterizedTest(name = "A{0}: {1} -> {2}")
    @CsvSource({
        "1,  000000000000000000000, 0",
        "2,  010101010101010101010, 101",
        "3,  012012012012012012012, 101",
        "4,  000000000000000000002, 6",
        "5,  022222222222222222222, 4",
        "6,  000000000022222222222, 5",
        "7,  000000000000000000020, 11",
        "8,  000000000020000000000, 10",
        "9,  01010101010101010101, 0",
        "10, 000000000001212121212, 55",
        "11, 001100110011001100110, 51",
        "12, 000111000111000111000, 30",
        "13, 000000000000000020202, 29",
        "14, 020202222222222222222, 21",
        "15, 000123333000111100022, 34",
        "16, 010100101101110111100, 57",
        "17, 010101001100010111100, 57",
    })
    void totalStateChangeMatchesSensuCore(int row, String history, int expected) {
        assertThat(StateChange.totalStateChange(statuses(history))).as("row %d", row).isEqualTo(expected);
    }

    @Test
    void rows16And17UseDoubleArithmeticNotExactDecimals() {
        // With exact decimals these two patterns give 58; Ruby's repeated double additions give 57.
        java.math.BigDecimal exact = java.math.BigDecimal.ZERO;
        java.math.BigDecimal weight = new java.math.BigDecimal("0.80");
        int[] h = statuses("010100101101110111100");
        for (int i = 0; i < h.length; i++) {
            if (h[i] != h[Math.max(0, i - 1)]) {
                exact = exact.add(weight);
            }
            weight = weight.add(new java.math.BigDecimal("0.02"));
        }
        assertThat(exact.multiply(java.math.BigDecimal.valueOf(5)).intValue()).isEqualTo(58);
        assertThat(StateChange.totalStateChange(h)).isEqualTo(57);
    }

    @Test
    void onlyTheLast21StatusesCount() {
        assertThat(StateChange.totalStateChange(statuses("1111" + "000000000000000000000"))).isZero();
    }

    private static final Map<String, Object> THRESHOLDS = Map.of("low_flap_threshold", 5L, "high_flap_threshold", 20L);

    @ParameterizedTest(name = "B row {0} starts flapping")
    @CsvSource({"2, 010101010101010101010", "3, 012012012012012012012", "10, 000000000001212121212",
        "11, 001100110011001100110", "12, 000111000111000111000", "13, 000000000000000020202",
        "14, 020202222222222222222"})
    void rowsThatStartFlapping(int row, String history) {
        int tsc = StateChange.totalStateChange(statuses(history));
        assertThat(StateChange.flapping(THRESHOLDS, tsc, false)).isEqualTo(Flapping.FLAPPING);
    }

    @ParameterizedTest(name = "B row {0} does not start but keeps flapping")
    @CsvSource({"4, 000000000000000000002", "7, 000000000000000000020", "8, 000000000020000000000"})
    void rowsThatOnlyKeepFlapping(int row, String history) {
        int tsc = StateChange.totalStateChange(statuses(history));
        assertThat(StateChange.flapping(THRESHOLDS, tsc, false)).isEqualTo(Flapping.STEADY);
        assertThat(StateChange.flapping(THRESHOLDS, tsc, true)).isEqualTo(Flapping.FLAPPING);
    }

    @ParameterizedTest(name = "B row {0} never flaps")
    @CsvSource({"1, 000000000000000000000", "5, 022222222222222222222", "6, 000000000022222222222",
        "9, 01010101010101010101"})
    void rowsThatNeverFlap(int row, String history) {
        int tsc = StateChange.totalStateChange(statuses(history));
        assertThat(StateChange.flapping(THRESHOLDS, tsc, false)).isEqualTo(Flapping.STEADY);
        assertThat(StateChange.flapping(THRESHOLDS, tsc, true)).isEqualTo(Flapping.STEADY);
    }

    @Test
    void thresholdsMustBothBePresentAndIntegers() {
        assertThat(StateChange.flapping(Map.of("low_flap_threshold", 5L), 101, false)).isEqualTo(Flapping.NOT_CONFIGURED);
        assertThat(StateChange.flapping(Map.of("low_flap_threshold", 5L, "high_flap_threshold", 20.0), 101, false))
                .isEqualTo(Flapping.INVALID_THRESHOLDS);
        assertThat(StateChange.flapping(Map.of("low_flap_threshold", 0L, "high_flap_threshold", 20L), 1, true))
                .as("Core accepts a low threshold of 0").isEqualTo(Flapping.FLAPPING);
    }
}
