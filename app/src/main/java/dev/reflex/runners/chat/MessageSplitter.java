package dev.reflex.runners.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a message that is longer than one post allows into parts that are sent in order. Nothing
 * is dropped: every character of the message is in exactly one part, in order; only markers, the
 * line ends where parts meet, and fences (below) are added.
 *
 * <ul>
 *   <li>A message that fits is one part, unchanged.</li>
 *   <li>Otherwise each part starts with a marker line {@code (i/n)} and holds whole lines; a single
 *       line longer than a part is cut into pieces (never inside a surrogate pair).</li>
 *   <li>A part that ends inside a Markdown code fence ({@code ```}) closes it, and the next part
 *       opens it again, so that each post renders on its own.</li>
 *   <li>Every part, marker and fences included, has at most {@code limit} characters.</li>
 * </ul>
 */
public final class MessageSplitter {

    private static final String FENCE = "```";
    /** Room for a closing fence at the end of a part and an opening one at its start. */
    private static final int FENCE_ROOM = 2 * (FENCE.length() + 1);

    private MessageSplitter() {
    }

    /**
     * The parts of {@code text}, each of at most {@code limit} characters.
     *
     * @throws IllegalArgumentException when {@code limit} is too small to hold a marker and some text
     */
    public static List<String> split(String text, int limit) {
        if (text.length() <= limit) {
            return List.of(text);
        }
        int digits = 1;
        while (true) {
            int markerRoom = 2 * digits + 4; // "(" + i + "/" + n + ")\n"
            int budget = limit - markerRoom - FENCE_ROOM;
            if (budget < 16) {
                throw new IllegalArgumentException("a post limit of " + limit + " characters is too small to split a message");
            }
            List<String> bodies = chunks(text, budget);
            int needed = String.valueOf(bodies.size()).length();
            if (needed <= digits) {
                List<String> parts = new ArrayList<>(bodies.size());
                for (int i = 0; i < bodies.size(); i++) {
                    parts.add("(" + (i + 1) + "/" + bodies.size() + ")\n" + bodies.get(i));
                }
                return List.copyOf(parts);
            }
            digits = needed;
        }
    }

    /** The text cut into bodies of at most {@code budget} characters plus fences, at line ends where possible. */
    private static List<String> chunks(String text, int budget) {
        List<String> bodies = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inFence = false;      // inside a fence at the end of what is in current
        boolean openedInFence = false; // current started inside a fence
        for (String line : lines(text)) {
            String rest = line;
            while (!rest.isEmpty()) {
                int room = budget - current.length();
                if (rest.length() <= room) {
                    current.append(rest);
                    if (isFenceLine(rest)) {
                        inFence = !inFence;
                    }
                    rest = "";
                } else if (current.isEmpty()) {
                    int cut = safeCut(rest, budget);
                    current.append(rest, 0, cut);
                    rest = rest.substring(cut);
                    bodies.add(wrap(current.toString(), openedInFence, inFence));
                    current.setLength(0);
                    openedInFence = inFence;
                } else {
                    bodies.add(wrap(current.toString(), openedInFence, inFence));
                    current.setLength(0);
                    openedInFence = inFence;
                }
            }
        }
        if (!current.isEmpty() || bodies.isEmpty()) {
            bodies.add(wrap(current.toString(), openedInFence, inFence));
        }
        return bodies;
    }

    private static String wrap(String body, boolean opensInFence, boolean endsInFence) {
        String text = body.endsWith("\n") ? body.substring(0, body.length() - 1) : body;
        if (opensInFence) {
            text = FENCE + "\n" + text;
        }
        if (endsInFence) {
            text = text + "\n" + FENCE;
        }
        return text;
    }

    /** The lines of the text, each with its line end. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private static boolean isFenceLine(String line) {
        return line.strip().startsWith(FENCE);
    }

    private static int safeCut(String s, int at) {
        int cut = Math.min(at, s.length());
        if (cut < s.length() && cut > 0 && Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--;
        }
        return cut;
    }
}
