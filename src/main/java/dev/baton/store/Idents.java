package dev.baton.store;

import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Who a commit baton makes or asks git to make is by: the actor, "agent-a &lt;agent-a@baton&gt;", or the actor's own
 * e-mail address when the actor is one. Board commits and messages ({@link Commits}), the commits of a task's branch
 * and the merges that land them all name their actor this way.
 */
public final class Idents {

    private Idents() {
    }

    /** The e-mail address of {@code actor}: itself when it is one, else {@code <actor>@baton}. */
    public static String email(String actor) {
        return actor.contains("@") ? actor : actor + "@baton";
    }

    public static PersonIdent of(String actor, Instant when) {
        return new PersonIdent(actor, email(actor), when, ZoneOffset.UTC);
    }
}
