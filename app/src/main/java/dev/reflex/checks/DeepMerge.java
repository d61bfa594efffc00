package dev.reflex.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sensu's deep merge, used to combine settings files ({@code config.json} then every
 * {@code conf.d/**.json}) and to build keepalive checks from defaults and client settings.
 *
 * <p>Objects on both sides are merged key by key, recursively; arrays on both sides are concatenated
 * with duplicates removed (first occurrence kept); anything else is replaced by the right-hand
 * value. Neither input is modified.
 */
public final class DeepMerge {

    private DeepMerge() {
    }

    /** Merges {@code right} over {@code left} and returns a new tree. */
    public static Map<String, Object> merge(Map<String, Object> left, Map<String, Object> right) {
        Map<String, Object> merged = new LinkedHashMap<>(left);
        for (Map.Entry<String, Object> e : right.entrySet()) {
            Object mine = left.get(e.getKey());
            Object theirs = e.getValue();
            Map<String, Object> leftMap = JsonValues.asMap(mine);
            Map<String, Object> rightMap = JsonValues.asMap(theirs);
            List<Object> leftList = JsonValues.asList(mine);
            List<Object> rightList = JsonValues.asList(theirs);
            if (leftMap != null && rightMap != null) {
                merged.put(e.getKey(), merge(leftMap, rightMap));
            } else if (leftList != null && rightList != null) {
                merged.put(e.getKey(), union(leftList, rightList));
            } else {
                merged.put(e.getKey(), theirs);
            }
        }
        return merged;
    }

    /** Concatenates two arrays, keeping the first of equal items (Ruby's {@code (a + b).uniq}). */
    public static List<Object> union(List<Object> left, List<Object> right) {
        List<Object> out = new ArrayList<>(left.size() + right.size());
        for (Object o : left) {
            if (!out.contains(o)) {
                out.add(o);
            }
        }
        for (Object o : right) {
            if (!out.contains(o)) {
                out.add(o);
            }
        }
        return out;
    }
}
