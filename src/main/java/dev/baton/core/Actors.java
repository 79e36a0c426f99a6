package dev.baton.core;

import java.util.regex.Pattern;

/** Agent names: what may stand as an actor, an assignee, or a commit author on the board. */
public final class Actors {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,99}");

    private Actors() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }
}
