package dev.baton.core;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The limits on the text people give the board: how long a title, a spec and a list of labels may be, and which
 * characters they may hold. No control character anywhere (they would reach every terminal that prints a board:
 * BEL, ANSI and OSC escape sequences); a spec keeps tab and line breaks. Rules of the board, so that a replay
 * (fsck) and the server's validator apply them as the CLI does. Message bodies have theirs in {@link Message}.
 */
public final class TextLimits {

    /** The longest title, in characters (code points). */
    public static final int MAX_TITLE_CHARS = 200;

    /** The largest spec, in UTF-8 bytes (1 MiB). */
    public static final int MAX_SPEC_BYTES = 1024 * 1024;

    /** The most labels a task may carry. */
    public static final int MAX_LABELS = 32;

    private TextLimits() {
    }

    /** What is wrong with a title that is not blank, if anything: a line break, a control character, its length. */
    static Optional<Rejection> title(String title) {
        if (title.indexOf('\n') >= 0 || title.indexOf('\r') >= 0) {
            return Optional.of(Rejection.invalid("a task title is one line; put the rest in --spec"));
        }
        int control = firstControl(title, false);
        if (control >= 0) {
            return Optional.of(Rejection.invalid("a task title must not hold control characters (found "
                    + describe(title.codePointAt(control)) + " at character " + (control + 1) + ")"));
        }
        int chars = title.strip().codePointCount(0, title.strip().length());
        if (chars > MAX_TITLE_CHARS) {
            return Optional.of(Rejection.invalid("a task title is " + chars + " characters; the limit is "
                    + MAX_TITLE_CHARS + " (put the rest in --spec)"));
        }
        return Optional.empty();
    }

    /** What is wrong with a spec, if anything: a control character other than tab and line breaks, its size. */
    static Optional<Rejection> spec(String spec) {
        if (spec == null) {
            return Optional.empty();
        }
        int control = firstControl(spec, true);
        if (control >= 0) {
            return Optional.of(Rejection.invalid("a spec must not hold control characters other than tab and line "
                    + "breaks (found " + describe(spec.codePointAt(control)) + " at character " + (control + 1) + ")"));
        }
        int bytes = spec.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_SPEC_BYTES) {
            return Optional.of(Rejection.invalid("the spec is " + bytes + " bytes; the limit is 1 MiB ("
                    + MAX_SPEC_BYTES + " bytes)"));
        }
        return Optional.empty();
    }

    /**
     * What is wrong with a reason (reject, fail, cancel), if anything: a control character other than tab and line
     * breaks, or more than a message body may hold ({@link Message#MAX_BODY_BYTES}).
     */
    static Optional<Rejection> reason(String reason, String what) {
        if (reason == null) {
            return Optional.empty();
        }
        int control = firstControl(reason, true);
        if (control >= 0) {
            return Optional.of(Rejection.invalid(what + " must not hold control characters other than tab and line "
                    + "breaks (found " + describe(reason.codePointAt(control)) + " at character " + (control + 1)
                    + ")"));
        }
        int bytes = reason.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > Message.MAX_BODY_BYTES) {
            return Optional.of(Rejection.invalid(what + " is " + bytes + " bytes; the limit is 64 KiB ("
                    + Message.MAX_BODY_BYTES + " bytes)"));
        }
        return Optional.empty();
    }

    /** What is wrong with a task's labels, if anything: one that is not a label, or too many of them. */
    static Optional<Rejection> labels(List<String> labels) {
        if (labels == null) {
            return Optional.empty();
        }
        Optional<Rejection> bad = labels.stream().filter(l -> !Labels.isValid(l)).findFirst()
                .map(l -> Rejection.invalid("label '" + printable(l) + "' is not valid; use letters, digits, '.', '_', "
                        + "'-', '/'"));
        if (bad.isPresent()) {
            return bad;
        }
        long distinct = labels.stream().distinct().count();
        if (distinct > MAX_LABELS) {
            return Optional.of(Rejection.invalid(distinct + " labels; a task carries at most " + MAX_LABELS));
        }
        return Optional.empty();
    }

    /**
     * The index of the first control character (Unicode category Cc: U+0000 to U+001F and U+007F to U+009F), or -1;
     * with {@code multiLine}, tab, line feed and carriage return are allowed.
     */
    public static int firstControl(String text, boolean multiLine) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && !(multiLine && (c == '\t' || c == '\n' || c == '\r'))) {
                return i;
            }
        }
        return -1;
    }

    /** "U+001B" for a control character, as it can be named without printing it. */
    public static String describe(int codePoint) {
        return String.format("U+%04X", codePoint);
    }

    /** The text with each control character replaced by its U+ name, safe to quote in a message. */
    public static String printable(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                sb.append(describe(cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }
}
