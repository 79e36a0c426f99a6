package dev.baton.core;

/**
 * What one owner leaves for the next reader of a task: each part optional.
 *
 * @param summary   what was done, in a sentence or two
 * @param changed   what changed (files, APIs, behaviour)
 * @param remains   what is left to do
 * @param next      the next step to take
 * @param blockers  what stands in the way
 */
public record Handoff(String summary, String changed, String remains, String next, String blockers) {

    public static final Handoff NONE = new Handoff(null, null, null, null, null);

    public Handoff {
        summary = blankToNull(summary);
        changed = blankToNull(changed);
        remains = blankToNull(remains);
        next = blankToNull(next);
        blockers = blankToNull(blockers);
    }

    public static Handoff summary(String summary) {
        return new Handoff(summary, null, null, null, null);
    }

    /** This handoff, with {@code earlier}'s parts filling the ones this one leaves empty. */
    public Handoff merge(Handoff earlier) {
        if (earlier == null) {
            return this;
        }
        return new Handoff(summary != null ? summary : earlier.summary, changed != null ? changed : earlier.changed,
                remains != null ? remains : earlier.remains, next != null ? next : earlier.next,
                blockers != null ? blockers : earlier.blockers);
    }

    public boolean isEmpty() {
        return summary == null && changed == null && remains == null && next == null && blockers == null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
