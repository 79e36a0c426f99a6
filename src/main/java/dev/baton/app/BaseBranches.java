package dev.baton.app;

import dev.baton.BatonException;
import dev.baton.core.BranchNames;
import java.io.IOException;
import org.eclipse.jgit.lib.Repository;

/**
 * The check a spawn's {@code --base} passes before anything is written: a name git accepts for a branch
 * ({@link BranchNames}) and a branch the repository has. In remote mode ({@code baton.remote}) its remote-tracking
 * branch counts as well (what the last fetch saw; baton does not fetch for the check), so a base made on another clone
 * must be fetched first.
 */
public final class BaseBranches {

    private BaseBranches() {
    }

    /** Throws a usage error (exit 2) unless {@code base} is null or names a branch this repository can work from. */
    public static void require(Repository repo, String base) {
        if (base == null) {
            return;
        }
        if (!BranchNames.isValid(base)) {
            throw BatonException.usage("--base: " + BranchNames.why(base));
        }
        String remote = repo.getConfig().getString("baton", null, Remotes.CONFIG);
        boolean remoteMode = remote != null && !remote.isBlank();
        if (exists(repo, "refs/heads/" + base)
                || remoteMode && exists(repo, "refs/remotes/" + remote.trim() + "/" + base)) {
            return;
        }
        throw BatonException.usage("--base: there is no branch '" + base + "' here" + (remoteMode
                ? " nor on remote " + remote.trim() + " as last fetched (git fetch " + remote.trim() + " " + base + ")"
                : " (see `git branch`)"));
    }

    private static boolean exists(Repository repo, String ref) {
        try {
            return repo.exactRef(ref) != null;
        } catch (IOException e) {
            throw BatonException.environment("cannot read " + ref + ": " + e.getMessage(), e);
        }
    }
}
