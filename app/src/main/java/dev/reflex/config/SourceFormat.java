package dev.reflex.config;

import java.util.Locale;

/** The syntax of a configuration file: JSON or YAML. */
public enum SourceFormat {
    /** Strict JSON (no comments, no trailing commas). */
    JSON,
    /** YAML 1.1 as read by SnakeYAML, one document per file. */
    YAML;

    /**
     * The format of a file: by extension ({@code .json}, {@code .yaml}, {@code .yml}); for any other
     * name, JSON when the first non-blank character opens an object or an array, YAML otherwise.
     */
    public static SourceFormat of(String fileName, String content) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return JSON;
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return YAML;
        }
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (!Character.isWhitespace(c) && c != '\uFEFF') {
                return c == '{' || c == '[' ? JSON : YAML;
            }
        }
        return YAML;
    }

    /** Whether a file name has one of the extensions Reflex reads as configuration. */
    public static boolean isConfigFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml");
    }
}
