package dev.reflex.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The custom Jinja filters StackStorm registers ({@code st2common/util/jinja.py}), by name.
 *
 * <p>Values read from the datastore are already decrypted by the lookup, so {@code decrypt_kv}
 * only checks that the key exists.
 */
public final class StackStormFilters {

    /** The value {@code use_none} turns null into, so that a rendered parameter can become null again. */
    public static final String NONE_MAGIC_VALUE = "%*****__%NONE%__*****%";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private StackStormFilters() {
    }

    /** Every filter, by name. */
    public static Map<String, TemplateFilter> all() {
        Map<String, TemplateFilter> f = new LinkedHashMap<>();
        f.put("to_json_string", StackStormFilters::toJsonString);
        f.put("to_complex", (v, a, k) -> PyJson.dumps(plain(v)));
        f.put("json_escape", (v, a, k) -> strip(PyJson.dumps(plain(v)), '"'));
        f.put("from_json_string", (v, a, k) -> TemplateValues.view(PyJson.loads(PyRepr.str(plain(v)))));
        f.put("from_yaml_string", (v, a, k) -> TemplateValues.view(fromYaml(PyRepr.str(plain(v)))));
        f.put("to_yaml_string", (v, a, k) -> toYaml(plain(v)));
        f.put("jsonpath_query", (v, a, k) -> {
            List<Object> found = JsonPath.parse(PyRepr.str(arg(a, k, 0, "query", REQUIRED))).findAll(plain(v));
            return found.isEmpty() ? PyNone.NONE : TemplateValues.view(found);
        });
        f.put("use_none", (v, a, k) -> plain(v) == null ? NONE_MAGIC_VALUE : v);
        f.put("decrypt_kv", StackStormFilters::decryptKv);
        f.put("regex_match", (v, a, k) -> regex(a, k, 1).matchesAtStart(text(v)));
        f.put("regex_search", (v, a, k) -> regex(a, k, 1).find(text(v)));
        f.put("regex_replace", (v, a, k) -> regex(a, k, 2).replaceAll(text(v), PyRepr.str(arg(a, k, 1, "replacement", REQUIRED))));
        f.put("regex_substring", StackStormFilters::regexSubstring);
        f.put("to_human_time_from_seconds", (v, a, k) -> TemplateValues.view(HumanTime.of(plain(v))));
        f.put("version_compare", (v, a, k) -> SemVer.parse(text(v)).compareTo(SemVer.parse(text(arg(a, k, 0, "pattern", REQUIRED)))));
        f.put("version_more_than", (v, a, k) -> SemVer.parse(text(v)).compareTo(SemVer.parse(text(arg(a, k, 0, "pattern", REQUIRED)))) == 1);
        f.put("version_less_than", (v, a, k) -> SemVer.parse(text(v)).compareTo(SemVer.parse(text(arg(a, k, 0, "pattern", REQUIRED)))) == -1);
        f.put("version_equal", (v, a, k) -> SemVer.parse(text(v)).compareTo(SemVer.parse(text(arg(a, k, 0, "pattern", REQUIRED)))) == 0);
        f.put("version_match", (v, a, k) -> SemVer.parse(text(v)).matches(text(arg(a, k, 0, "pattern", REQUIRED))));
        f.put("version_bump_major", (v, a, k) -> SemVer.parse(text(v)).bumpMajor().toString());
        f.put("version_bump_minor", (v, a, k) -> SemVer.parse(text(v)).bumpMinor().toString());
        f.put("version_bump_patch", (v, a, k) -> SemVer.parse(text(v)).bumpPatch().toString());
        f.put("version_strip_patch", (v, a, k) -> {
            SemVer sv = SemVer.parse(text(v));
            return sv.major() + "." + sv.minor();
        });
        f.put("basename", (v, a, k) -> {
            String p = text(v);
            return p.substring(p.lastIndexOf('/') + 1);
        });
        f.put("dirname", (v, a, k) -> {
            String p = text(v);
            int i = p.lastIndexOf('/');
            if (i < 0) {
                return "";
            }
            String head = p.substring(0, i + 1);
            return head.chars().allMatch(c -> c == '/') ? head : head.replaceAll("/+$", "");
        });
        return f;
    }

