package dev.baton.store;

import dev.baton.core.Event;
import dev.baton.core.Outcome;
import dev.baton.core.Rejection;
import dev.baton.core.Task;
import dev.baton.core.Transition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Checks a board's whole history by replaying it through the pure state machine: the history must be one chain from
 * a root, the init commit or a checkpoint (whose tree must be a well-formed board and, when the archive is here, the
 * tree of the archived tip it replaced); every commit's recorded command, decided on its parent's board by its actor
 * at its time, must be accepted and must give exactly the commit's tree (same tree id, so the same bytes); its trailers must agree with the
 * replayed transition, its format with its parent board's (a board keeps the format it was made in); and a task's
 * epoch never goes down. Nothing is written: expected trees are only hashed.
 */
public final class BoardFsck {

    /** One problem, tied to the commit where it shows. */
    public record Finding(String commit, String problem) {
        @Override
        public String toString() {
            return commit.substring(0, 10) + ": " + problem;
        }
    }

    /**
     * What a check found, and how many commits it replayed; when the history starts at a checkpoint, that checkpoint,
     * its commit, and whether its archived tip was found and compared.
     */
    public record Report(int commits, List<Finding> findings, CheckpointCodec.Checkpoint checkpoint, String root,
                         boolean archiveChecked) {

        public Report(int commits, List<Finding> findings) {
            this(commits, findings, null, null, false);
        }

        public boolean clean() {
            return findings.isEmpty();
        }
    }

    private BoardFsck() {
    }

