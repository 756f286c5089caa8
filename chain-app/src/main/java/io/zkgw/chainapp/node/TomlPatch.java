package io.zkgw.chainapp.node;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Line-oriented edits of CometBFT's config.toml: sets {@code key = value} in a {@code [section]} (or at
 * the top level for section ""), replacing the existing assignment or adding one right after the header.
 * Enough for the flat tables CometBFT writes; not a TOML parser.
 */
public final class TomlPatch {
    private final List<String> lines;

    public TomlPatch(String text) {
        this.lines = new ArrayList<>(List.of(text.split("\n", -1)));
    }

    /** Sets a string value (quoted and escaped). */
    public TomlPatch setString(String section, String key, String value) {
        return setRaw(section, key, "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }

    public TomlPatch setInt(String section, String key, long value) {
        return setRaw(section, key, Long.toString(value));
    }

    public TomlPatch setBool(String section, String key, boolean value) {
        return setRaw(section, key, Boolean.toString(value));
    }

    /** Sets {@code key} to the literal TOML {@code value}. */
    public TomlPatch setRaw(String section, String key, String value) {
        Pattern assign = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*=.*$");
        int start = 0;
        if (!section.isEmpty()) {
            start = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).trim().equals("[" + section + "]")) {
                    start = i + 1;
                    break;
                }
            }
            if (start < 0) {
                lines.add("");
                lines.add("[" + section + "]");
                lines.add(key + " = " + value);
                return this;
            }
        }
        for (int i = start; i < lines.size(); i++) {
            String t = lines.get(i).trim();
            if (t.startsWith("[")) {
                break; // next table
            }
            if (assign.matcher(lines.get(i)).matches()) {
                lines.set(i, key + " = " + value);
                return this;
            }
        }
        lines.add(start, key + " = " + value);
        return this;
    }

    /** The value literal of {@code key} in {@code section}, or null. */
    public String get(String section, String key) {
        Pattern assign = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*=\\s*(.*?)\\s*$");
        boolean in = section.isEmpty();
        for (String line : lines) {
            String t = line.trim();
            if (t.startsWith("[")) {
                in = t.equals("[" + section + "]");
                continue;
            }
            var m = assign.matcher(line);
            if (in && m.matches()) {
                return m.group(1);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return String.join("\n", lines);
    }
}
