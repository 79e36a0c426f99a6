package dev.baton.worktree;

import dev.baton.BatonException;
import dev.baton.core.AttemptRecord;
import dev.baton.core.Task;
import dev.baton.store.Trailers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.Config;

/**
 * Which of the commits a merge lands baton cannot vouch for: baton's commit-msg hook stamps every commit on a task
 * branch with {@code Baton-Task: <id>} and {@code Baton-Epoch: <n>}, so a commit without them was made with
 * {@code --no-verify} or without the hooks, one naming another task came from elsewhere, and one at an epoch the task
 * never held was made by an owner it had been taken from. Such commits are reported, and recorded with the merge; with
 * {@code git config baton.requireTrailers true} they refuse it.
 */
public final class TrailerCheck {

    /** The git config key that makes unverified commits refuse the merge. */
    public static final String REQUIRE = "baton.requireTrailers";

    private final String taskId;
    private final SortedSet<Long> held;
    private final String base;
    private final boolean required;

    /**
     * @param heldEpochs the epochs the task was granted at
     * @param base       the branch the work lands on (for the hint of a refusal)
     * @param required   whether unverified commits refuse the merge
     */
    public TrailerCheck(String taskId, Collection<Long> heldEpochs, String base, boolean required) {
        this.taskId = taskId;
        this.held = new TreeSet<>(heldEpochs);
        this.base = base;
        this.required = required;
    }

    /**
     * The check for {@code t}. Every grant ends in a reap, a fail or a requeue, which record the epoch in the task's
     * history, or it is the grant the task is at now: those are the epochs it held.
     */
    public static TrailerCheck forTask(Task t, String base, boolean required) {
        List<Long> epochs = new ArrayList<>();
        if (t.history() != null) {
            t.history().stream().map(AttemptRecord::epoch).forEach(epochs::add);
        }
        epochs.add(t.epoch());
        return new TrailerCheck(t.id(), epochs, base, required);
    }

    /** Whether {@code baton.requireTrailers} is set to true (default false). */
    public static boolean required(Config config) {
        try {
            return config.getBoolean("baton", "requireTrailers", false);
        } catch (IllegalArgumentException e) {
            throw BatonException.usage("git config " + REQUIRE + " must be true or false");
        }
    }

    /** The commits among {@code commits} that lack this task's trailers, in order, with what is wrong. */
    public List<UnverifiedCommit> judge(List<TaskCommit> commits) {
        List<UnverifiedCommit> out = new ArrayList<>();
        for (TaskCommit c : commits) {
            problem(c).ifPresent(p -> out.add(new UnverifiedCommit(c.commit(), c.subject(), p)));
        }
        return out;
    }

    /**
     * Refuses the merge (exit 1, nothing changed) when trailers are required and some of {@code commits} lack them:
     * what {@link Merger#land} runs on the rebased commits before it moves the base.
     */
    public void enforce(List<TaskCommit> commits) {
        if (!required) {
            return;
        }
        List<UnverifiedCommit> unverified = judge(commits);
        if (unverified.isEmpty()) {
            return;
        }
        String which = unverified.stream().map(u -> u.shortId() + " \"" + u.subject() + "\": " + u.problem())
                .collect(Collectors.joining("; "));
        throw BatonException.refused("cannot merge " + taskId + ": " + REQUIRE + " is set and " + unverified.size()
                + (unverified.size() == 1 ? " commit lacks" : " commits lack") + " baton's trailers (" + which
                + "); if you vouch for them, stamp them on " + Worktrees.branchOf(taskId) + " (in its worktree: `git "
                + "rebase -x \"git -c trailer.ifexists=replace commit -q --amend --no-edit --no-verify --trailer '"
                + Trailers.line(Trailers.TASK, taskId) + "' --trailer '" + Trailers.line(Trailers.EPOCH, held.last())
                + "'\" " + base + "`) and "
                + "merge again, or land them as they are with `git config " + REQUIRE + " false`");
    }

    private Optional<String> problem(TaskCommit c) {
        if (c.tasks().isEmpty()) {
            return Optional.of("no " + Trailers.TASK + " trailer (committed with --no-verify, or without baton's hooks)");
        }
        Optional<String> other = c.tasks().stream().filter(t -> !t.equals(taskId)).findFirst();
        if (other.isPresent()) {
            return Optional.of(Trailers.TASK + " names " + other.get() + ", not " + taskId);
        }
        if (c.epochs().isEmpty()) {
            return Optional.of("no " + Trailers.EPOCH + " trailer");
        }
        for (String e : c.epochs()) {
            long epoch;
            try {
                epoch = Long.parseLong(e.strip());
            } catch (NumberFormatException x) {
                return Optional.of(Trailers.EPOCH + " '" + e + "' is not an epoch");
            }
            if (!held.contains(epoch)) {
                return Optional.of(Trailers.EPOCH + " " + epoch + " is not an epoch " + taskId + " held ("
                        + held.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")");
            }
        }
        return Optional.empty();
    }
}
