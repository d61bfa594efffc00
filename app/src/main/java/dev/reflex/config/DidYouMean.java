package dev.reflex.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the known name closest to a misspelt one, for "did you mean …?" hints.
 *
 * <p>Names are compared without case and with {@code -} and {@code _} treated alike, using the edit
 * distance with transpositions; a name is suggested when it is within one edit of a short word or two
 * edits of a longer one; failing that, the one candidate that starts with the input (of three
 * characters or more) is suggested, so that {@code pool} suggests {@code pool_size}.
 */
public final class DidYouMean {

    private DidYouMean() {
    }

    /** The closest candidate within reach, if any. */
    public static Optional<String> closest(String input, Collection<String> candidates) {
        String in = normalise(input);
        int limit = in.length() <= 4 ? 1 : 2;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(in, normalise(candidate));
            if (d <= limit && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        if (best == null && in.length() >= 3) {
            for (String candidate : candidates) {
                if (normalise(candidate).startsWith(in)) {
                    if (best != null) {
                        return Optional.empty();
                    }
                    best = candidate;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code " (did you mean 'x'?)"} when a candidate is close, otherwise the empty string. */
    public static String hint(String input, Collection<String> candidates) {
        return closest(input, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
    }

    private static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replace('-', '_');
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
