package dev.reflex.events;

import dev.reflex.checks.JsonValues;
import dev.reflex.checks.RubyText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whitelisted methods {@code eval:} expressions may call. Nothing else is reachable: there is
 * no way to name a class, open a file, run a command or loop.
 */
final class EvalMethods {

    private static final Pattern LEADING_INT = Pattern.compile("\\A\\s*([+-]?\\d[\\d_]*)");
    private static final Pattern LEADING_FLOAT = Pattern.compile("\\A\\s*([+-]?\\d[\\d_]*(\\.\\d+)?([eE][+-]?\\d+)?)");

    private EvalMethods() {
    }

    static Object call(Object receiver, String method, List<Object> args) {
        switch (method) {
            case "nil?" -> {
                return receiver == null;
            }
            case "to_s" -> {
                return RubyText.toS(receiver);
            }
            case "inspect" -> {
                return RubyText.inspect(receiver);
            }
            default -> {
                // type-specific below
            }
        }
        return switch (receiver) {
            case String s -> string(s, method, args);
            case Number n -> number(n, method, args);
            case List<?> l -> list(l, method, args);
            case Map<?, ?> m -> map(m, method, args);
            case EvalRuntime.RubyTime t -> time(t, method);
            case null -> {
                if (method.equals("to_i")) {
                    yield 0L;
                }
                if (method.equals("to_a")) {
                    yield List.of();
                }
                throw undefined(method, null);
            }
            default -> throw undefined(method, receiver);
        };
    }

    private static EvalException undefined(String method, Object receiver) {
        return new EvalException("undefined method '" + method + "' for " + RubyText.inspect(receiver));
    }

    private static void arity(String method, List<Object> args, int n) {
        if (args.size() != n) {
            throw new EvalException("wrong number of arguments for " + method + " (given " + args.size() + ", expected " + n + ")");
        }
    }

    private static Object string(String s, String method, List<Object> args) {
        switch (method) {
            case "length", "size" -> {
                return (long) s.codePointCount(0, s.length());
            }
            case "empty?" -> {
                return s.isEmpty();
            }
            case "include?" -> {
                arity(method, args, 1);
                if (!(args.get(0) instanceof String other)) {
                    throw new EvalException("include? needs a string");
                }
                return s.contains(other);
            }
            case "start_with?", "end_with?" -> {
                for (Object a : args) {
                    if (a instanceof String p && (method.equals("start_with?") ? s.startsWith(p) : s.endsWith(p))) {
                        return true;
                    }
                }
                return false;
            }
            case "downcase" -> {
                return s.toLowerCase(Locale.ROOT);
            }
            case "upcase" -> {
                return s.toUpperCase(Locale.ROOT);
            }
            case "strip" -> {
                return s.strip();
            }
            case "to_i" -> {
                Matcher m = LEADING_INT.matcher(s);
                if (!m.find()) {
                    return 0L;
                }
                try {
                    return Long.parseLong(m.group(1).replace("_", ""));
                } catch (NumberFormatException e) {
                    throw new EvalException("integer out of range");
                }
            }
            case "to_f" -> {
                Matcher m = LEADING_FLOAT.matcher(s);
                return m.find() ? Double.parseDouble(m.group(1).replace("_", "")) : 0.0;
            }
            case "match?" -> {
                arity(method, args, 1);
                Object pattern = args.get(0) instanceof String p ? Pattern.compile(Pattern.quote(p)) : args.get(0);
                return EvalRuntime.match(s, pattern) != null;
            }
            case "split" -> {
                String sep = args.isEmpty() ? " " : RubyText.toS(args.get(0));
                String[] parts = sep.equals(" ") ? s.strip().split("\\s+") : s.split(Pattern.quote(sep));
                return List.of((Object[]) parts);
            }
            default -> throw undefined(method, s);
        }
    }

