package dev.reflex.events;

import dev.reflex.checks.JsonValues;
import dev.reflex.checks.RubyText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The binary operators of {@code eval:} expressions, with Ruby's numeric semantics. */
final class EvalOperators {

    private EvalOperators() {
    }

    static Object binary(String op, Object a, Object b) {
        return switch (op) {
            case "==" -> equal(a, b);
            case "!=" -> !equal(a, b);
            case "=~" -> EvalRuntime.match(a, b);
            case "!~" -> EvalRuntime.match(a, b) == null;
            case "<", "<=", ">", ">=" -> compare(op, a, b);
            case "+" -> plus(a, b);
            case "-" -> minus(a, b);
            case "*" -> times(a, b);
            case "/" -> divide(a, b);
            case "%" -> modulo(a, b);
            case "**" -> power(a, b);
            default -> throw new EvalException("unknown operator " + op);
        };
    }

    static boolean equal(Object a, Object b) {
        if (a instanceof EvalRuntime.RubyTime x && b instanceof EvalRuntime.RubyTime y) {
            return x.at().toInstant().equals(y.at().toInstant());
        }
        return JsonValues.rubyEquals(a, b);
    }

    private static boolean compare(String op, Object a, Object b) {
        int c;
        if (a instanceof Number x && b instanceof Number y) {
            if (isNaN(x) || isNaN(y)) {
                return false;
            }
            c = (x instanceof Long lx && y instanceof Long ly) ? Long.compare(lx, ly)
                    : Double.compare(x.doubleValue(), y.doubleValue());
        } else if (a instanceof String x && b instanceof String y) {
            c = x.compareTo(y);
        } else if (a instanceof EvalRuntime.RubyTime x && b instanceof EvalRuntime.RubyTime y) {
            c = x.at().toInstant().compareTo(y.at().toInstant());
        } else {
            throw new EvalException("comparison of " + RubyText.inspect(a) + " with " + RubyText.inspect(b) + " failed");
        }
        return switch (op) {
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
        };
    }

    private static boolean isNaN(Number n) {
        return n instanceof Double d && d.isNaN();
    }

    private static Object plus(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Math.addExact(x, y);
        }
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() + y.doubleValue();
        }
        if (a instanceof String x && b instanceof String y) {
            return bounded(x + y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            List<Object> out = new ArrayList<>(x);
            out.addAll(y);
            return out;
        }
        if (a instanceof EvalRuntime.RubyTime t && b instanceof Number n) {
            return new EvalRuntime.RubyTime(t.at().plus(Duration.ofMillis(Math.round(n.doubleValue() * 1000))));
        }
        throw new EvalException("cannot add " + RubyText.inspect(b) + " to " + RubyText.inspect(a));
    }

    private static Object minus(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Math.subtractExact(x, y);
        }
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() - y.doubleValue();
        }
        if (a instanceof EvalRuntime.RubyTime x && b instanceof EvalRuntime.RubyTime y) {
            return Duration.between(y.at(), x.at()).toMillis() / 1000.0;
        }
        if (a instanceof EvalRuntime.RubyTime t && b instanceof Number n) {
            return new EvalRuntime.RubyTime(t.at().minus(Duration.ofMillis(Math.round(n.doubleValue() * 1000))));
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            List<Object> out = new ArrayList<>();
            for (Object o : x) {
                if (y.stream().noneMatch(other -> JsonValues.rubyEquals(o, other))) {
                    out.add(o);
                }
            }
            return out;
        }
        throw new EvalException("cannot subtract " + RubyText.inspect(b) + " from " + RubyText.inspect(a));
    }

    private static Object times(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Math.multiplyExact(x, y);
        }
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() * y.doubleValue();
        }
        if (a instanceof String s && b instanceof Long n) {
            if (n < 0) {
                throw new EvalException("negative argument");
            }
            if ((long) s.length() * n > EvalRuntime.MAX_STRING) {
                throw new EvalException("string too long");
            }
            return s.repeat(n.intValue());
        }
        throw new EvalException("cannot multiply " + RubyText.inspect(a) + " by " + RubyText.inspect(b));
    }

    private static Object divide(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            if (y == 0) {
                throw new EvalException("divided by 0");
            }
            return Math.floorDiv(x, y);
        }
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() / y.doubleValue();
        }
        throw new EvalException("cannot divide " + RubyText.inspect(a) + " by " + RubyText.inspect(b));
    }

    private static Object modulo(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            if (y == 0) {
                throw new EvalException("divided by 0");
            }
            return Math.floorMod(x, y);
        }
        if (a instanceof Number x && b instanceof Number y) {
            double dx = x.doubleValue();
            double dy = y.doubleValue();
            return dx - dy * Math.floor(dx / dy);
        }
        throw new EvalException("cannot take " + RubyText.inspect(a) + " modulo " + RubyText.inspect(b));
    }

    private static Object power(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y && y >= 0) {
            if (x == 0 || x == 1) {
                return y == 0 ? 1L : x;
            }
            if (x == -1) {
                return y % 2 == 0 ? 1L : -1L;
            }
            long result = 1;
            for (long i = 0; i < y; i++) {
                result = Math.multiplyExact(result, x); // |x| >= 2: overflows within 63 steps
            }
            return result;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Math.pow(x.doubleValue(), y.doubleValue());
        }
        throw new EvalException("cannot raise " + RubyText.inspect(a) + " to " + RubyText.inspect(b));
    }

    private static String bounded(String s) {
        if (s.length() > EvalRuntime.MAX_STRING) {
            throw new EvalException("string too long");
        }
        return s;
    }
}
