package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.testing.Cli;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real git repository for CLI tests ({@link TempRepo}: {@code <tempDir>/repo}, so baton's default worktree root
 * {@code <tempDir>/repo.baton} is inside the temporary directory as well), and baton run in-process against it as
 * {@code Main} runs it, with its output captured ({@link Cli}).
 */
final class CliRepo {

    /** The email of the repository's git identity, which baton falls back on when no agent is named. */
    static final String EMAIL = TempRepo.USER_EMAIL;

    private final TempRepo repo;

    private CliRepo(TempRepo repo) {
        this.repo = repo;
    }

    static CliRepo create(Path tempDir) {
        return new CliRepo(TempRepo.create(tempDir));
    }

    /** A repository with the board already made. */
    static CliRepo initialized(Path tempDir) {
        CliRepo repo = create(tempDir);
        repo.baton("init", "--as", "lead").ok();
        return repo;
    }

    Path dir() {
        return repo.dir();
    }

    /** Runs baton with {@code args} exactly as given (no -C added). */
    static Run run(String... args) {
        return Cli.run(args);
    }

    /** Runs baton in this repository ({@code -C <repo>} first). */
    Run baton(String... args) {
        return Cli.in(repo.dir(), args);
    }

    /** Runs baton as if started in {@code where} ({@code -C <where>} first). */
    static Run in(Path where, String... args) {
        return Cli.in(where, args);
    }

    /** Spawns a task as "lead" and returns its id. */
    String spawn(String title, String... more) {
        List<String> args = new ArrayList<>(List.of("spawn", title, "--as", "lead"));
        args.addAll(List.of(more));
        Run r = baton(args.toArray(String[]::new)).ok();
        assertThat(r.value()).matches("T-[0-9a-z]{8}");
        return r.value();
    }

    /** Spawns, claims and starts a task for {@code agent}; returns its worktree. */
    Path started(String id, String agent) {
        Run r = baton("start", id, "--as", agent).ok();
        Path wt = Path.of(r.value());
        assertThat(wt).isDirectory();
        return wt;
    }

    /** The task as {@code show --json} prints it. */
    JsonNode show(String id) {
        return baton("--json", "show", id).ok().json();
    }

    /** The board's tip commit, or "" when there is no board. */
    String tip() {
        Run r = repo.tryGit("rev-parse", "--verify", "--quiet", "refs/baton/board");
        return r.exitedZero() ? r.out().strip() : "";
    }

    String git(String... args) {
        return repo.git(args);
    }
}
