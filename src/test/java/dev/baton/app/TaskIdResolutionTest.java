package dev.baton.app;

import dev.baton.store.BoardStore;
import dev.baton.store.Boards;
import static dev.baton.store.Boards.apply;
import static dev.baton.store.Boards.batonError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.BatonException;
import dev.baton.ExitCode;
import dev.baton.core.Spawn;
import dev.baton.core.TaskIds;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding tasks by a prefix of their id: the snapshot's fan-out lookup and the session's resolve. */
class TaskIdResolutionTest {

    /** Ids that share prefixes of every length, so each fan-out level and the file names below them are exercised. */
    private static final List<String> NEIGHBOURS = List.of(
            "T-abcdefgh", "T-abcdefgk", "T-abcdef22", "T-abcde333", "T-abcd4444",
            "T-abc55555", "T-ab666666", "T-a7777777", "T-88888888", "T-abcdefgz");

    // every test only reads the board, so they share one
    @TempDir
    static Path tmp;

    static TempRepo repo;
    static List<String> all;

    @BeforeAll
    static void setUp() {
        repo = TempRepo.create(tmp);
        all = new ArrayList<>();
        try (Repository r = repo.openRepository()) {
            BoardStore store = new BoardStore(r, Clock.systemUTC());
            store.init("lead");
            for (String id : NEIGHBOURS) {
                apply(store, "lead", new Spawn(id, "task " + id, null, null, 2, null, null, 900));
                all.add(id);
            }
            all.addAll(Boards.seed(store, "lead", 200, new Random(7)));
        }
    }

    @Test
    void idsStartingWithFindsExactlyTheIdsWithThatPrefixAtEveryLength() {
        assertThat(all).doesNotHaveDuplicates().hasSize(210);
        try (Session c = repo.session("lead")) {
            c.board().read(board -> {
                for (String id : all) {
                    for (int len = 1; len <= TaskIds.LENGTH; len++) {
                        String prefix = id.substring(0, TaskIds.PREFIX.length() + len);
                        assertThat(new TreeSet<>(board.idsStartingWith(prefix)))
                                .as("ids starting with %s", prefix)
                                .isEqualTo(expected(prefix));
                        assertThat(board.idsStartingWith(prefix)).doesNotHaveDuplicates();
                    }
                    assertThat(board.idsStartingWith(id)).containsExactly(id);
                }
                assertThat(board.idsStartingWith("T-")).hasSameElementsAs(all);
                assertThat(board.idsStartingWith("T-abcdefg")).containsExactlyInAnyOrder(
                        "T-abcdefgh", "T-abcdefgk", "T-abcdefgz");
                assertThat(board.idsStartingWith("T-abc")).hasSize(expected("T-abc").size())
                        .contains("T-abc55555", "T-abcd4444", "T-abcdefgh");
                // prefixes nobody has, at and below the fan-out levels
                assertThat(board.idsStartingWith(unused(2))).isEmpty();
                assertThat(board.idsStartingWith(unused(3))).isEmpty();
                assertThat(board.idsStartingWith(unused(5))).isEmpty();
                assertThat(board.idsStartingWith("T-abcdefgj")).isEmpty();
                return null;
            });
        }
    }

    private static TreeSet<String> expected(String prefix) {
        TreeSet<String> out = new TreeSet<>();
        all.stream().filter(i -> i.startsWith(prefix)).forEach(out::add);
        return out;
    }

    /** A prefix of {@code len} characters after "T-" that no id on the board has. */
    private static String unused(int len) {
        Random random = new Random(len);
        for (int tries = 0; tries < 10_000; tries++) {
            String prefix = TaskIds.random(random).substring(0, TaskIds.PREFIX.length() + len);
            if (expected(prefix).isEmpty()) {
                return prefix;
            }
        }
        throw new AssertionError("every prefix of length " + len + " is taken");
    }

    @Test
    void resolveAcceptsAUniquePrefixInAnyCase() {
        try (Session c = repo.session("lead")) {
            assertThat(c.board().resolve("T-abcdefgh")).isEqualTo("T-abcdefgh");
            assertThat(c.board().resolve("abcdefgh")).isEqualTo("T-abcdefgh");
            assertThat(c.board().resolve("abcde3")).isEqualTo("T-abcde333");
            assertThat(c.board().resolve("t-ABCD4")).isEqualTo("T-abcd4444");
            assertThat(c.board().resolve("  T-abc5  ")).isEqualTo("T-abc55555");
            assertThat(c.board().resolve("ab6")).isEqualTo("T-ab666666");
            // the shortest unique prefix of every seeded id resolves to it
            for (String id : all) {
                String shortest = null;
                for (int len = 1; len <= TaskIds.LENGTH && shortest == null; len++) {
                    String prefix = id.substring(0, TaskIds.PREFIX.length() + len);
                    if (expected(prefix).size() == 1) {
                        shortest = prefix;
                    }
                }
                assertThat(shortest).as("%s has a unique prefix", id).isNotNull();
                assertThat(c.board().resolve(shortest.substring(TaskIds.PREFIX.length()))).isEqualTo(id);
            }
        }
    }

    @Test
    void anAmbiguousPrefixIsAUsageErrorListingTheMatches() {
        try (Session c = repo.session("lead")) {
            BatonException e = batonError(() -> c.board().resolve("abcdefg"));
            assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(e.getMessage()).contains("ambiguous")
                    .contains("T-abcdefgh").contains("T-abcdefgk").contains("T-abcdefgz")
                    .doesNotContainPattern("and \\d+ more");

            // many matches: the first five in order, and how many more
            TreeSet<String> matches = expected("T-a");
            assertThat(matches.size()).isGreaterThan(5);
            BatonException many = batonError(() -> c.board().resolve("a"));
            assertThat(many.exitCode()).isEqualTo(ExitCode.USAGE);
            List<String> firstFive = matches.stream().limit(5).toList();
            assertThat(many.getMessage()).contains(String.join(", ", firstFive))
                    .contains("and " + (matches.size() - 5) + " more");
        }
    }

    @Test
    void anUnknownOrMalformedIdIsAUsageError() {
        try (Session c = repo.session("lead")) {
            for (String typed : List.of(unused(2).substring(2), unused(4), unused(8), "T-abcdefgj")) {
                BatonException e = batonError(() -> c.board().resolve(typed));
                assertThat(e.exitCode()).as("resolve %s", typed).isEqualTo(ExitCode.USAGE);
                assertThat(e.getMessage()).contains("no task matches");
            }
            for (String typed : List.of("T-", "hello!", "T-abc/def", "T-il10")) {
                BatonException e = batonError(() -> c.board().resolve(typed));
                assertThat(e.exitCode()).as("resolve %s", typed).isEqualTo(ExitCode.USAGE);
                assertThat(e.getMessage()).contains("is not a task id");
            }
            // no id in the main worktree: there is no task to default to
            BatonException none = batonError(() -> c.board().resolve(null));
            assertThat(none.exitCode()).isEqualTo(ExitCode.USAGE);
        }
    }
}
