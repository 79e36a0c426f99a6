package dev.baton.worktree;

import dev.baton.BatonException;
import dev.baton.ExitCode;
import dev.baton.git.Git;
import dev.baton.store.Backoff;
import dev.baton.store.CasRetry;
import dev.baton.store.LockRecovery;
import dev.baton.store.Trailers;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Lands a task branch on its base: rebases the branch's commits onto the base in a scratch worktree, then
 * fast-forwards the base. The fast-forward is a compare-and-swap on the base ref: it succeeds only while the base is
 * still the commit the rebase started from; if another merge moved it first, the rebase is done again
 * ({@link CasRetry}). A conflict leaves the branch and the base as they were and names the files. Before the base
 * moves, the caller sees the rebased commits with their Baton-Task and Baton-Epoch trailers ({@link TrailerCheck}) and
 * may still refuse.
 */
public final class Merger {

    /** The start of a scratch worktree's name, in the worktree root; one left there is a killed merge's. */
    static final String SCRATCH_PREFIX = ".merge-";

    private final Worktrees worktrees;
    private final Map<String, String> identity;
    private final Git main;
    private final CasRetry retry;

    public Merger(Worktrees worktrees, String actor) {
        this.worktrees = worktrees;
        this.identity = worktrees.identityEnv(actor);
        this.main = new Git(worktrees.mainWorktree()).withEnv(identity);
        this.retry = new CasRetry(Backoff.configured(), LockRecovery.of(worktrees.commonDirectory()));
    }

    /**
     * Brings the local {@code base} up to {@code remoteTip} (remote mode, before landing): fast-forwards it, in its
     * worktree when it is checked out. A local base with commits of its own is left ahead (they go out with the merge);
     * one that has diverged is an error.
     */
    public void catchUp(String base, String remoteTip) {
        String local = tip(base);
        if (local.equals(remoteTip)
                || main.run("merge-base", "--is-ancestor", "--end-of-options", remoteTip, local).ok()) {
            return;
        }
        if (!main.run("merge-base", "--is-ancestor", "--end-of-options", local, remoteTip).ok()) {
            throw BatonException.environment("local " + base + " and the remote's have diverged; reconcile them "
                    + "(git pull --rebase) before merging");
        }
        if (!fastForward(base, local, remoteTip)) {
            throw BatonException.environment(base + " moved while catching up with the remote; try again");
        }
    }

    /** The commit the local {@code base} points at. */
    public String tip(String base) {
        return main.check("rev-parse", "--verify", "--end-of-options", "refs/heads/" + base + "^{commit}").strip();
    }

    /**
     * Takes a landing back off the local {@code base} (remote mode, when the remote's base moved before the landing was
     * pushed): moves it from {@code landed} back to {@code before}, in its worktree when it is checked out there. The
     * task branch keeps its rebased commits, so the next landing rebases them again. Returns false, changing nothing,
     * when the base is no longer at {@code landed}.
     */
    public boolean unland(String base, String landed, String before) {
        File checkout = checkoutOf(base);
        if (checkout == null) {
            return main.run("update-ref", "--end-of-options", "refs/heads/" + base, before, landed).ok();
        }
        Git wt = new Git(checkout).withEnv(identity);
        if (!wt.check("rev-parse", "HEAD").strip().equals(landed)) {
            return false;
        }
        return wt.run("reset", "--quiet", "--keep", before, "--").ok();
    }

    /**
     * What a landing did: the commit the base points at once the task's work is on it, and the task's commits as they
     * landed (merge commits left out: the rebase drops them), oldest first.
     */
    public record Landing(String tip, List<TaskCommit> commits) {
    }

    /**
     * Lands the task's branch on {@code base}. {@code beforeLanding} sees the rebased commits before the base moves and
     * may refuse by throwing, which leaves the branch and the base as they were.
     */
    public Landing land(String id, String base, Consumer<List<TaskCommit>> beforeLanding) {
        // its scratch worktree must not race a start
        return worktrees.exclusively(() -> landBranch(id, base, beforeLanding));
    }

    private Landing landBranch(String id, String base, Consumer<List<TaskCommit>> beforeLanding) {
        String branch = Worktrees.branchOf(id);
        if (!main.run("rev-parse", "--verify", "--quiet", "--end-of-options", "refs/heads/" + branch).ok()) {
            throw BatonException.environment("branch " + branch + " does not exist here; nothing to merge");
        }
        return retry.run("refs/heads/" + base, "landing " + id + " on", attempt -> {
            String baseTip = main.check("rev-parse", "--verify", "refs/heads/" + base + "^{commit}").strip();
            String rebased = rebase(branch, base, baseTip);
            List<TaskCommit> commits = commits(baseTip, rebased);
            beforeLanding.accept(commits);
            if (rebased.equals(baseTip) || fastForward(base, baseTip, rebased)) {
                moveBranch(branch, rebased);
                return CasRetry.done(new Landing(rebased, commits));
            }
            return CasRetry.lostRace(); // another merge moved the base first: rebase again onto where it is now
        });
    }

