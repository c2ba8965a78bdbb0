package dev.mopo.bench.report;

import java.util.List;
import java.util.Locale;

/** Plain-text and CSV tables for reports and the console. */
public final class Tables {

    private Tables() {}

    /** A CSV document: a header row and data rows, cells quoted where they need it. */
    public static String csv(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        appendCsvRow(out, header);
        for (List<String> row : rows) {
            appendCsvRow(out, row);
        }
        return out.toString();
    }

    /** A fixed-width text table for the console. */
    public static String text(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendTextRow(out, header, widths);
        for (int c = 0; c < widths.length; c++) {
            out.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
        }
        out.append('\n');
        for (List<String> row : rows) {
            appendTextRow(out, row, widths);
        }
        return out.toString();
    }

    /** A number with four significant decimals, or "n/a" for NaN. */
    public static String number(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
    }

    /** A byte count in binary units: {@code 512 B}, {@code 1.50 KiB}, … {@code 2.43 GiB}. */
    public static String bytes(long count) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = count;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? count + " B" : String.format(Locale.ROOT, "%.2f %s", value, units[unit]);
    }

    private static void appendCsvRow(StringBuilder out, List<String> cells) {
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            if (cell.contains(",") || cell.contains("\"") || cell.contains("\n")) {
                cell = '"' + cell.replace("\"", "\"\"") + '"';
            }
            out.append(c == 0 ? "" : ",").append(cell);
        }
        out.append('\n');
    }

    private static void appendTextRow(StringBuilder out, List<String> cells, int[] widths) {
        for (int c = 0; c < cells.size(); c++) {
            out.append(c == 0 ? "" : "  ").append(String.format("%-" + widths[c] + "s", cells.get(c)));
        }
        out.append('\n');
    }
}
