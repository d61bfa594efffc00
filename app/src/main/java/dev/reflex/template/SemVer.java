package dev.reflex.template;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version (semver 2.0.0), as the StackStorm {@code version_*} filters read it.
 *
 * @param major      major number
 * @param minor      minor number
 * @param patch      patch number
 * @param prerelease pre-release identifiers, or null
 * @param build      build metadata, or null
 */
public record SemVer(long major, long minor, long patch, String prerelease, String build) implements Comparable<SemVer> {

    private static final Pattern SYNTAX = Pattern.compile(
            "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
                    + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
                    + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

    /**
     * Parses {@code 1.2.3}, {@code 1.2.3-rc.1+build.5}.
     *
     * @throws IllegalArgumentException when the text is not a semantic version
     */
    public static SemVer parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException(text + " is not valid SemVer string");
        }
        return new SemVer(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                m.group(4), m.group(5));
    }

    /** Semver precedence: numbers, then a release above its pre-releases, then pre-release identifiers; build ignored. */
    @Override
    public int compareTo(SemVer o) {
        int c = Long.compare(major, o.major);
        if (c == 0) {
            c = Long.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Long.compare(patch, o.patch);
        }
        if (c != 0) {
            return Integer.signum(c);
        }
        if (prerelease == null || o.prerelease == null) {
            return prerelease == null ? (o.prerelease == null ? 0 : 1) : -1;
        }
        String[] a = prerelease.split("\\.");
        String[] b = o.prerelease.split("\\.");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            boolean an = a[i].chars().allMatch(Character::isDigit);
            boolean bn = b[i].chars().allMatch(Character::isDigit);
            int d = an && bn ? new java.math.BigInteger(a[i]).compareTo(new java.math.BigInteger(b[i]))
                    : an ? -1 : bn ? 1 : a[i].compareTo(b[i]);
            if (d != 0) {
                return Integer.signum(d);
            }
        }
        return Integer.compare(a.length, b.length);
    }

    /**
     * Whether this version satisfies an expression such as {@code >=1.2.0}, {@code <2.0.0},
     * {@code ==1.0.0}, {@code !=1.0.0} (no operator means {@code ==}).
     */
    public boolean matches(String expression) {
        String e = expression.strip();
        String op = "==";
        for (String candidate : List.of(">=", "<=", "==", "!=", ">", "<")) {
            if (e.startsWith(candidate)) {
                op = candidate;
                e = e.substring(candidate.length()).strip();
                break;
            }
        }
        int c = compareTo(parse(e));
        return switch (op) {
            case ">=" -> c >= 0;
            case "<=" -> c <= 0;
            case "!=" -> c != 0;
            case ">" -> c > 0;
            case "<" -> c < 0;
            default -> c == 0;
        };
    }

    /** The next major version ({@code 2.0.0} after {@code 1.4.2-rc.1}). */
    public SemVer bumpMajor() {
        return new SemVer(major + 1, 0, 0, null, null);
    }

    /** The next minor version. */
    public SemVer bumpMinor() {
        return new SemVer(major, minor + 1, 0, null, null);
    }

    /** The next patch version. */
    public SemVer bumpPatch() {
        return new SemVer(major, minor, patch + 1, null, null);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder().append(major).append('.').append(minor).append('.').append(patch);
        if (prerelease != null) {
            b.append('-').append(prerelease);
        }
        if (build != null) {
            b.append('+').append(build);
        }
        return b.toString();
    }
}
