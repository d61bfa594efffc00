package dev.reflex.events;

import java.time.Clock;
import java.time.ZoneId;

/**
 * A compiled {@code eval:} filter expression: a small, sandboxed, Ruby-like language covering what
 * Sensu filter expressions use, evaluated without any general-purpose interpreter.
 *
 * <p>The language: integer, float, string ({@code '…'} and {@code "…"} without interpolation),
 * symbol ({@code :name}, read as a string), regex ({@code /…/imx}), {@code true}, {@code false},
 * {@code nil} and array literals; {@code value} (the event attribute being matched); operators
 * {@code ! - + * / % ** + - < <= > >= == != =~ !~ && || ?: not and or} with Ruby precedence and
 * semantics; indexing {@code x[i]}; {@code Time.now} (from the injected clock) and
 * {@code Time.at(n)} with {@code wday hour min sec day month year yday to_i}; and a fixed set of
 * methods on strings ({@code length size empty? include? start_with? end_with? downcase upcase strip
 * to_i to_f match? split}), numbers ({@code to_i to_f abs round floor ceil zero? positive?
 * negative? even? odd? between?}), arrays ({@code include? length size count empty? any? first
 * last min max sum join}) and objects ({@code key? has_key? keys values length dig}).
 *
 * <p>Sensu substitutes {@code :::path|default:::} tokens from the event before evaluating; that is
 * done by the caller ({@link AttributeMatcher}). Expressions are at most {@value #MAX_LENGTH}
 * characters, nesting is bounded and no construct loops, so evaluation always ends quickly.
 */
public final class EvalExpression {

    /** The longest expression accepted. */
    public static final int MAX_LENGTH = 4096;

    private final String source;
    private final EvalNode root;

    private EvalExpression(String source, EvalNode root) {
        this.source = source;
        this.root = root;
    }

    /**
     * Parses an expression (without the {@code eval:} prefix).
     *
     * @throws EvalException when it is not a valid expression of the language
     */
    public static EvalExpression compile(String source) {
        if (source.length() > MAX_LENGTH) {
            throw new EvalException("expression longer than " + MAX_LENGTH + " characters");
        }
        return new EvalExpression(source, EvalParser.parse(source));
    }

    /**
     * Evaluates the expression with {@code value} bound.
     *
     * @throws EvalException on a runtime error (such as comparing a string with a number)
     */
    public Object evaluate(Object value, Clock clock, ZoneId zone) {
        try {
            return new EvalRuntime(value, clock.instant(), zone).eval(root);
        } catch (ArithmeticException e) {
            throw new EvalException("arithmetic error: " + e.getMessage());
        }
    }

    /** Evaluates and coerces the result to a boolean the Ruby way; any error gives false. */
    public boolean test(Object value, Clock clock, ZoneId zone) {
        try {
            return EvalRuntime.truthy(evaluate(value, clock, zone));
        } catch (EvalException e) {
            return false;
        }
    }

    /** The expression text. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }
}
