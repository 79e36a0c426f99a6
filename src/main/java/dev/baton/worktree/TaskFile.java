package dev.baton.worktree;

import dev.baton.core.Handoff;
import dev.baton.core.Task;

/** The TASK.md written into a task's worktree: what to do, and what the previous owner or reviewer left. */
public final class TaskFile {

    public static final String NAME = "TASK.md";

    /** Where an agent run by {@code baton run} may leave its handoff (Markdown, sections as in {@link #handoff}). */
    public static final String HANDOFF = ".baton-handoff.md";

    private TaskFile() {
    }

    public static String render(Task t) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(t.id()).append(": ").append(t.title()).append("\n\n");
        sb.append("- state: ").append(t.state()).append('\n');
        sb.append("- owner: ").append(t.assignee() == null ? "-" : t.assignee())
                .append(" (epoch ").append(t.epoch()).append(")\n");
        sb.append("- attempt: ").append(t.attempt()).append('\n');
        sb.append("- priority: ").append(t.priority()).append('\n');
        if (t.base() != null) {
            sb.append("- base: ").append(t.base()).append('\n');
        }
        if (!t.labels().isEmpty()) {
            sb.append("- labels: ").append(String.join(", ", t.labels())).append('\n');
        }
        sb.append("\n## Spec\n\n").append(t.spec() == null ? "(none)" : t.spec().strip()).append('\n');
        if (t.reason() != null) {
            sb.append("\n## Last reason given\n\n").append(t.reason()).append('\n');
        }
        if (t.handoff() != null) {
            sb.append("\n## Handoff\n\n").append(handoff(t.handoff()));
        }
        sb.append("\n---\nWritten by baton; git ignores this file. When done: `baton done --summary \"...\"`.\n");
        return sb.toString();
    }

    /**
     * Reads the handoff an agent wrote: sections headed Summary, What changed, What remains, Next step, Blockers (any
     * heading level, any case); text with no such heading is the summary.
     */
    public static Handoff parseHandoff(String markdown) {
        java.util.Map<String, StringBuilder> parts = new java.util.LinkedHashMap<>();
        String current = "summary";
        for (String line : markdown.split("\n", -1)) {
            String h = line.strip().replaceFirst("^#+\\s*", "").replaceFirst(":$", "").toLowerCase(java.util.Locale.ROOT);
            String key = line.strip().startsWith("#") ? switch (h) {
                case "summary" -> "summary";
                case "what changed", "changed", "changes" -> "changed";
                case "what remains", "remains", "remaining" -> "remains";
                case "next step", "next steps", "next" -> "next";
                case "blockers", "blocked by" -> "blockers";
                default -> null;
            } : null;
            if (key != null) {
                current = key;
            } else {
                parts.computeIfAbsent(current, k -> new StringBuilder()).append(line).append('\n');
            }
        }
        java.util.function.Function<String, String> get = k -> parts.containsKey(k) ? parts.get(k).toString().strip() : null;
        return new Handoff(get.apply("summary"), get.apply("changed"), get.apply("remains"), get.apply("next"),
                get.apply("blockers"));
    }

    /** A handoff as Markdown lines, one per part that is present. */
    public static String handoff(Handoff h) {
        StringBuilder sb = new StringBuilder();
        line(sb, "Summary", h.summary());
        line(sb, "What changed", h.changed());
        line(sb, "What remains", h.remains());
        line(sb, "Next step", h.next());
        line(sb, "Blockers", h.blockers());
        return sb.toString();
    }

    private static void line(StringBuilder sb, String label, String value) {
        if (value != null) {
            sb.append("- **").append(label).append(":** ").append(value.strip()).append('\n');
        }
    }
}