    /**
     * Checks a proposed move of the board from {@code oldTip} (zero id: the ref is new) to {@code newTip}, as a
     * server does before it accepts a push: fast-forward only, one chain, and every new commit a legal transition from
     * its parent by the state machine (with the roles in force at that point) whose tree equals the replay. The
     * commits already on the board are trusted and not replayed again.
     */
    public static Report checkUpdate(Repository repo, ObjectId oldTip, ObjectId newTip) throws IOException {
        if (oldTip == null || oldTip.equals(ObjectId.zeroId())) {
            Report report = check(repo, newTip, null, CheckpointArchive.NONE);
            if (report.checkpoint() == null) {
                return report;
            }
            List<Finding> findings = new ArrayList<>(report.findings());
            findings.add(new Finding(report.root(), "a board that starts at a checkpoint cannot be pushed: its history"
                    + " is in an archive this repository does not have; checkpoint the shared board where it lives"));
            return new Report(report.commits(), findings);
        }
        List<Finding> findings = new ArrayList<>();
        List<RevCommit> fresh = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit old = walk.parseCommit(oldTip);
            RevCommit c = walk.parseCommit(newTip);
            while (!c.equals(old)) {
                fresh.add(c);
                if (c.getParentCount() != 1) {
                    findings.add(new Finding(c.name(), c.getParentCount() == 0
                            ? "does not descend from the board's tip " + old.abbreviate(10).name()
                            + ": the board only moves forward (no rewrites)"
                            : "has " + c.getParentCount() + " parents; the board is one chain"));
                    return new Report(fresh.size(), findings);
                }
                c = walk.parseCommit(c.getParent(0));
            }
            fresh.add(old);
        }
        Collections.reverse(fresh);
        try (ObjectReader reader = repo.newObjectReader(); ObjectInserter hasher = new HashingInserter()) {
            Map<String, Long> epochs = new HashMap<>();
            for (int i = 1; i < fresh.size(); i++) {
                replay(fresh.get(i - 1), fresh.get(i), reader, hasher, epochs, findings);
            }
        }
        return new Report(fresh.size() - 1, findings);
    }

    /** Checks the history ending at {@code tip}; {@code progress} hears the number of commits replayed so far. */
    public static Report check(Repository repo, ObjectId tip, IntConsumer progress) throws IOException {
        return check(repo, tip, progress, CheckpointArchive.NONE);
    }

    /**
     * {@link #check(Repository, ObjectId, IntConsumer)}, checking a checkpoint root against {@code archive} when the
     * archive is present.
     */
    public static Report check(Repository repo, ObjectId tip, IntConsumer progress, CheckpointArchive archive)
            throws IOException {
        List<Finding> findings = new ArrayList<>();
        List<RevCommit> chain = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit c = walk.parseCommit(tip);
            while (true) {
                chain.add(c);
                if (c.getParentCount() > 1) {
                    findings.add(new Finding(c.name(), "has " + c.getParentCount() + " parents; the board is one chain"));
                }
                if (c.getParentCount() == 0) {
                    break;
                }
                c = walk.parseCommit(c.getParent(0));
            }
        }
        Collections.reverse(chain);
        RevCommit root = chain.get(0);
        CheckpointCodec.Checkpoint checkpoint;
        boolean archiveChecked;
        try (ObjectReader reader = repo.newObjectReader(); ObjectInserter hasher = new HashingInserter()) {
            checkpoint = checkRoot(root, reader, hasher, findings);
            archiveChecked = checkpoint != null && archive.present();
            if (archiveChecked) {
                checkArchived(root, checkpoint, archive, findings);
            }
            Map<String, Long> epochs = new HashMap<>();
            for (int i = 1; i < chain.size(); i++) {
                replay(chain.get(i - 1), chain.get(i), reader, hasher, epochs, findings);
                if (progress != null && i % 1000 == 0) {
                    progress.accept(i);
                }
            }
        }
        return new Report(chain.size(), findings, checkpoint, root.name(), archiveChecked);
    }

    /** Checks the first commit; returns its checkpoint when it is one. */
    private static CheckpointCodec.Checkpoint checkRoot(RevCommit root, ObjectReader reader, ObjectInserter hasher,
                                                        List<Finding> findings) throws IOException {
        try {
            Optional<CheckpointCodec.Checkpoint> checkpoint = CheckpointCodec.decode(root.getFullMessage());
            if (checkpoint.isPresent()) {
                checkCheckpoint(root, checkpoint.get(), reader, hasher, findings);
                return checkpoint.get();
            }
            if (EventCodec.decode(root.getFullMessage()).isPresent()) {
                findings.add(new Finding(root.name(), "the first commit is neither the board's init commit nor a"
                        + " checkpoint"));
            }
        } catch (FormatException e) {
            findings.add(new Finding(root.name(), "not written by baton: " + e.getMessage()));
            return null;
        }
        int format = EventCodec.format(root.getFullMessage());
        if (!BoardWriter.emptyBoard(reader, hasher, format).equals(root.getTree())) {
            findings.add(new Finding(root.name(), "the init commit's tree is not an empty board of format " + format));
        }
        return null;
    }

    /**
     * A checkpoint is not a replay, so its snapshot is checked for what a replay would guarantee: its tree is exactly
     * the tree baton writes for the records it holds (every record readable and canonical, at its path, indexed and
     * keyed as it should be, nothing else), and whoever made it could.
     */
    private static void checkCheckpoint(RevCommit root, CheckpointCodec.Checkpoint checkpoint, ObjectReader reader,
                                        ObjectInserter hasher, List<Finding> findings) throws IOException {
        if (!root.getAuthorIdent().getName().equals(checkpoint.actor())) {
            findings.add(new Finding(root.name(), "authored by " + root.getAuthorIdent().getName()
                    + " but records actor " + checkpoint.actor()));
        }
        Snapshot board = new Snapshot(reader, root);
        int format = EventCodec.format(root.getFullMessage());
        ObjectId expected;
        try {
            expected = BoardWriter.boardTree(board.all(), board.roles().orElse(null), format, reader, hasher);
        } catch (FormatException | java.io.UncheckedIOException e) {
            findings.add(new Finding(root.name(), "the checkpoint's board is not readable: " + e.getMessage()));
            return;
        }
        if (!expected.equals(root.getTree())) {
            findings.add(new Finding(root.name(), "the checkpoint's tree is not a well-formed board of format " + format
                    + " (it differs from the tree of its own task records: the snapshot was edited)"));
        }
        dev.baton.core.CheckpointRule.check(board, checkpoint.actor()).ifPresent(r ->
                findings.add(new Finding(root.name(), "records a checkpoint that the roles on its board refuse: "
                        + r.message())));
    }

    /** The archive must hold the tip the checkpoint replaced, under the ref it names, with the same tree. */
    private static void checkArchived(RevCommit root, CheckpointCodec.Checkpoint checkpoint, CheckpointArchive archive,
                                      List<Finding> findings) {
        Optional<CheckpointArchive.ArchivedTip> archived = archive.lookup(checkpoint.archiveRef());
        if (archived.isEmpty()) {
            findings.add(new Finding(root.name(), "the archive (" + archive.describe() + ") has no "
                    + checkpoint.archiveRef() + ": the history before the checkpoint is not there"));
        } else if (!archived.get().commit().equals(checkpoint.archivedTip())) {
            findings.add(new Finding(root.name(), "the archive's " + checkpoint.archiveRef() + " points at "
                    + archived.get().commit().abbreviate(10).name() + ", not at the checkpointed tip "
                    + checkpoint.archivedTip().abbreviate(10).name()));
        } else if (!archived.get().tree().equals(root.getTree())) {
            findings.add(new Finding(root.name(), "the checkpoint's tree differs from the tree of the tip it replaced ("
                    + checkpoint.archivedTip().abbreviate(10).name() + " in the archive): it is not the board it"
                    + " claims to continue"));
        }
    }

    private static void replay(RevCommit parent, RevCommit commit, ObjectReader reader, ObjectInserter hasher,
                               Map<String, Long> epochs, List<Finding> findings) throws IOException {
        Optional<Event> recorded;
        try {
            if (CheckpointCodec.decode(commit.getFullMessage()).isPresent()) {
                findings.add(new Finding(commit.name(), "a checkpoint in the middle of the history (it has a parent);"
                        + " only a root may be a checkpoint"));
                return;
            }
            recorded = EventCodec.decode(commit.getFullMessage());
        } catch (FormatException e) {
            findings.add(new Finding(commit.name(), "not a baton transition: " + e.getMessage()));
            return;
        }
        if (recorded.isEmpty()) {
            findings.add(new Finding(commit.name(), "a second init commit in the middle of the history"));
            return;
        }
        Event e = recorded.get();
        Snapshot before = new Snapshot(reader, parent);
        int format;
        try {
            format = before.format();
        } catch (FormatException x) {
            findings.add(new Finding(commit.name(), "its parent's board is not readable: " + x.getMessage()));
            return;
        }
        int recordedFormat = EventCodec.format(commit.getFullMessage());
        if (recordedFormat != format) {
            findings.add(new Finding(commit.name(), "says " + Trailers.FORMAT + ": " + recordedFormat + " on a board of"
                    + " format " + format + "; a board keeps its format"));
            return;
        }
        Outcome outcome = e.command().decide(before, e.actor(), e.time());
        if (outcome instanceof Rejection r) {
            findings.add(new Finding(commit.name(), "records `" + commit.getShortMessage()
                    + "`, which the state machine refuses: " + r.message()));
            return;
        }
        if (outcome instanceof dev.baton.core.NoChange) {
            findings.add(new Finding(commit.name(), "records `" + commit.getShortMessage()
                    + "`, which changes nothing on its parent's board"));
            return;
        }
        if (!(outcome instanceof Transition t)) {
            findings.add(new Finding(commit.name(), "records a command that is not a board transition"));
            return;
        }
        ObjectId expected = BoardWriter.nextTree(before, t, reader, hasher);
        if (!expected.equals(commit.getTree())) {
            findings.add(new Finding(commit.name(), "its board differs from the replay of `" + commit.getShortMessage()
                    + "` (the snapshot was edited)"));
        }
        Event replayed = t.event();
        if (!java.util.Objects.equals(replayed.taskId(), e.taskId()) || replayed.to() != e.to()
                || replayed.from() != e.from() || replayed.epoch() != e.epoch()) {
            findings.add(new Finding(commit.name(), "its trailers say " + e.taskId() + " " + e.from() + " → " + e.to()
                    + " at epoch " + e.epoch() + ", the replay says " + replayed.taskId() + " " + replayed.from()
                    + " → " + replayed.to() + " at epoch " + replayed.epoch()));
        }
        if (!commit.getAuthorIdent().getName().equals(e.actor())) {
            findings.add(new Finding(commit.name(), "authored by " + commit.getAuthorIdent().getName()
                    + " but records actor " + e.actor()));
        }
        for (Task changed : t.changes()) {
            Long last = epochs.put(changed.id(), changed.epoch());
            if (last != null && changed.epoch() < last) {
                findings.add(new Finding(commit.name(), changed.id() + "'s epoch went down from " + last + " to "
                        + changed.epoch()));
            }
        }
    }
}
