package io.tally.wallet.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Left-aligned columns for human output. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    Table(String... header) {
        this.columns = header.length;
        rows.add(header);
    }

    Table row(Object... cells) {
        String[] r = new String[columns];
        for (int i = 0; i < columns; i++) {
            r[i] = i < cells.length && cells[i] != null ? cells[i].toString() : "";
        }
        rows.add(r);
        return this;
    }

    void print(PrintWriter out) {
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                sb.append(r[i]);
                if (i < columns - 1) {
                    sb.append(" ".repeat(width[i] - r[i].length() + 2));
                }
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    /** Two columns, key and value, without a header line. */
    static void keyValues(PrintWriter out, Object... kv) {
        int w = 0;
        for (int i = 0; i < kv.length; i += 2) {
            w = Math.max(w, kv[i].toString().length());
        }
        for (int i = 0; i < kv.length; i += 2) {
            String k = kv[i].toString();
            out.println(k + ":" + " ".repeat(w - k.length() + 1) + kv[i + 1]);
        }
    }
}
