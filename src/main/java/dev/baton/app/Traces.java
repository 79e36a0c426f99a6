package dev.baton.app;

import dev.baton.BatonException;
import dev.baton.store.BoardLayout;
import dev.baton.store.EventCodec;
import dev.baton.store.FormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** Everything recorded under one correlation id: board transitions and messages on every channel. */
public final class Traces {

    private Traces() {
    }

    /** The transitions and messages carrying {@code trace}, oldest first. */
    public static List<Watcher.Item> find(Session c, String trace) {
        List<Watcher.Item> board = new ArrayList<>();
        Repository repo = c.repository();
        c.transport().refresh(BoardLayout.REF);
        try (RevWalk walk = new RevWalk(repo)) {
            Ref ref = repo.exactRef(BoardLayout.REF);
            RevCommit commit = ref == null ? null : walk.parseCommit(ref.getObjectId());
            while (commit != null) {
                String text = commit.getFullMessage();
                if (EventCodec.trace(text).filter(trace::equals).isPresent()) {
                    board.add(new Watcher.Transition(new LoggedEvent(commit.name(), commit.getShortMessage(),
                            dev.baton.store.CheckpointCodec.event(text).orElse(null)), trace));
                }
                commit = commit.getParentCount() == 0 ? null : walk.parseCommit(commit.getParent(0));
            }
        } catch (IOException | FormatException e) {
            throw BatonException.environment("cannot read the board's history: " + e.getMessage(), e);
        }
        Collections.reverse(board);
        List<List<Watcher.Item>> sources = new ArrayList<>();
        sources.add(board);
        Messages messages = c.messages();
        for (var channel : messages.channels()) {
            sources.add(messages.all(channel).stream().filter(m -> trace.equals(m.trace()))
                    .<Watcher.Item>map(Watcher.Posted::new).toList());
        }
        return Watcher.merge(sources);
    }
}
