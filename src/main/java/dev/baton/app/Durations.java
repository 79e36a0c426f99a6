package dev.baton.app;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type them: "90s", "15m", "2h", "1h30m", "7d". A duration is positive and at most
 * {@link #MAX} (365 days): a longer one is a typing mistake, and past it the arithmetic of instants overflows.
 */
public final class Durations {

    /** The longest duration baton takes. */
    public static final Duration MAX = Duration.ofDays(365);

    private static final Pattern PART = Pattern.compile("(\\d+)([smhd])");

    /** More digits than this in one part is past {@link #MAX} whatever the unit (31,536,000 seconds has 8). */
    private static final int MAX_DIGITS = 9;

    private Durations() {
    }

    /** Parses {@code text}; throws IllegalArgumentException, with a message to show as is, for anything else. */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.startsWith("-")) {
            throw new IllegalArgumentException("'" + text + "': a duration must be positive");
        }
        Matcher m = PART.matcher(s);
        Duration total = Duration.ZERO;
        int end = 0;
        boolean tooLong = false;
        while (m.find() && m.start() == end) {
            String digits = m.group(1).replaceFirst("^0+(?=.)", "");
            if (digits.length() > MAX_DIGITS) {
                tooLong = true;
            } else {
                long n = Long.parseLong(digits);
                total = total.plus(switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
            }
            end = m.end();
        }
        if (s.isEmpty() || end != s.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write it like 90s, 15m, 2h or 1h30m");
        }
        if (tooLong || total.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("'" + text + "' is longer than the limit of 365 days");
        }
        if (total.isZero()) {
            throw new IllegalArgumentException("'" + text + "': a duration must be positive");
        }
        return total;
    }

    /** Short form for output: "15m", "1h30m", "45s". */
    public static String format(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        long h = s / 3600;
        long m = (s % 3600) / 60;
        if (h == 0) {
            return m + "m";
        }
        return m == 0 ? h + "h" : h + "h" + m + "m";
    }
}
