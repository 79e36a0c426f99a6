package dev.baton.app;

import dev.baton.BatonException;
import dev.baton.core.Merge;
import dev.baton.core.Task;
import dev.baton.git.GitRemoteTransport;
import dev.baton.store.BoardTransport;
import dev.baton.store.CasRetry;
import dev.baton.worktree.Merger;
import dev.baton.worktree.TrailerCheck;
import dev.baton.worktree.UnverifiedCommit;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;

/** Landing approved work: rebase the task's branch onto its base, move the base, record the merge, clean up. */
public final class Merging {

    private final Session session;

    Merging(Session session) {
        this.session = session;
    }

    /**
     * Lands the task's branch on its base (rebase, then fast-forward), records it, and cleans up. Commits that landed
     * without this task's {@code Baton-Task}/{@code Baton-Epoch} trailers are recorded with the merge and returned;
     * with {@code baton.requireTrailers} they refuse it before the base moves.
     */
    public Merged merge(String id) {
        String actor = session.writes().admit();
        Task t = session.read(board -> {
            Merge.refusalBeforeLanding(board, id, actor).ifPresent(r -> {
                throw BatonException.of(r);
            });
            return board.task(id).orElseThrow();
        });
        String base = t.base() != null ? t.base() : session.worktrees().baseFor(t);
        TrailerCheck trailers = TrailerCheck.forTask(t, base, TrailerCheck.required(session.repository().getConfig()));
        Merger merger = new Merger(session.worktrees(), actor);
        if (!(session.transport() instanceof GitRemoteTransport remote)) {
            Merger.Landing landing = merger.land(id, base, trailers::enforce);
            List<UnverifiedCommit> unverified = trailers.judge(landing.commits());
            Task done = session.writes().transition(board -> new Merge(id, landing.tip(), UnverifiedCommit.ids(unverified)))
                    .task();
            return new Merged(new Finished(done, session.worktrees().remove(id, base, false)), unverified);
        }
        String remoteName = remote.remote();
        return session.store().retry().run("refs/heads/" + base, "landing " + id + " through remote " + remoteName
                + " on", attempt -> {
            String remoteBase = Remotes.fetchBranch(session.repository(), remoteName, base);
            merger.catchUp(base, remoteBase);
            String before = merger.tip(base);
            Merger.Landing landing = merger.land(id, base, trailers::enforce);
            String merged = landing.tip();
            List<UnverifiedCommit> unverified = trailers.judge(landing.commits());
            try {
                Merge command = new Merge(id, merged, UnverifiedCommit.ids(unverified));
                Task done = session.writes().transition(board -> command,
                        List.of(new BoardTransport.RefMove("refs/heads/" + base,
                                ObjectId.fromString(remoteBase), ObjectId.fromString(merged)))).task();
                return CasRetry.done(new Merged(new Finished(done, session.worktrees().remove(id, base, false)),
                        unverified));
            } catch (BoardTransport.CompanionMoved e) {
                // another merge landed on the remote base first: take this landing back off the local base (the task
                // branch keeps its commits), so that the next attempt catches up with the remote and lands on top
                if (!merged.equals(before) && !merger.unland(base, merged, before)) {
                    throw BatonException.environment(base + " moved here while merging " + id + "; try again");
                }
                return CasRetry.lostRace();
            }
        });
    }
}
