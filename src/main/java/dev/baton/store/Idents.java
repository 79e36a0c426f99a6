package dev.baton.store;

import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.lib.PersonIdent;

/** The author of a board commit is the actor: "agent-a &lt;agent-a@baton&gt;", or the actor's own e-mail address. */
final class Idents {

    private Idents() {
    }

    static PersonIdent of(String actor, Instant when) {
        String email = actor.contains("@") ? actor : actor + "@baton";
        return new PersonIdent(actor, email, when, ZoneOffset.UTC);
    }
}
