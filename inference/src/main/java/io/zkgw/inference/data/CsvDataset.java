package io.zkgw.inference.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A numeric CSV with a header row: feature columns in model-input order and, optionally, a label
 * column (by default the one named {@code label}). Cell values never appear in error messages —
 * they may be patient data — only file, row and column.
 */
public record CsvDataset(List<String> featureNames, double[][] features, double[] labels) {

    public static final String DEFAULT_LABEL = "label";

    public boolean hasLabels() {
        return labels != null;
    }

    public int rows() {
        return features.length;
    }

    public int width() {
        return featureNames.size();
    }

    public static CsvDataset read(Path file) {
        return read(file, DEFAULT_LABEL);
    }

    /** @param labelColumn name of the label column; when absent from the header the set is unlabelled */
    public static CsvDataset read(Path file, String labelColumn) {
        List<String> lines;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            lines = r.lines().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DatasetException("cannot read CSV " + file + ": " + e.getMessage());
        }
        return parse(file.toString(), lines, labelColumn);
    }

    public static CsvDataset parse(String source, List<String> lines, String labelColumn) {
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first == lines.size()) {
            throw new DatasetException(source + ": empty CSV (no header row)");
        }
        String[] header = split(lines.get(first));
        int labelIdx = -1;
        List<String> names = new ArrayList<>();
        for (int c = 0; c < header.length; c++) {
            String h = header[c].trim();
            if (h.isEmpty()) {
                throw new DatasetException(source + ": header column " + (c + 1) + " has no name");
            }
            if (h.equals(labelColumn)) {
                labelIdx = c;
            } else {
                names.add(h);
            }
        }
        List<double[]> rows = new ArrayList<>();
        List<Double> labels = new ArrayList<>();
        for (int li = first + 1; li < lines.size(); li++) {
            String line = lines.get(li);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = split(line);
            if (cells.length != header.length) {
                throw new DatasetException(source + ": row " + (li + 1) + " has " + cells.length
                        + " columns; the header has " + header.length);
            }
            double[] x = new double[names.size()];
            int j = 0;
            for (int c = 0; c < cells.length; c++) {
                double v = number(source, li + 1, header[c].trim(), cells[c]);
                if (c == labelIdx) {
                    labels.add(v);
                } else {
                    x[j++] = v;
                }
            }
            rows.add(x);
        }
        if (rows.isEmpty()) {
            throw new DatasetException(source + ": no data rows after the header");
        }
        double[] lab = null;
        if (labelIdx >= 0) {
            lab = new double[labels.size()];
            for (int i = 0; i < lab.length; i++) {
                lab[i] = labels.get(i);
            }
        }
        return new CsvDataset(List.copyOf(names), rows.toArray(new double[0][]), lab);
    }

    /** Checks that every row has exactly the model's input width. */
    public void requireWidth(int expected, String what) {
        if (width() != expected) {
            throw new DatasetException(what + " has " + width() + " feature columns (" + (hasLabels()
                    ? "label column excluded" : "no label column found") + "); the model input has " + expected);
        }
    }

    private static String[] split(String line) {
        return line.split(",", -1);
    }

    private static double number(String source, int row, String column, String cell) {
        String s = cell.trim();
        if (s.isEmpty()) {
            throw new DatasetException(source + ": row " + row + ", column '" + column + "' is empty");
        }
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new DatasetException(source + ": row " + row + ", column '" + column + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new DatasetException(source + ": row " + row + ", column '" + column + "' is not finite (NaN/Inf)");
        }
        return v;
    }
}
