package dev.baton.store;

import dev.baton.BatonException;
import dev.baton.core.Outcome;
import dev.baton.core.Rejection;
import dev.baton.core.Transition;
import java.io.File;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The board on {@code refs/baton/board}: reads snapshots and writes transitions with compare-and-swap. A write reads
 * the tip, decides on it, commits with the tip as parent and moves the ref only if it still points at that tip; when
 * another writer got there first it reads again and decides again ({@link CasRetry}).
 */
public final class BoardStore {

    /** Decides what to write given the board as it is now; called again after every lost race. */
    @FunctionalInterface
    public interface Decider {
        Outcome decide(Snapshot board, Instant now);
    }

    private final Repository repo;
    private final Clock clock;
    private final BoardTransport transport;
    private final LockRecovery recovery;
    private final CasRetry retry;
    private volatile String trace;

    public BoardStore(Repository repo, Clock clock, Backoff backoff, BoardTransport transport) {
        this.repo = repo;
        this.clock = clock;
        this.transport = transport;
        this.recovery = LockRecovery.of(repo);
        this.retry = new CasRetry(backoff, recovery);
    }

    /** Where the shared board lives. */
    public BoardTransport transport() {
        return transport;
    }

    /** A store of this repository's own board, with the configured backoff. */
    public BoardStore(Repository repo, Clock clock) {
        this(repo, clock, Backoff.configured(), new LocalTransport(repo));
    }

    public Instant now() {
        return clock.instant();
    }

    /** Records {@code id} as the correlation id ({@code Baton-Trace}) of every transition written from now on. */
    public void trace(String id) {
        this.trace = id;
    }

    /** The board's tip commit id, or empty when there is no board yet. */
    public Optional<ObjectId> tip() {
        return BoardHistory.tipOf(repo);
    }

    /** The board now. Close the snapshot when done. */
    public Snapshot read() {
        ObjectId tip = tip().orElseThrow(() -> BatonException.environment(
                "no board in " + where() + " yet; run `baton init` first"));
        return snapshotAt(tip);
    }

