package dev.baton.core;

import java.util.Optional;

/**
 * Branch names as {@code git check-ref-format --branch} accepts them: {@code refs/heads/<name>} is a valid ref name
 * (no component starting with '.' or ending in ".lock", no "..", no "@{", no control character, space, '~', '^', ':',
 * '?', '*', '[' or '\', no empty component, not ending in '/' or '.', not "@"), and the name neither starts with '-'
 * nor is "HEAD". A task's base must be one, so that no text given as a base can reach git as an option or a path.
 */
public final class BranchNames {

    private BranchNames() {
    }

    public static boolean isValid(String name) {
        return problem(name).isEmpty();
    }

    /** The message for a name that is not valid: "'x:y' is not a valid branch name: it holds ':'". */
    public static String why(String name) {
        return "'" + TextLimits.printable(String.valueOf(name)) + "' is not a valid branch name: "
                + problem(name).orElse("it is valid");
    }

    /** What makes {@code name} unusable as a branch name, if anything. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("it is empty");
        }
        if (name.startsWith("-")) {
            return Optional.of("it starts with '-'");
        }
        if (name.equals("HEAD") || name.equals("@")) {
            return Optional.of("'" + name + "' is reserved");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Optional.of("it holds the control character " + TextLimits.describe(c));
            }
            if (" ~^:?*[\\".indexOf(c) >= 0) {
                return Optional.of("it holds '" + c + "'");
            }
        }
        if (name.contains("..")) {
            return Optional.of("it holds '..'");
        }
        if (name.contains("@{")) {
            return Optional.of("it holds '@{'");
        }
        if (name.startsWith("/") || name.endsWith("/") || name.contains("//")) {
            return Optional.of("it has an empty part between slashes");
        }
        if (name.endsWith(".")) {
            return Optional.of("it ends with '.'");
        }
        for (String part : name.split("/")) {
            if (part.startsWith(".")) {
                return Optional.of("a part starts with '.'");
            }
            if (part.endsWith(".lock")) {
                return Optional.of("a part ends with '.lock'");
            }
        }
        return Optional.empty();
    }
}
