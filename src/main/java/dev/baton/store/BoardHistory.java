package dev.baton.store;

import dev.baton.BatonException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** Reads the board's history back: its commits, newest first, as transitions and checkpoints, with their traces. */
public final class BoardHistory {

    /** One board commit read back, and the correlation id it carries (null: none). */
    public record Entry(LoggedEvent event, String trace) {
    }

    private final Repository repo;

    public BoardHistory(Repository repo) {
        this.repo = repo;
    }

    /** The board's tip as this repository has it, or empty when there is no board. */
    public Optional<ObjectId> tip() {
        return tipOf(repo);
    }

    static Optional<ObjectId> tipOf(Repository repo) {
        try {
            Ref r = repo.exactRef(BoardLayout.REF);
            return r == null || r.getObjectId() == null ? Optional.empty() : Optional.of(r.getObjectId());
        } catch (IOException e) {
            throw BatonException.environment("cannot read " + BoardLayout.REF + ": " + e.getMessage(), e);
        }
    }

    /**
     * Hands {@code visitor} each commit from {@code tip} back to (not including) {@code stop}, or to the root, newest
     * first, until it returns false.
     */
    public void walk(ObjectId tip, ObjectId stop, Predicate<Entry> visitor) {
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit c = walk.parseCommit(tip);
            while (c != null && !c.equals(stop)) {
                String text = c.getFullMessage();
                var checkpoint = CheckpointCodec.decode(text).orElse(null);
                var event = checkpoint != null ? null : EventCodec.decode(text).orElse(null);
                if (!visitor.test(new Entry(new LoggedEvent(c.name(), c.getShortMessage(), event, checkpoint),
                        EventCodec.trace(text).orElse(null)))) {
                    return;
                }
                c = c.getParentCount() == 0 ? null : walk.parseCommit(c.getParent(0));
            }
        } catch (IOException | FormatException e) {
            throw BatonException.environment("cannot read the board's history: " + e.getMessage(), e);
        }
    }

    /** The commits from {@code tip} back to (not including) {@code stop}, oldest first. */
    public List<Entry> since(ObjectId tip, ObjectId stop) {
        List<Entry> out = new ArrayList<>();
        walk(tip, stop, out::add);
        java.util.Collections.reverse(out);
        return out;
    }

    /** A board commit named by {@code rev} (a commit id, a ref, {@code refs/baton/board~3}). */
    public ObjectId resolve(String rev, String option) {
        try {
            ObjectId id = repo.resolve(rev + "^{commit}");
            if (id == null) {
                throw BatonException.usage(option + ": no commit " + rev);
            }
            return id;
        } catch (IOException | org.eclipse.jgit.errors.RevisionSyntaxException e) {
            throw BatonException.usage(option + ": '" + rev + "' is not a commit");
        }
    }

    /**
     * A cheap fingerprint of the refs under {@code prefixes}: equal fingerprints mean none of them moved.
     */
    public String fingerprint(String... prefixes) {
        try {
            StringBuilder sb = new StringBuilder();
            for (String prefix : prefixes) {
                for (Ref ref : repo.getRefDatabase().getRefsByPrefix(prefix)) {
                    sb.append(ref.getName()).append(' ').append(ref.getObjectId().name()).append('\n');
                }
            }
            return sb.toString();
        } catch (IOException e) {
            throw BatonException.environment("cannot read refs: " + e.getMessage(), e);
        }
    }
}
