package dev.baton.core;

import java.util.Set;

/**
 * Where a message goes: an agent's inbox ({@code @agent}), a named channel ({@code #name}) or a task's thread (its
 * id). Each is one append-only channel; {@link #path()} is its name under {@code refs/baton/channels/}.
 *
 * <p>Channel names are one ref component (no {@code /}), so they never collide with the {@code inbox/} and
 * {@code task/} folders; {@code inbox} and {@code task} themselves are reserved. Whether git accepts the resulting ref
 * name is checked where refs are made.
 */
public record Address(Kind kind, String name) {

    public enum Kind { AGENT, CHANNEL, TASK }

    private static final Set<String> RESERVED = Set.of("inbox", "task");
    private static final int MAX_CHANNEL = 100;

    public Address {
        if (kind == null || name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an address needs a kind and a name");
        }
    }

    public static Address agent(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("'@' needs an agent name after it, like @agent-a");
        }
        if (!Actors.isValid(name)) {
            throw new IllegalArgumentException("'@" + name + "' is not an agent: names use letters, digits and . _ @ + -");
        }
        return new Address(Kind.AGENT, name);
    }

    public static Address channel(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("'#' needs a channel name after it, like #general");
        }
        if (name.length() > MAX_CHANNEL || name.contains("/") || RESERVED.contains(name)
                || name.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("'#" + name + "' is not a channel name: use up to " + MAX_CHANNEL
                    + " characters without spaces or '/' (and not 'inbox' or 'task')");
        }
        return new Address(Kind.CHANNEL, name);
    }

    public static Address task(String id) {
        if (!TaskIds.isValid(id)) {
            throw new IllegalArgumentException("'" + id + "' is not a task id");
        }
        return new Address(Kind.TASK, id);
    }

    /**
     * What a user typed: {@code @agent}, {@code #channel}, or a task id. A task id may be a prefix here; the result
     * then has {@link #isTaskPrefix()} and must be resolved against the board.
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong
     */
    public static Address parse(String typed) {
        String s = typed == null ? "" : typed.strip();
        if (s.startsWith("@")) {
            return agent(s.substring(1));
        }
        if (s.startsWith("#")) {
            return channel(s.substring(1));
        }
        String prefix = s.isEmpty() ? "" : TaskIds.normalizePrefix(s);
        String rest = prefix.length() > TaskIds.PREFIX.length() ? prefix.substring(TaskIds.PREFIX.length()) : "";
        if (rest.isEmpty() || rest.length() > TaskIds.LENGTH || !rest.chars().allMatch(c -> TaskIds.ALPHABET.indexOf(c) >= 0)) {
            throw new IllegalArgumentException("'" + s + "' is not a recipient: write @agent, #channel or a task id");
        }
        return new Address(Kind.TASK, prefix);
    }

    /** A task address whose id is not yet a whole id. */
    public boolean isTaskPrefix() {
        return kind == Kind.TASK && !TaskIds.isValid(name);
    }

    /** The channel's name under {@code refs/baton/channels/}: {@code inbox/<agent>}, {@code <name>} or {@code task/<id>}. */
    public String path() {
        return switch (kind) {
            case AGENT -> "inbox/" + name;
            case CHANNEL -> name;
            case TASK -> "task/" + name;
        };
    }

    /** The address of a channel path, the inverse of {@link #path()}. */
    public static Address fromPath(String path) {
        if (path.startsWith("inbox/")) {
            return agent(path.substring("inbox/".length()));
        }
        if (path.startsWith("task/")) {
            return task(path.substring("task/".length()));
        }
        return channel(path);
    }

    /** As typed: {@code @agent}, {@code #name} or the task id. */
    @Override
    public String toString() {
        return switch (kind) {
            case AGENT -> "@" + name;
            case CHANNEL -> "#" + name;
            case TASK -> name;
        };
    }
}
