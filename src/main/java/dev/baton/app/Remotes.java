package dev.baton.app;

import dev.baton.BatonException;
import dev.baton.git.GitRemoteTransport;
import dev.baton.store.BoardLayout;
import dev.baton.store.BoardStore;
import dev.baton.store.BoardTransport;
import dev.baton.store.LocalTransport;
import dev.baton.git.Git;
import java.io.File;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;

/** Remote mode: which transport a repository uses, and the commands that set it up and keep it in step. */
final class Remotes {

    static final String CONFIG = "remote";

    private Remotes() {
    }

    static BoardTransport transportFor(Repository repo) {
        String remote = repo.getConfig().getString("baton", null, CONFIG);
        if (remote == null || remote.isBlank()) {
            return new LocalTransport(repo);
        }
        if (repo.getConfig().getString("remote", remote.trim(), "url") == null) {
            // a configuration error, not a mistake on the command line: the environment's exit code
            throw BatonException.environment("git config baton.remote names '" + remote + "', which is not a remote"
                    + " here (see `git remote -v`)");
        }
        return new GitRemoteTransport(repo, remote.trim());
    }

    static String connect(Repository repo, String remote, String actor, Instant now) {
        if (repo.getConfig().getString("remote", remote, "url") == null) {
            throw BatonException.usage("'" + remote + "' is not a remote of this repository (see `git remote -v`)");
        }
        GitRemoteTransport transport = new GitRemoteTransport(repo, remote);
        File dir = repo.isBare() ? repo.getDirectory() : repo.getWorkTree();
        Git git = new Git(dir, Map.of("GIT_TERMINAL_PROMPT", "0"));
        String incoming = "refs/baton/incoming/board";
        Git.Result fetched = git.run("fetch", "--no-tags", "--quiet", "--no-write-fetch-head", "--end-of-options",
                remote, "+" + BoardLayout.REF + ":" + incoming);
        String result;
        try {
            if (!fetched.ok() && !fetched.stderr().contains("couldn't find remote ref")) {
                throw BatonException.environment("remote " + remote + " is unreachable (" + fetched.firstError() + ")");
            }
            BoardStore local = new BoardStore(repo, Clock.fixed(now, ZoneOffset.UTC));
            if (!fetched.ok()) {
                local.init(actor);
                BoardTransport.Published p = transport.publish(BoardLayout.REF, org.eclipse.jgit.lib.ObjectId.zeroId(),
                        local.tip().orElseThrow(), false);
                if (p != BoardTransport.Published.DONE) {
                    throw BatonException.environment("another clone published a board to " + remote
                            + " meanwhile; run `baton init --remote " + remote + "` again to adopt it");
                }
                result = "published this board to remote " + remote;
            } else {
                String theirs = git.check("rev-parse", "--verify", "--end-of-options", incoming).strip();
                var mine = local.tip();
                boolean onlyInit = mine.isEmpty() || git.run("rev-parse", "--verify", "--quiet", "--end-of-options",
                        mine.get().name() + "^").stdout().isBlank();
                boolean behind = mine.isPresent() && git.run("merge-base", "--is-ancestor", "--end-of-options",
                        mine.get().name(), theirs).ok();
                if (!onlyInit && !behind) {
                    throw BatonException.environment("this repository has a board of its own that remote " + remote
                            + " does not have; baton will not replace it (move it aside with `git update-ref -d "
                            + BoardLayout.REF + "` to adopt the remote's)");
                }
                git.check("update-ref", "--end-of-options", BoardLayout.REF, theirs);
                result = "adopted the board of remote " + remote;
            }
            transport.stampFetch(); // the local copy is the remote's as of now: --offline tells its age from here
        } catch (IOException e) {
            throw BatonException.environment("cannot publish the board: " + e.getMessage(), e);
        } finally {
            git.run("update-ref", "-d", "--end-of-options", incoming);
        }
        try {
            StoredConfig config = repo.getConfig();
            config.setString("baton", null, CONFIG, remote);
            config.save();
        } catch (IOException e) {
            throw BatonException.environment("cannot write git config baton.remote: " + e.getMessage(), e);
        }
        return result;
    }

    /** Fetches {@code branch} from the remote; returns its tip there. */
    static String fetchBranch(Repository repo, String remote, String branch) {
        File dir = repo.isBare() ? repo.getDirectory() : repo.getWorkTree();
        Git git = new Git(dir, Map.of("GIT_TERMINAL_PROMPT", "0"));
        String tracking = "refs/remotes/" + remote + "/" + branch;
        Git.Result r = git.run("fetch", "--no-tags", "--quiet", "--no-write-fetch-head", "--end-of-options",
                remote, "+refs/heads/" + branch + ":" + tracking);
        if (!r.ok()) {
            throw BatonException.environment("cannot fetch " + branch + " from remote " + remote + " (" + r.firstError() + ")");
        }
        return git.check("rev-parse", "--verify", "--end-of-options", tracking).strip();
    }

    static List<String> sync(Repository repo, String remote) {
        File dir = repo.isBare() ? repo.getDirectory() : repo.getWorkTree();
        Git git = new Git(dir, Map.of(GitRemoteTransport.PUSH_MARKER, "1", "GIT_TERMINAL_PROMPT", "0"));
        List<String> out = new ArrayList<>();
        Git.Result fetched = git.run("fetch", "--no-tags", "--quiet", "--no-write-fetch-head", "--end-of-options",
                remote, "+" + BoardLayout.REF + ":" + BoardLayout.REF, "+refs/baton/leases/*:refs/baton/leases/*",
                "refs/baton/channels/*:refs/baton/channels/*");
        if (!fetched.ok()) {
            throw BatonException.environment("remote " + remote + " is unreachable (" + fetched.firstError() + ")");
        }
        out.add("fetched refs/baton/* from " + remote);
        // Channels and cursors are appended locally only through baton, which pushes as it goes; push what the remote
        // lacks (fast-forward only, so nothing on the remote is ever overwritten).
        Git.Result pushed = git.run("push", "--porcelain", "--end-of-options", remote,
                "refs/baton/channels/*:refs/baton/channels/*",
                "refs/baton/cursors/*:refs/baton/cursors/*");
        out.add(pushed.ok() ? "pushed refs/baton/channels and cursors to " + remote
                : "push of channels/cursors: " + pushed.firstError());
        return out;
    }
}