    /** The board at a given board commit, checked to be one baton wrote. */
    private Snapshot snapshotAt(ObjectId commitId) {
        ObjectReader reader = repo.newObjectReader();
        try (RevWalk walk = new RevWalk(reader)) {
            RevObject obj = walk.parseAny(commitId);
            if (!(obj instanceof RevCommit commit)) {
                throw foreign(commitId, "it is not a commit");
            }
            try {
                CheckpointCodec.event(commit.getFullMessage());
            } catch (FormatException e) {
                if (e.isOtherVersion()) {
                    throw BatonException.environment(BoardLayout.REF + " at " + commitId.abbreviate(10).name()
                            + ": " + e.getMessage());
                }
                throw foreign(commitId, e.getMessage());
            }
            return new Snapshot(reader, commit);
        } catch (IOException e) {
            reader.close();
            throw BatonException.environment("cannot read the board at " + commitId.name() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    private BatonException foreign(ObjectId id, String why) {
        return BatonException.environment(BoardLayout.REF + " points at " + id.abbreviate(10).name()
                + ", which baton did not write (" + why + "); move it aside with `git update-ref -d "
                + BoardLayout.REF + "` if it is not yours");
    }

    /**
     * Creates the board: a first commit holding only the format marker. Returns false, changing nothing, when a board
     * already exists.
     */
    public boolean init(String actor) {
        Instant now = clock.instant();
        try (ObjectReader reader = repo.newObjectReader(); ObjectInserter inserter = repo.newObjectInserter()) {
            ObjectId tree = BoardWriter.emptyBoard(reader, inserter);
            ObjectId commit = Commits.insert(inserter, tree, null, actor, now,
                    EventCodec.initMessage(actor, now));
            inserter.flush();
            transport.refresh(BoardLayout.REF);
            return transport.publish(BoardLayout.REF, ObjectId.zeroId(), commit, false) == BoardTransport.Published.DONE;
        } catch (IOException e) {
            throw BatonException.environment("cannot write the board: " + e.getMessage(), e);
        }
    }

    /**
     * Runs read → decide → write until the write lands or the decision is a rejection.
     *
     * @throws BatonException with the rejection's exit code when the board refuses, or an environment error when the
     *                        ref stays locked or contended beyond the backoff's bounds
     */
    public Applied apply(Decider decider) {
        return apply(decider, java.util.List.of());
    }

    /**
     * {@link #apply(Decider)}, publishing {@code companions} with the board (see {@link BoardTransport#publish(String,
     * ObjectId, ObjectId, java.util.List)}).
     */
    public Applied apply(Decider decider, java.util.List<BoardTransport.RefMove> companions) {
        Applied[] pending = {null}; // a write whose push may or may not have landed
        try {
            return retry.run(BoardLayout.REF, "writing", attempt -> {
                try {
                    transport.refresh(BoardLayout.REF);
                } catch (BatonException e) {
                    if (pending[0] != null) {
                        throw BatonException.environment(e.getMessage() + "; the last " + pending[0].transition()
                                .event().command().name() + " may have landed: check with `baton show` before "
                                + "repeating it");
                    }
                    throw e;
                }
                if (pending[0] != null && landed(pending[0].commit())) {
                    return CasRetry.done(pending[0]); // the push did land: never decide and apply it a second time
                }
                pending[0] = null;
                try (Snapshot board = read(); ObjectInserter inserter = repo.newObjectInserter();
                     ObjectReader reader = repo.newObjectReader()) {
                    Instant now = clock.instant();
                    Outcome outcome = decider.decide(board, now);
                    if (outcome instanceof Rejection r) {
                        throw BatonException.of(r);
                    }
                    if (outcome instanceof dev.baton.core.NoChange n) {
                        return CasRetry.done(new Applied(null, board.commit(), attempt.number(), n.task()));
                    }
                    if (!(outcome instanceof Transition t)) {
                        throw new BatonException(dev.baton.ExitCode.INTERNAL, "a board write must be a transition, not "
                                + outcome);
                    }
                    ObjectId tree = BoardWriter.nextTree(board, t, reader, inserter);
                    ObjectId commit = Commits.insert(inserter, tree, board.commit(), t.event().actor(), now,
                            EventCodec.message(t.event(), trace, board.format()));
                    inserter.flush();
                    try {
                        if (transport.publish(BoardLayout.REF, board.commit(), commit, companions)
                                == BoardTransport.Published.DONE) {
                            return CasRetry.done(new Applied(t, commit, attempt.number()));
                        }
                    } catch (BoardTransport.OutcomeUnknown e) {
                        pending[0] = new Applied(t, commit, attempt.number());
                    }
                    // another writer moved the board first (or holds its lock): read again and decide again
                    return CasRetry.lostRace();
                }
            });
        } catch (IOException e) {
            throw BatonException.environment("cannot write the board: " + e.getMessage(), e);
        }
    }

    /** Copies a board tip and its history to the archive repository before a checkpoint may replace it. */
    @FunctionalInterface
    public interface Archiver {
        /**
         * Makes the archive hold {@code tip} and its whole history, checked, before this returns.
         *
         * @throws BatonException when it could not
         */
        Archived archive(RevCommit tip);
    }

    /** Where the archive keeps an old tip, and how many transitions followed its root. */
    public record Archived(String ref, long transitions) {
    }

    /**
     * What a checkpoint did: the tip it replaced and the new root, with where the old tip was archived; or, when the
     * tip was already a root with nothing after it, no root.
     */
    public record Checkpointed(ObjectId oldTip, ObjectId root, Archived archived, int attempts) {
        public boolean changed() {
            return root != null;
        }
    }

    /**
     * Starts the board again from its tip's snapshot: archives the tip, then moves the board from it to a new root
     * commit with the same tree (a compare-and-swap, forced because a new root is not a fast-forward; the expected tip
     * still guards it). When another writer moved the board first, reads, decides and archives again, so nothing that
     * landed meanwhile is lost. Local boards only.
     */
    public Checkpointed checkpoint(String actor, Archiver archiver) {
        if (!(transport instanceof LocalTransport)) {
            throw BatonException.usage("a checkpoint is written on a local board only, not through "
                    + transport.describe());
        }
        try {
            return retry.run(BoardLayout.REF, "writing", attempt -> {
                try (Snapshot board = read(); ObjectInserter inserter = repo.newObjectInserter()) {
                    dev.baton.core.CheckpointRule.check(board, actor).ifPresent(r -> {
                        throw BatonException.of(r);
                    });
                    RevCommit tip = board.commit();
                    if (tip.getParentCount() == 0) {
                        // a root already: no history to move
                        return CasRetry.done(new Checkpointed(tip, null, null, attempt.number()));
                    }
                    // the first copy may take minutes: only the time spent contending counts against the time limit
                    Archived archived = attempt.offTheClock(() -> archiver.archive(tip));
                    Instant now = clock.instant();
                    ObjectId root = Commits.insert(inserter, board.treeId(), null, actor, now,
                            CheckpointCodec.message(new CheckpointCodec.Checkpoint(actor, now, tip.copy(),
                                    archived.ref(), archived.transitions()), board.format()));
                    inserter.flush();
                    if (transport.publish(BoardLayout.REF, tip, root, true) == BoardTransport.Published.DONE) {
                        return CasRetry.done(new Checkpointed(tip.copy(), root, archived, attempt.number()));
                    }
                    // a transition landed while the tip was archived: archive the new tip and try again
                    return CasRetry.lostRace();
                }
            });
        } catch (IOException e) {
            throw BatonException.environment("cannot write the checkpoint: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code action} while holding the board ref's lock file, as a writer would during its compare-and-swap (with
     * an intent, so the lock is never taken for stale), and for {@code linger} after it. Every write that tries to
     * land meanwhile loses its race, reads the board again and writes its objects again. A checkpoint repacks under
     * it, so that no write built from objects of the old history that the repack deletes can land.
     */
    public void whileLocked(Runnable action, Duration linger) {
        File lock = recovery.lockFile(BoardLayout.REF);
        try (LockRecovery.Intent intent = recovery.announce(BoardLayout.REF)) {
            retry.run(BoardLayout.REF, "locking", attempt -> lock.createNewFile() ? CasRetry.done(null)
                    : CasRetry.lostRace());
            try {
                action.run();
                sleep(linger.toMillis());
            } finally {
                java.nio.file.Files.deleteIfExists(lock.toPath());
            }
        } catch (IOException e) {
            throw BatonException.environment("cannot lock " + BoardLayout.REF + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code commit} is on the board now (the tip or one of the last few commits before it). */
    private boolean landed(ObjectId commit) {
        Optional<ObjectId> tip = tip();
        if (tip.isEmpty()) {
            return false;
        }
        try (RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(tip.get()));
            int seen = 0;
            for (RevCommit c : walk) {
                if (c.equals(commit)) {
                    return true;
                }
                if (++seen > 200) {
                    return false;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs read-decide-write actions on this repository's refs with this store's backoff: what every compare-and-swap
     * loop uses (the board's own writes, a heartbeat's lease, a merge that moves the base with the board).
     */
    public CasRetry retry() {
        return retry;
    }

    /** Finds and clears stale lock files; see {@link LockRecovery}. */
    public LockRecovery lockRecovery() {
        return recovery;
    }

    private String where() {
        File wt = repo.isBare() ? repo.getDirectory() : repo.getWorkTree();
        return wt.getPath();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BatonException.interrupted("interrupted while waiting to write the board");
        }
    }
}
