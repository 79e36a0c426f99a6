package dev.baton.hooks;

import dev.baton.BatonException;
import dev.baton.app.Session;
import dev.baton.core.Role;
import dev.baton.core.Roles;
import dev.baton.core.Task;
import dev.baton.core.TaskState;
import dev.baton.worktree.Workspace;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The pre-commit check in a task worktree: the commit goes ahead only while the task is WORKING, owned by the
 * committing agent at the epoch this clone granted the worktree, the agent still holds the worker role (when there
 * is a roles file), and no staged path is reserved exclusively by another task. Each refusal says who holds the task
 * and what to do.
 */
final class PreCommit {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm'Z'").withZone(ZoneOffset.UTC);

    private PreCommit() {
    }

    static Passed check(Session c, String id, List<String> staged) {
        Task t;
        try {
            t = c.board().task(id);
            Timing.mark("task");
        } catch (BatonException e) {
            if (e.exitCode() != dev.baton.ExitCode.USAGE) {
                throw e;
            }
            throw new Refusal("commit refused: this is branch task/" + id + ", but " + id + " is not a task on the board",
                    "commit on a branch that is not named task/<id>, or " + HookMain.NO_VERIFY);
        }
        String actor = c.actor();
        Optional<Workspace> ws = c.board().workspace(id);
        if (ws.isEmpty()) {
            throw new Refusal("commit refused: this clone has no record of a worktree for " + id
                    + ", so the epoch held here is unknown", "run `baton start " + id + "` to take the task up here");
        }
        long held = ws.get().epoch();
        Timing.mark("record");
        if (held != t.epoch()) {
            throw new Refusal("commit refused: lease lost: this worktree was granted " + id + " at epoch " + held
                    + ", the task is at epoch " + t.epoch() + " (" + since(t) + ")", t.assignee() == null
                    ? "take it up again with `baton start " + id + "` (your commits are refused until then)"
                    : t.isOwnedBy(actor) ? "carry on with `baton start " + id + "`, which brings this worktree to epoch "
                    + t.epoch() : "the task is " + t.assignee() + "'s now: keep your changes (`git stash`) and "
                    + "leave it, or agree a handoff with them");
        }
        if (t.state() != TaskState.WORKING) {
            throw new Refusal("commit refused: " + describe(t) + "; commits on task/" + id
                    + " are taken only while it is WORKING", whatNow(t, actor));
        }
        if (!t.isOwnedBy(actor)) {
            throw new Refusal("commit refused: " + id + " is owned by " + t.assignee() + ", not by you (" + actor + ")",
                    "if you are " + t.assignee() + ", set BATON_AGENT=" + t.assignee()
                            + "; otherwise work on a task of your own (`baton claim --next`)");
        }
        Optional<Roles> roles = c.board().roles();
        Timing.mark("roles");
        if (roles.isPresent() && !roles.get().has(actor, Role.WORKER)) {
            throw new Refusal("commit refused: " + actor + " no longer holds the worker role, which work on "
                    + id + " needs", "an admin can grant it with `baton roles set " + actor + " worker`");
        }
        java.time.Instant now = c.now();
        boolean anyPathFree = c.board().reservations().stream().filter(o -> !o.id().equals(id))
                .flatMap(o -> o.reservations().stream()).noneMatch(r -> !r.shared() && r.activeAt(now));
        if (!anyPathFree && !staged.isEmpty()) {
            List<String> reserved = c.board().reservedElsewhere(id, staged);
            if (!reserved.isEmpty()) {
                throw new Refusal("commit refused: " + reserved.get(0) + (reserved.size() > 1 ? " (and "
                        + (reserved.size() - 1) + " more staged path" + (reserved.size() > 2 ? "s" : "")
                        + " reserved elsewhere)" : ""), "unstage it (`git restore --staged <path>`), or wait until "
                        + "that task releases it (`baton reservations` lists them)");
            }
        }
        Timing.mark("reservations");
        return new Passed(actor, held, anyPathFree);
    }

    /**
     * A check that passed: by whom, at which epoch, and whether any path would have passed too (no other task holds an
     * exclusive reservation), which makes the verdict depend on the board alone.
     */
    record Passed(String actor, long epoch, boolean anyPathFree) {
    }

    /** "T-4k2p is WORKING, owned by bob since 12:01Z" or "T-4k2p is QUEUED". */
    static String describe(Task t) {
        StringBuilder sb = new StringBuilder(t.id()).append(" is ").append(t.state());
        if (t.assignee() != null && !t.state().isTerminal()) {
            sb.append(", owned by ").append(t.assignee()).append(" since ").append(clock(t.updatedAt()));
        }
        return sb.toString();
    }

    private static String since(Task t) {
        return t.assignee() != null
                ? "reclaimed by " + t.assignee() + " at " + clock(t.grantedAt()) + ", now " + t.state()
                : t.state() + " since " + clock(t.updatedAt());
    }

    private static String whatNow(Task t, String actor) {
        String id = t.id();
        return switch (t.state()) {
            case QUEUED -> "take it up with `baton start " + id + "`";
            case ASSIGNED -> t.isOwnedBy(actor) ? "start it: `baton start " + id + "`"
                    : "it is assigned to " + t.assignee() + "; work on a task of your own";
            case IN_REVIEW -> "it is waiting for review; a reviewer's `baton reject` sends it back to WORKING";
            case APPROVED -> "it is approved and waits for `baton merge`; put further work in a new task (`baton spawn`)";
            case FAILED -> "it failed; `baton retry " + id + "` queues it again";
            default -> "it is finished; put further work in a new task (`baton spawn`)";
        };
    }

    private static String clock(Instant t) {
        return t == null ? "?" : HH_MM.format(t);
    }
}