    private static Object number(Number n, String method, List<Object> args) {
        boolean integer = n instanceof Long;
        switch (method) {
            case "to_i", "floor", "truncate" -> {
                if (integer) {
                    return n;
                }
                double d = n.doubleValue();
                return (long) (method.equals("floor") ? Math.floor(d) : d);
            }
            case "ceil" -> {
                return integer ? n : (long) Math.ceil(n.doubleValue());
            }
            case "round" -> {
                double d = n.doubleValue();
                return integer ? n : (Object) ((d < 0 ? -1 : 1) * Math.round(Math.abs(d))); // half away from zero
            }
            case "to_f" -> {
                return n.doubleValue();
            }
            case "abs" -> {
                return integer ? (Object) Math.absExact(n.longValue()) : (Object) Math.abs(n.doubleValue());
            }
            case "zero?" -> {
                return n.doubleValue() == 0;
            }
            case "positive?" -> {
                return n.doubleValue() > 0;
            }
            case "negative?" -> {
                return n.doubleValue() < 0;
            }
            case "even?", "odd?" -> {
                if (!integer) {
                    throw undefined(method, n);
                }
                boolean even = n.longValue() % 2 == 0;
                return method.equals("even?") == even;
            }
            case "between?" -> {
                arity(method, args, 2);
                return !(boolean) EvalOperators.binary("<", n, args.get(0))
                        && !(boolean) EvalOperators.binary(">", n, args.get(1));
            }
            default -> throw undefined(method, n);
        }
    }

    private static Object list(List<?> l, String method, List<Object> args) {
        switch (method) {
            case "length", "size", "count" -> {
                if (method.equals("count") && args.size() == 1) {
                    return l.stream().filter(o -> JsonValues.rubyEquals(o, args.get(0))).count();
                }
                return (long) l.size();
            }
            case "empty?" -> {
                return l.isEmpty();
            }
            case "any?" -> {
                return l.stream().anyMatch(EvalRuntime::truthy);
            }
            case "include?" -> {
                arity(method, args, 1);
                return l.stream().anyMatch(o -> JsonValues.rubyEquals(o, args.get(0)));
            }
            case "first" -> {
                return l.isEmpty() ? null : l.get(0);
            }
            case "last" -> {
                return l.isEmpty() ? null : l.get(l.size() - 1);
            }
            case "min", "max" -> {
                Object best = null;
                for (Object o : l) {
                    if (best == null || (boolean) EvalOperators.binary(method.equals("min") ? "<" : ">", o, best)) {
                        best = o;
                    }
                }
                return best;
            }
            case "sum" -> {
                Object total = 0L;
                for (Object o : l) {
                    total = EvalOperators.binary("+", total, o);
                }
                return total;
            }
            case "to_a" -> {
                return l;
            }
            case "join" -> {
                String sep = args.isEmpty() ? "" : RubyText.toS(args.get(0));
                List<String> parts = new ArrayList<>();
                l.forEach(o -> parts.add(RubyText.toS(o)));
                String joined = String.join(sep, parts);
                if (joined.length() > EvalRuntime.MAX_STRING) {
                    throw new EvalException("string too long");
                }
                return joined;
            }
            default -> throw undefined(method, l);
        }
    }

    private static Object map(Map<?, ?> m, String method, List<Object> args) {
        switch (method) {
            case "length", "size", "count" -> {
                return (long) m.size();
            }
            case "empty?" -> {
                return m.isEmpty();
            }
            case "key?", "has_key?", "include?" -> {
                arity(method, args, 1);
                return m.containsKey(RubyText.toS(args.get(0)));
            }
            case "keys" -> {
                return new ArrayList<Object>(m.keySet());
            }
            case "values" -> {
                return new ArrayList<Object>(m.values());
            }
            case "dig" -> {
                Object current = m;
                for (Object key : args) {
                    current = current == null ? null : EvalRuntime.index(current, key);
                }
                return current;
            }
            default -> throw undefined(method, m);
        }
    }

    private static Object time(EvalRuntime.RubyTime t, String method) {
        return switch (method) {
            case "wday" -> (long) (t.at().getDayOfWeek().getValue() % 7);
            case "hour" -> (long) t.at().getHour();
            case "min" -> (long) t.at().getMinute();
            case "sec" -> (long) t.at().getSecond();
            case "day", "mday" -> (long) t.at().getDayOfMonth();
            case "month", "mon" -> (long) t.at().getMonthValue();
            case "year" -> (long) t.at().getYear();
            case "yday" -> (long) t.at().getDayOfYear();
            case "to_i" -> t.at().toEpochSecond();
            case "to_f" -> t.at().toInstant().toEpochMilli() / 1000.0;
            default -> throw undefined(method, t.at().toString());
        };
    }
}