    /** The commits in {@code from..to}, merges left out, oldest first, with their Baton-Task and Baton-Epoch values. */
    List<TaskCommit> commits(String from, String to) {
        if (from.equals(to)) {
            return List.of();
        }
        String format = "--format=%H%x1f%s%x1f%(trailers:key=" + Trailers.TASK + ",valueonly,separator=%x1e)"
                + "%x1f%(trailers:key=" + Trailers.EPOCH + ",valueonly,separator=%x1e)";
        String out = main.check("log", "-z", "--reverse", "--no-merges", format, "--end-of-options", from + ".." + to);
        List<TaskCommit> commits = new ArrayList<>();
        for (String record : out.split("\u0000")) {
            if (record.isBlank()) {
                continue;
            }
            String[] f = record.split("\u001f", -1);
            if (f.length != 4) {
                throw BatonException.environment("git log printed a line baton cannot read: " + record);
            }
            commits.add(new TaskCommit(f[0].strip(), f[1], values(f[2]), values(f[3])));
        }
        return commits;
    }

    private static List<String> values(String field) {
        return Arrays.stream(field.split("\u001e")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    /** Rebases the branch's commits onto {@code baseTip} in a scratch worktree; returns the new tip. */
    private String rebase(String branch, String base, String baseTip) {
        File scratch = new File(worktrees.root(), SCRATCH_PREFIX + UUID.randomUUID());
        scratch.getParentFile().mkdirs();
        main.check("worktree", "add", "--detach", "--end-of-options", scratch.getPath(), "refs/heads/" + branch);
        try {
            Git wt = new Git(scratch).withEnv(identity).withEnv(Map.of("GIT_EDITOR", "true"));
            Git.Result r = wt.run("rebase", "--end-of-options", baseTip);
            if (!r.ok()) {
                List<String> conflicts = wt.run("diff", "--name-only", "--diff-filter=U").stdout().lines().toList();
                wt.run("rebase", "--abort");
                if (conflicts.isEmpty()) {
                    throw BatonException.environment("rebasing " + branch + " onto " + base + " failed: " + r.firstError());
                }
                throw new BatonException(ExitCode.REFUSED, "cannot merge " + branch + ": rebasing onto " + base
                        + " conflicts in " + String.join(", ", conflicts) + "; resolve it on the branch, then merge again");
            }
            return wt.check("rev-parse", "HEAD").strip();
        } finally {
            main.run("worktree", "remove", "--force", "--end-of-options", scratch.getPath());
        }
    }

    /**
     * Points the task branch at its rebased commits. Where the branch is checked out (the task's worktree), that
     * worktree follows with {@code git reset --keep}, so it does not look dirty afterwards (which would keep it from
     * being removed); when that cannot be done, only the ref moves.
     */
    private void moveBranch(String branch, String rebased) {
        File checkout = checkoutOf(branch);
        if (checkout != null
                && new Git(checkout).withEnv(identity).run("reset", "--quiet", "--keep", rebased, "--").ok()) {
            return;
        }
        main.check("update-ref", "--end-of-options", "refs/heads/" + branch, rebased);
    }

    /**
     * Moves the base from {@code expected} to {@code next}. Where the base is checked out in a worktree, that
     * worktree is fast-forwarded with {@code git merge --ff-only} so its files follow; elsewhere the ref moves with
     * {@code git update-ref <new> <old>}. Returns false when the base moved meanwhile.
     */
    private boolean fastForward(String base, String expected, String next) {
        File checkout = checkoutOf(base);
        if (checkout == null) {
            return main.run("update-ref", "--end-of-options", "refs/heads/" + base, next, expected).ok();
        }
        Git wt = new Git(checkout).withEnv(identity);
        String now = wt.check("rev-parse", "HEAD").strip();
        if (!now.equals(expected)) {
            return false;
        }
        Git.Result r = wt.run("merge", "--ff-only", "--quiet", "--end-of-options", next);
        if (r.ok()) {
            return true;
        }
        if (!wt.check("rev-parse", "HEAD").strip().equals(expected)) {
            return false;
        }
        throw BatonException.environment("cannot fast-forward " + base + " in " + checkout + ": " + r.firstError()
                + "; commit or stash the changes there, then merge again");
    }

    /** The worktree that has {@code base} checked out, if any. */
    private File checkoutOf(String base) {
        String list = main.check("worktree", "list", "--porcelain");
        File current = null;
        for (String line : list.lines().toList()) {
            if (line.startsWith("worktree ")) {
                current = new File(line.substring("worktree ".length()));
            } else if (line.equals("branch refs/heads/" + base)) {
                return current;
            }
        }
        return null;
    }
}
