package dev.reflex.template;

import com.hubspot.jinjava.objects.collections.PyList;
import com.hubspot.jinjava.objects.collections.PyMap;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;

/**
 * Read-only views of plain data for template contexts, in which every null reads as
 * {@link PyNone#NONE}, and the way back.
 *
 * <p>Views are cheap: nothing is copied, nested maps and lists are wrapped when they are read.
 */
public final class TemplateValues {

    private TemplateValues() {
    }

    /** The value as a template should see it: maps and lists wrapped, null as {@link PyNone#NONE}. */
    public static Object view(Object value) {
        if (value == null) {
            return PyNone.NONE;
        }
        if (value instanceof MapView || value instanceof ListView) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            return new MapView(map);
        }
        if (value instanceof List<?> list) {
            return new ListView(list);
        }
        return value;
    }

    /** The plain value behind a template value: {@link PyNone} and missing datastore keys as null, views unwrapped. */
    public static Object unwrap(Object value) {
        value = unwrapJinjava(value);
        if (value == null || value instanceof PyNone) {
            return null;
        }
        if (value instanceof MapView view) {
            return view.map;
        }
        if (value instanceof ListView view) {
            return view.list;
        }
        if (value instanceof KeyValueLookup.Missing) {
            return null;
        }
        return value;
    }

    /**
     * The plain data behind a template value, all the way down: views and Jinjava's wrappers
     * unwrapped in nested maps and lists too, {@link PyNone} and missing datastore keys as null.
     */
    public static Object plain(Object value) {
        Object v = unwrap(value);
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new java.util.ArrayList<>(l.size());
            l.forEach(x -> out.add(plain(x)));
            return out;
        }
        return v;
    }

    /** The map or list Jinjava wrapped a value in ({@code PyMap}, {@code PyList}), else the value. */
    static Object unwrapJinjava(Object value) {
        if (value instanceof PyMap map) {
            return map.toMap();
        }
        if (value instanceof PyList list) {
            return list.toList();
        }
        return value;
    }

    private static final class MapView extends AbstractMap<String, Object> {
        private final Map<?, ?> map;

        MapView(Map<?, ?> map) {
            this.map = map;
        }

        @Override
        public Object get(Object key) {
            Object v = map.get(key);
            if (v == null && !map.containsKey(key)) {
                return null;
            }
            return view(v);
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    Iterator<? extends Entry<?, ?>> it = map.entrySet().iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return it.hasNext();
                        }

                        @Override
                        public Entry<String, Object> next() {
                            Entry<?, ?> e = it.next();
                            return new SimpleImmutableEntry<>(String.valueOf(e.getKey()), view(e.getValue()));
                        }
                    };
                }

                @Override
                public int size() {
                    return map.size();
                }
            };
        }
    }

    private static final class ListView extends AbstractList<Object> implements RandomAccess {
        private final List<?> list;

        ListView(List<?> list) {
            this.list = list;
        }

        @Override
        public Object get(int index) {
            return view(list.get(index));
        }

        @Override
        public int size() {
            return list.size();
        }
    }
}
