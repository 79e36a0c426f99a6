package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.BatonException;
import dev.baton.ExitCode;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spawn's base: a valid branch name, and a branch here (in remote mode, or the remote's as last fetched). */
class BaseBranchesTest {

    @TempDir
    Path tmp;

    private static String refused(Repository r, String base) {
        BatonException e = catchThrowableOfType(BatonException.class, () -> BaseBranches.require(r, base));
        assertThat(e).as("base %s", base).isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
        return e.getMessage();
    }

    @Test
    void localMode() {
        TempRepo repo = TempRepo.create(tmp);
        repo.git("branch", "release/1.0");
        try (Repository r = repo.openRepository()) {
            assertThatCode(() -> BaseBranches.require(r, null)).doesNotThrowAnyException();
            assertThatCode(() -> BaseBranches.require(r, "main")).doesNotThrowAnyException();
            assertThatCode(() -> BaseBranches.require(r, "release/1.0")).doesNotThrowAnyException();
            assertThat(refused(r, "nonexistent")).isEqualTo("--base: there is no branch 'nonexistent' here (see `git "
                    + "branch`)");
            assertThat(refused(r, "--lock")).isEqualTo("--base: '--lock' is not a valid branch name: it starts with "
                    + "'-'");
        }
    }

    @Test
    void remoteModeCountsTheRemotesBranchAsLastFetched() {
        TempRepo repo = TempRepo.create(tmp);
        repo.git("config", "remote.origin.url", tmp.resolve("elsewhere.git").toString());
        repo.git("config", "baton.remote", "origin");
        repo.git("update-ref", "refs/remotes/origin/feature", "HEAD");
        try (Repository r = repo.openRepository()) {
            assertThatCode(() -> BaseBranches.require(r, "feature")).doesNotThrowAnyException();
            assertThatCode(() -> BaseBranches.require(r, "main")).doesNotThrowAnyException();
            assertThat(refused(r, "unfetched")).isEqualTo("--base: there is no branch 'unfetched' here nor on remote "
                    + "origin as last fetched (git fetch origin unfetched)");
        }
    }
}