    private static Object toJsonString(Object v, List<Object> a, Map<String, Object> k) {
        Object indent = plain(arg(a, k, 0, "indent", null));
        Object sortKeys = plain(arg(a, k, 1, "sort_keys", false));
        Object separators = plain(arg(a, k, 2, "separators", List.of(",", ": ")));
        String itemSep = ",";
        String keySep = ": ";
        if (separators instanceof List<?> seps && seps.size() == 2) {
            itemSep = String.valueOf(seps.get(0));
            keySep = String.valueOf(seps.get(1));
        }
        int ind = indent instanceof Number n ? n.intValue() : -1;
        return PyJson.dumps(plain(v), ind, Boolean.TRUE.equals(sortKeys), itemSep, keySep, true);
    }

    private static Object decryptKv(Object v, List<Object> a, Map<String, Object> k) {
        if (TemplateValues.unwrapJinjava(v) instanceof KeyValueLookup.Missing missing) {
            throw new IllegalArgumentException("Referenced datastore item \"" + missing.keyName()
                    + "\" doesn't exist or it contains an empty string");
        }
        return v;
    }

    private static Object regexSubstring(Object v, List<Object> a, Map<String, Object> k) {
        PyRegex re = regex(a, k, 2);
        Object idx = plain(arg(a, k, 1, "result_index", 0L));
        int index = idx instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(idx));
        Matcher m = re.pattern().matcher(text(v));
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.groupCount() == 0 ? m.group() : m.group(1) == null ? "" : m.group(1));
        }
        int at = index < 0 ? found.size() + index : index;
        if (at < 0 || at >= found.size()) {
            throw new IllegalArgumentException("list index out of range");
        }
        return found.get(at);
    }

    private static PyRegex regex(List<Object> a, Map<String, Object> k, int ignoreCaseAt) {
        String pattern = PyRepr.str(plain(arg(a, k, 0, "pattern", REQUIRED)));
        Object ignoreCase = plain(arg(a, k, ignoreCaseAt, "ignorecase", false));
        return PyRegex.compile(pattern, Boolean.TRUE.equals(ignoreCase) ? PyRegex.IGNORECASE : 0);
    }

    private static Object fromYaml(String text) {
        try {
            return PyJson.toPlain(YAML.readTree(text));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid YAML: " + e.getOriginalMessage(), e);
        }
    }

    private static Object toYaml(Object value) {
        try {
            return YAML.writeValueAsString(PyJson.toNode(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    /** Python {@code str(value)} of the plain value, as the regex filters apply to non-strings. */
    private static String text(Object v) {
        return PyRepr.str(plain(v));
    }

    private static Object plain(Object v) {
        return TemplateValues.unwrap(v);
    }

    private static final Object REQUIRED = new Object();

    private static Object arg(List<Object> args, Map<String, Object> kwargs, int index, String name, Object dflt) {
        if (index < args.size()) {
            return args.get(index);
        }
        if (name != null && kwargs.containsKey(name)) {
            return kwargs.get(name);
        }
        if (dflt == REQUIRED) {
            throw new IllegalArgumentException("missing required argument '" + name + "'");
        }
        return dflt;
    }

    private static String strip(String s, char c) {
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) == c) {
            from++;
        }
        while (to > from && s.charAt(to - 1) == c) {
            to--;
        }
        return s.substring(from, to);
    }

    /** {@code to_human_time_from_seconds}: {@code 3725} → {@code 1h2m5s}. */
    static final class HumanTime {
        private HumanTime() {
        }

        static Object of(Object seconds) {
            if (seconds == null) {
                return null;
            }
            if (!(seconds instanceof Number n) || seconds instanceof Boolean) {
                throw new IllegalArgumentException("to_human_time_from_seconds needs a number, got " + PyTypes.name(seconds));
            }
            double d = n.doubleValue();
            if (d == 0) {
                return "0s";
            }
            if (d < 1) {
                return PyRepr.str(seconds) + "\u03BCs";
            }
            long total = seconds instanceof Double ? Math.round(d) : seconds instanceof BigInteger bi ? bi.longValue() : n.longValue();
            // StackStorm adds the seconds to 0001-01-01 and reads year and day of month (months are lost).
            java.time.LocalDateTime t = java.time.LocalDateTime.of(1, 1, 1, 0, 0).plusSeconds(total);
            long[] parts = {t.getYear() - 1, t.getDayOfMonth() - 1, t.getHour(), t.getMinute(), t.getSecond()};
            int first = 0;
            while (first < parts.length && parts[first] == 0) {
                first++;
            }
            if (first == parts.length) {
                return "0s";
            }
            String[] units = {"y", "d", "h", "m", "s"};
            StringBuilder b = new StringBuilder();
            for (int i = first; i < parts.length; i++) {
                b.append(parts[i]).append(units[i]);
            }
            return b.toString();
        }
    }
}
