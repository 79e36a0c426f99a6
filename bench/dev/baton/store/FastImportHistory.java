package dev.baton.store;

import dev.baton.core.BoardView;
import dev.baton.core.Command;
import dev.baton.core.Outcome;
import dev.baton.core.QueueOrder;
import dev.baton.core.Roles;
import dev.baton.core.Task;
import dev.baton.core.TaskState;
import dev.baton.core.Transition;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Benchmark tooling, not part of baton: appends a long chain of real board transitions to {@code refs/baton/board}
 * fast. Each command is decided by baton's core on the board it would see; the tree edits come from baton's own
 * {@link BoardWriter#edits}, the message from {@link EventCodec}, the author from {@link Idents}, exactly as
 * {@link BoardStore#apply} would write them. Only the writing differs: the board is kept in memory and the commits are
 * streamed to {@code git fast-import}, which builds the trees and packs them. Assumes it is the only writer, on a board
 * of the newest format (as {@code baton init} makes it); the ref moves once, at the end, and {@code baton fsck} replays
 * the result like any other history.
 */
public final class FastImportHistory implements AutoCloseable {

    private final InMemoryBoard board = new InMemoryBoard();
    private final Process git;
    private final OutputStream out;
    private String from;
    private long written;
    private long mark;

    /** Starts appending to the board of the repository at {@code workTree}, whose board tip is {@code tip}. */
    public FastImportHistory(File workTree, String tip) throws IOException {
        git = new ProcessBuilder("git", "-C", workTree.getPath(), "fast-import", "--quiet", "--done")
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedOutputStream(git.getOutputStream(), 1 << 20);
        from = tip;
    }

    /** Decides {@code command} on the board so far and, if it is a transition, appends it; returns the outcome. */
    public Outcome apply(Command command, String actor, Instant now) throws IOException {
        Outcome outcome = command.decide(board, actor, now);
        if (outcome instanceof Transition t) {
            write(t, BoardWriter.edits(board, t, BoardLayout.FORMAT_VERSION), actor, now);
            board.apply(t);
        }
        return outcome;
    }

    public long written() {
        return written;
    }

    private void write(Transition t, List<BoardWriter.Edit> edits, String actor, Instant now) throws IOException {
        Map<BoardWriter.Blob, Long> marks = new IdentityHashMap<>();
        for (BoardWriter.Edit e : edits) {
            if (e.blob() != null && !marks.containsKey(e.blob())) {
                long m = ++mark;
                marks.put(e.blob(), m);
                text("blob\nmark :" + m + "\n");
                data(e.blob().bytes());
            }
        }
        PersonIdent who = Idents.of(actor, now);
        String ident = who.getName() + " <" + who.getEmailAddress() + "> " + now.getEpochSecond() + " +0000\n";
        text("commit " + BoardLayout.REF + "\nauthor " + ident + "committer " + ident);
        data(EventCodec.message(t.event()).getBytes(StandardCharsets.UTF_8));
        if (from != null) {
            text("from " + from + "\n");
            from = null;
        }
        for (BoardWriter.Edit e : edits) {
            text(e.blob() == null ? "D " + e.path() + "\n" : "M 100644 :" + marks.get(e.blob()) + " " + e.path() + "\n");
        }
        text("\n");
        written++;
    }

    private void text(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private void data(byte[] bytes) throws IOException {
        text("data " + bytes.length + "\n");
        out.write(bytes);
        text("\n");
    }

    /** Ends the stream and waits for git to write the pack and move the ref. */
    @Override
    public void close() throws IOException {
        text("done\n");
        out.close();
        try {
            int code = git.waitFor();
            if (code != 0) {
                throw new IOException("git fast-import exited with " + code);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** A board in memory that applies a transition in place, with the open tasks indexed by state. */
    private static final class InMemoryBoard implements BoardView {
        private final Map<String, Task> tasks = new HashMap<>();
        private final Map<TaskState, Set<String>> byState = new EnumMap<>(TaskState.class);
        private Roles roles;

        void apply(Transition t) {
            for (Task after : t.changes()) {
                Task old = tasks.put(after.id(), after);
                if (old != null) {
                    byState.getOrDefault(old.state(), Set.of()).remove(old.id());
                }
                byState.computeIfAbsent(after.state(), s -> new LinkedHashSet<>()).add(after.id());
            }
            if (t.roles() != null) {
                roles = t.roles();
            }
        }

        @Override
        public Optional<Task> task(String id) {
            return id == null ? Optional.empty() : Optional.ofNullable(tasks.get(id));
        }

        @Override
        public Optional<Task> taskByKey(String key) {
            return tasks.values().stream().filter(t -> key.equals(t.key())).findFirst();
        }

        @Override
        public Optional<Roles> roles() {
            return Optional.ofNullable(roles);
        }

        @Override
        public List<Task> inState(TaskState state) {
            return byState.getOrDefault(state, Set.of()).stream().map(tasks::get).sorted(QueueOrder.COMPARATOR).toList();
        }
    }
}
