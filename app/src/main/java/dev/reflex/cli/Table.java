package dev.reflex.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table in the style of {@code st2}'s listings: a ruled box, a header row, and cells
 * wrapped to a maximum width so long values stay readable on a terminal.
 */
public final class Table {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final int maxCell;

    public Table(String... headers) {
        this(60, headers);
    }

    public Table(int maxCell, String... headers) {
        this.headers = Arrays.asList(headers);
        this.maxCell = maxCell;
    }

    /** Adds a row; null cells print empty. */
    public Table row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            Object c = i < cells.length ? cells[i] : null;
            r.add(c == null ? "" : String.valueOf(c));
        }
        rows.add(r);
        return this;
    }

    /** Writes the table. */
    public void print(PrintWriter out) {
        int[] w = new int[headers.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = headers.get(i).length();
            for (List<String> r : rows) {
                for (String line : wrap(r.get(i))) {
                    w[i] = Math.max(w[i], line.length());
                }
            }
        }
        String rule = rule(w);
        out.println(rule);
        printRow(out, w, headers);
        out.println(rule);
        for (List<String> r : rows) {
            printRow(out, w, r);
        }
        out.println(rule);
        out.flush();
    }

    private void printRow(PrintWriter out, int[] w, List<String> cells) {
        List<List<String>> wrapped = new ArrayList<>();
        int height = 1;
        for (String c : cells) {
            List<String> lines = wrap(c);
            wrapped.add(lines);
            height = Math.max(height, lines.size());
        }
        for (int l = 0; l < height; l++) {
            StringBuilder b = new StringBuilder("|");
            for (int i = 0; i < w.length; i++) {
                String s = l < wrapped.get(i).size() ? wrapped.get(i).get(l) : "";
                b.append(' ').append(s).append(" ".repeat(w[i] - s.length())).append(" |");
            }
            out.println(b);
        }
    }

    private List<String> wrap(String s) {
        List<String> out = new ArrayList<>();
        for (String line : s.split("\n", -1)) {
            while (line.length() > maxCell) {
                int cut = line.lastIndexOf(' ', maxCell);
                if (cut <= 0) {
                    cut = maxCell;
                }
                out.add(line.substring(0, cut));
                line = line.substring(cut).stripLeading();
            }
            out.add(line);
        }
        return out;
    }

    private static String rule(int[] w) {
        StringBuilder b = new StringBuilder("+");
        for (int x : w) {
            b.append("-".repeat(x + 2)).append('+');
        }
        return b.toString();
    }
}
