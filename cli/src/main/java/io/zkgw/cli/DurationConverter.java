package io.zkgw.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations on the command line: {@code 500ms}, {@code 90s}, {@code 10m}, {@code 2h}, {@code 0}, or ISO-8601 ({@code PT1M}). */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String s) {
        String t = s.trim();
        try {
            if (t.equals("0")) {
                return Duration.ZERO;
            }
            if (t.startsWith("P") || t.startsWith("p")) {
                return Duration.parse(t);
            }
            int i = 0;
            while (i < t.length() && Character.isDigit(t.charAt(i))) {
                i++;
            }
            if (i == 0 || i == t.length()) {
                throw new TypeConversionException("'" + s + "' is not a duration (e.g. 90s, 10m, 1h)");
            }
            long n = Long.parseLong(t.substring(0, i));
            return switch (t.substring(i)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> throw new TypeConversionException("'" + s + "' is not a duration (units: ms, s, m, h)");
            };
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new TypeConversionException("'" + s + "' is not a duration (e.g. 90s, 10m, 1h)");
        }
    }
}
