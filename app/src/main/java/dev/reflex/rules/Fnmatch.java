package dev.reflex.rules;

import java.util.regex.Pattern;

/** Python's {@code fnmatch.fnmatch} on POSIX: shell wildcards over the whole string, case-sensitive. */
final class Fnmatch {

    private Fnmatch() {
    }

    /** The regular expression for a wildcard pattern: {@code *}, {@code ?}, {@code [seq]}, {@code [!seq]}. */
    static Pattern compile(String pattern) {
        StringBuilder re = new StringBuilder();
        int n = pattern.length();
        int i = 0;
        while (i < n) {
            char c = pattern.charAt(i++);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < n && pattern.charAt(j) == '!') {
                    j++;
                }
                if (j < n && pattern.charAt(j) == ']') {
                    j++;
                }
                while (j < n && pattern.charAt(j) != ']') {
                    j++;
                }
                if (j >= n) {
                    re.append("\\[");
                } else {
                    String set = pattern.substring(i, j).replace("\\", "\\\\");
                    i = j + 1;
                    re.append('[');
                    if (set.startsWith("!")) {
                        re.append('^');
                        set = set.substring(1);
                    } else if (set.startsWith("^")) {
                        re.append('\\');
                    }
                    re.append(set.replace("[", "\\[").replace("&&", "&\\&")).append(']');
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
