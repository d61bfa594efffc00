package dev.reflex.events;

import dev.reflex.checks.JsonValues;
import dev.reflex.checks.RubyText;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Evaluates {@link EvalNode} trees with Ruby's semantics for the supported subset: only {@code nil}
 * and {@code false} are false, integer division and modulo floor, {@code 1 == 1.0}, comparing a
 * string with a number is an error, {@code &&}/{@code ||} yield an operand. Any error ends the
 * evaluation (the filter then does not match).
 *
 * <p>Work is bounded: strings built by {@code *} and {@code +} are capped, and regular expressions
 * run over input that counts every character read, so a pathological pattern stops instead of
 * running away.
 */
final class EvalRuntime {

    /** The largest string an expression may build. */
    static final int MAX_STRING = 65_536;
    /** The most characters a single regex match may read. */
    static final long MAX_REGEX_STEPS = 1_000_000;

    /** A point in time, as {@code Time.now} and {@code Time.at} give it. */
    record RubyTime(ZonedDateTime at) {
    }

    private final Object value;
    private final Instant now;
    private final ZoneId zone;

    EvalRuntime(Object value, Instant now, ZoneId zone) {
        this.value = value;
        this.now = now;
        this.zone = zone;
    }

    static boolean truthy(Object v) {
        return JsonValues.truthy(v);
    }

    static Pattern compileRegex(String source, String flags) {
        int f = 0;
        if (flags.contains("i")) {
            f |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        }
        if (flags.contains("m")) {
            f |= Pattern.DOTALL;
        }
        if (flags.contains("x")) {
            f |= Pattern.COMMENTS;
        }
        try {
            // Ruby's ^ and $ match at line boundaries.
            return Pattern.compile(source, f | Pattern.MULTILINE);
        } catch (PatternSyntaxException e) {
            throw new EvalException("invalid regular expression: " + e.getDescription());
        }
    }

    Object eval(EvalNode node) {
        return switch (node) {
            case EvalNode.Literal l -> l.value();
            case EvalNode.ValueRef v -> value;
            case EvalNode.ArrayLiteral a -> {
                List<Object> items = new ArrayList<>(a.items().size());
                for (EvalNode item : a.items()) {
                    items.add(eval(item));
                }
                yield items;
            }
            case EvalNode.Unary u -> unary(u.op(), eval(u.operand()));
            case EvalNode.And a -> {
                Object left = eval(a.left());
                yield truthy(left) ? eval(a.right()) : left;
            }
            case EvalNode.Or o -> {
                Object left = eval(o.left());
                yield truthy(left) ? left : eval(o.right());
            }
            case EvalNode.Conditional c -> truthy(eval(c.condition())) ? eval(c.then()) : eval(c.otherwise());
            case EvalNode.Binary b -> EvalOperators.binary(b.op(), eval(b.left()), eval(b.right()));
            case EvalNode.Call c -> {
                Object receiver = eval(c.receiver());
                List<Object> args = new ArrayList<>(c.args().size());
                for (EvalNode arg : c.args()) {
                    args.add(eval(arg));
                }
                yield EvalMethods.call(receiver, c.method(), args);
            }
            case EvalNode.Index ix -> index(eval(ix.receiver()), eval(ix.index()));
            case EvalNode.TimeNow t -> new RubyTime(now.atZone(zone));
            case EvalNode.TimeAt t -> {
                Object seconds = eval(t.seconds());
                if (!(seconds instanceof Number n)) {
                    throw new EvalException("Time.at needs a number, got " + RubyText.inspect(seconds));
                }
                long millis = Math.round(n.doubleValue() * 1000);
                yield new RubyTime(Instant.ofEpochMilli(millis).atZone(zone));
            }
        };
    }

    private static Object unary(String op, Object operand) {
        return switch (op) {
            case "!" -> !truthy(operand);
            case "-" -> {
                if (operand instanceof Long l) {
                    yield Math.negateExact(l);
                }
                if (operand instanceof Number n) {
                    yield -n.doubleValue();
                }
                throw new EvalException("undefined method '-@' for " + RubyText.inspect(operand));
            }
            case "+" -> {
                if (operand instanceof Number) {
                    yield operand;
                }
                throw new EvalException("undefined method '+@' for " + RubyText.inspect(operand));
            }
            default -> throw new EvalException("unknown operator " + op);
        };
    }

    static Object index(Object receiver, Object index) {
        if (receiver instanceof List<?> list && index instanceof Long i) {
            long at = i < 0 ? list.size() + i : i;
            return at >= 0 && at < list.size() ? list.get((int) at) : null;
        }
        if (receiver instanceof Map<?, ?> map) {
            return map.get(index instanceof String s ? s : RubyText.toS(index));
        }
        if (receiver instanceof String s && index instanceof Long i) {
            int cps = s.codePointCount(0, s.length());
            long at = i < 0 ? cps + i : i;
            if (at < 0 || at >= cps) {
                return null;
            }
            int start = s.offsetByCodePoints(0, (int) at);
            return s.substring(start, s.offsetByCodePoints(start, 1));
        }
        throw new EvalException("cannot index " + RubyText.inspect(receiver) + " with " + RubyText.inspect(index));
    }

    /** {@code =~}: the match position, or nil. */
    static Object match(Object left, Object right) {
        Pattern p;
        Object text;
        if (right instanceof Pattern rp) {
            p = rp;
            text = left;
        } else if (left instanceof Pattern lp) {
            p = lp;
            text = right;
        } else {
            throw new EvalException("=~ needs a regular expression");
        }
        if (text == null) {
            return null;
        }
        if (!(text instanceof String s)) {
            throw new EvalException("=~ needs a string, got " + RubyText.inspect(text));
        }
        Matcher m = p.matcher(new BoundedText(s, new long[] {MAX_REGEX_STEPS}));
        return m.find() ? (Object) (long) s.codePointCount(0, m.start()) : null;
    }

    /** A string that stops a regex engine after a fixed number of character reads. */
    private record BoundedText(String text, long[] budget) implements CharSequence {
        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (--budget[0] < 0) {
                throw new EvalException("regular expression took too long");
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BoundedText(text.substring(start, end), budget);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
