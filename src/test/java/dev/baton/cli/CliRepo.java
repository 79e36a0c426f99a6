package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.BoardRepo;
import dev.baton.testing.Cli;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;

/** The CLI tests' repository ({@link BoardRepo}), with or without a board. */
final class CliRepo extends BoardRepo {

    /** The email of the repository's git identity, which baton falls back on when no agent is named. */
    static final String EMAIL = TempRepo.USER_EMAIL;

    private CliRepo(TempRepo repo) {
        super(repo);
    }

    /** A repository without a board. */
    static CliRepo create(Path tempDir) {
        return new CliRepo(TempRepo.create(tempDir));
    }

    /** A repository with the board already made. */
    static CliRepo initialized(Path tempDir) {
        return new CliRepo(withBoard(TempRepo.create(tempDir)));
    }

    /** Runs baton with {@code args} exactly as given (no -C added). */
    static Run run(String... args) {
        return Cli.run(args);
    }

    /** Has {@code agent} start {@code id} (claiming it if need be); returns its worktree. */
    Path started(String id, String agent) {
        Run r = baton("start", id, "--as", agent).ok();
        Path wt = Path.of(r.value());
        assertThat(wt).isDirectory();
        return wt;
    }
}
