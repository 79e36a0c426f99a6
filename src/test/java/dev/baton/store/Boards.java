package dev.baton.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.BatonException;
import dev.baton.core.Command;
import dev.baton.core.Event;
import dev.baton.core.Rejection;
import dev.baton.core.Spawn;
import dev.baton.core.Task;
import dev.baton.core.TaskIds;
import dev.baton.core.Transition;
import dev.baton.testing.TempRepo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Helpers the store tests share: writing commands straight through a {@link BoardStore}, and reading the board with git. */
public final class Boards {

    public static final String BOARD = BoardLayout.REF;

    private Boards() {
    }

    /** Decides {@code command} as {@code actor} on the board as it is, and writes it. */
    public static Applied apply(BoardStore store, String actor, Command command) {
        return store.apply((board, now) -> command.decide(board, actor, now));
    }

    /** Spawns a task titled {@code title} as {@code actor}, with nothing else said. */
    public static Task spawn(BoardStore store, String actor, String title) {
        return apply(store, actor, new Spawn(TaskIds.random(new java.security.SecureRandom()), title, null, null, 2,
                null, null, 900)).task();
    }

    /**
     * Adds {@code count} QUEUED tasks with random ids in a single board commit: a quick way to a big board. Each record
     * is what a real spawn decides on the board as it is; only the commit is shared (its message records the first).
     */
    public static List<String> seed(BoardStore store, String actor, int count, RandomGenerator random) {
        Applied applied = store.apply((board, now) -> {
            List<Task> tasks = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            Event first = null;
            while (tasks.size() < count) {
                String id = TaskIds.random(random);
                if (!ids.add(id)) {
                    continue;
                }
                var outcome = new Spawn(id, "seeded " + tasks.size(), null, null, 2, null, null, 900)
                        .decide(board, actor, now);
                if (outcome instanceof Rejection) {
                    continue; // already on the board
                }
                Transition t = (Transition) outcome;
                first = first == null ? t.event() : first;
                tasks.add(t.task());
            }
            return new Transition(first, tasks);
        });
        return applied.transition().changes().stream().map(Task::id).toList();
    }

    /** Runs {@code call}, which must throw a {@link BatonException}, and returns it. */
    public static BatonException batonError(ThrowingCallable call) {
        BatonException e = catchThrowableOfType(BatonException.class, call);
        assertThat(e).as("expected a BatonException").isNotNull();
        return e;
    }

    /** path → object id of every blob in the tree of {@code rev}, read by {@code git ls-tree -r}. */
    public static Map<String, String> blobs(TempRepo repo, String rev) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : repo.git("ls-tree", "-r", "--full-tree", rev).lines().toList()) {
            // <mode> SP <type> SP <id> TAB <path>
            String[] meta = line.substring(0, line.indexOf('\t')).split(" ");
            assertThat(meta[1]).as("entry type of %s", line).isEqualTo("blob");
            assertThat(meta[0]).as("mode of %s", line).isEqualTo("100644");
            out.put(line.substring(line.indexOf('\t') + 1), meta[2]);
        }
        return out;
    }

    /** The Baton-* trailers of a commit as git itself parses them. */
    public static Map<String, String> gitTrailers(TempRepo repo, String commit) {
        Map<String, String> out = new LinkedHashMap<>();
        String text = repo.git("log", "-1", "--format=%(trailers:only=true,unfold=true)", commit);
        for (String line : text.lines().filter(l -> !l.isBlank()).toList()) {
            int colon = line.indexOf(": ");
            String previous = out.put(line.substring(0, colon), line.substring(colon + 2));
            assertThat(previous).as("trailer %s repeated", line).isNull();
        }
        return out;
    }

    /** Number of loose objects, as {@code git count-objects} reports it. */
    public static long looseObjects(TempRepo repo) {
        String out = repo.git("count-objects").strip(); // "N objects, M kilobytes"
        return Long.parseLong(out.substring(0, out.indexOf(' ')));
    }
}
