package dev.reflex.runners;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.Optional;

/**
 * The JSON reading and writing runners need: StackStorm's "parse stdout if it is JSON" (any complete
 * JSON value counts: {@code "42"} becomes the number 42; trailing text makes it not JSON) and the
 * compact encoding StackStorm uses when it serializes an object argument.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
                    .recyclerPool(com.fasterxml.jackson.core.util.JsonRecyclerPools.sharedConcurrentDequePool()).build()) // shared: the default pool is per (virtual) thread
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    /** The value the text encodes as plain maps, lists, strings, numbers, booleans and nulls; empty if it is not JSON. */
    public static Optional<Object> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MAPPER.readValue(text, Object.class)).or(() -> Optional.of(NULL));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /**
     * The value of {@code text} when it is JSON, else the text itself; JSON {@code null} gives null.
     * This is what StackStorm does to a shell runner's stdout and stderr.
     */
    public static Object parseOrKeep(String text) {
        Optional<Object> parsed = parse(text);
        if (parsed.isEmpty()) {
            return text;
        }
        return parsed.get() == NULL ? null : parsed.get();
    }

    /** Compact JSON for a value made of maps, lists and scalars. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Marks a parsed JSON {@code null}, which {@link Optional} cannot hold. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };
}
