package dev.reflex.template;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Python type names of plain values, for error messages that read like StackStorm's. */
public final class PyTypes {

    private PyTypes() {
    }

    /** The Python type name of a plain value: {@code str}, {@code int}, {@code float}, {@code bool}, {@code dict}, {@code list}, {@code NoneType}. */
    public static String name(Object value) {
        return switch (value) {
            case null -> "NoneType";
            case PyNone n -> "NoneType";
            case CharSequence s -> "str";
            case Boolean b -> "bool";
            case Long l -> "int";
            case Integer i -> "int";
            case BigInteger bi -> "int";
            case Double d -> "float";
            case Float f -> "float";
            case Map<?, ?> m -> "dict";
            case List<?> l -> "list";
            default -> value.getClass().getSimpleName();
        };
    }
}
