package dev.reflex.config;

import java.util.Objects;

/**
 * One file that loaded without errors, and what it produced.
 *
 * @param file  the file as the user named it
 * @param value the value its format produced
 * @param <T>   the type the format produces
 */
public record Loaded<T>(String file, T value) {

    public Loaded {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(value, "value");
    }
}
