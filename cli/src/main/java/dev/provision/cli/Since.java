package dev.provision.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The value of {@code logs --since}: a duration back from now ({@code 90s}, {@code 10m}, {@code
 * 1h30m}, {@code 2d}) or a moment ({@code 2026-11-29T08:00:00Z}, with an offset, or a UTC date
 * {@code 2026-11-29}). Docker keeps log times to the second, so the moment is cut to whole seconds.
 */
final class Since implements ITypeConverter<Instant> {
  private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");
  private static final Pattern DURATION = Pattern.compile("(\\d+[dhms])+");

  @Override
  public Instant convert(String value) {
    return parse(value, Instant.now());
  }

  /** {@code value} read relative to {@code now}. */
  static Instant parse(String value, Instant now) {
    String text = value.trim();
    if (DURATION.matcher(text).matches()) {
      Duration back = Duration.ZERO;
      Matcher m = PART.matcher(text);
      while (m.find()) {
        long n = Long.parseLong(m.group(1));
        back =
            back.plus(
                switch (m.group(2)) {
                  case "d" -> Duration.ofDays(n);
                  case "h" -> Duration.ofHours(n);
                  case "m" -> Duration.ofMinutes(n);
                  default -> Duration.ofSeconds(n);
                });
      }
      return now.minus(back);
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notWithOffset) {
      try {
        return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException notADate) {
        throw new TypeConversionException(
            "'"
                + value
                + "' is neither a duration (90s, 10m, 1h30m, 2d) nor a timestamp"
                + " (2026-11-29T08:00:00Z, 2026-11-29)");
      }
    }
  }
}
