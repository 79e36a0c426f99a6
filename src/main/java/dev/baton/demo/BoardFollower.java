package dev.baton.demo;

import dev.baton.app.Session;
import dev.baton.app.Repositories;
import dev.baton.app.Watcher;
import dev.baton.core.AttemptRecord;
import dev.baton.core.Event;
import dev.baton.core.Reap;
import dev.baton.core.Task;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Follows the board in a thread of its own and narrates the transitions no actor announces: a reap happens inside a
 * worker's {@code claim --next}, which says only what it claimed next.
 */
final class BoardFollower implements AutoCloseable {

    private static final long POLL_MILLIS = 100;

    private final Session board;
    private final Narrator narrator;
    private final Thread thread;
    private volatile boolean running = true;

    BoardFollower(Path dir, Clock clock, Narrator narrator) {
        this.board = new Session(Repositories.open(dir.toFile()), clock, "demo");
        this.narrator = narrator;
        Watcher watcher = new Watcher(board, null, false, List.of());
        this.thread = new Thread(() -> follow(watcher), "demo-board");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow(Watcher watcher) {
        while (running) {
            try {
                for (Watcher.Item item : watcher.poll()) {
                    if (item instanceof Watcher.Transition t && t.logged().event() != null
                            && t.logged().event().command() instanceof Reap) {
                        narrator.say("board", reaped(t.logged().event()));
                    }
                }
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                narrator.say("board", "(could not read the board: " + e.getMessage() + ")");
            }
        }
    }

    /** "reap T-x Title, in agent-a's claim --next: agent-c's lease at epoch 1 ran out after 1 heartbeat; ...". */
    private String reaped(Event e) {
        Reap reap = (Reap) e.command();
        Task t = board.board().task(e.taskId());
        String owner = t.history() == null ? null : t.history().stream().filter(a -> a.epoch() == reap.epoch())
                .map(AttemptRecord::agent).reduce((first, last) -> last).orElse(null);
        return "reap " + t.id() + " " + t.title() + ", in " + e.actor() + "'s claim --next (it takes back expired "
                + "leases first): " + (owner == null ? "the" : owner + "'s") + " lease at epoch " + reap.epoch()
                + " ran out after " + reap.heartbeats() + " heartbeat" + (reap.heartbeats() == 1 ? "" : "s")
                + "; the task is " + e.to() + " again at epoch " + e.epoch();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        board.close();
    }
}
