package dev.baton.git;

import dev.baton.BatonException;
import dev.baton.store.BoardTransport;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * Remote mode: the shared refs live on a git remote ({@code baton.remote}), reached with the {@code git} binary so
 * that the user's own ssh configuration and credential helpers apply. A refresh fetches into the local refs; a publish
 * is {@code git push --force-with-lease=<ref>:<expected>}, which the server carries out as a compare-and-swap: it
 * moves the ref only if it still holds the expected id. The local ref follows only once the push has landed, so a
 * failed push leaves nothing local that the remote does not know about.
 */
public final class GitRemoteTransport implements BoardTransport {

    /** Set on every push baton makes, so the pre-push hook can tell them from hand-made pushes to refs/baton/*. */
    public static final String PUSH_MARKER = "BATON_PUSH";

    private final Repository repo;
    private final String remote;
    private final Git git;

    public GitRemoteTransport(Repository repo, String remote) {
        this.repo = repo;
        this.remote = remote;
        File dir = repo.isBare() ? repo.getDirectory() : repo.getWorkTree();
        this.git = new Git(dir, Map.of(PUSH_MARKER, "1", "GIT_TERMINAL_PROMPT", "0"));
    }

    public String remote() {
        return remote;
    }

    @Override
    public void refresh(String ref) {
        Git.Result r = git.run("fetch", "--no-tags", "--quiet", "--no-write-fetch-head", "--end-of-options", remote,
                "+" + ref + ":" + ref);
        if (!r.ok()) {
            if (r.stderr().contains("couldn't find remote ref")) {
                if (ref.endsWith("/board")) {
                    throw BatonException.environment("remote " + remote + " has no board yet; run `baton init --remote "
                            + remote + "` to publish this one");
                }
                return;
            }
            throw unreachable(r);
        }
        stampFetch();
    }

    @Override
    public Published publish(String ref, ObjectId expectedOld, ObjectId newId, java.util.List<RefMove> companions)
            throws IOException {
        if (companions.isEmpty()) {
            return publish(ref, expectedOld, newId, false);
        }
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("push", "--porcelain", "--atomic"));
        java.util.List<String> specs = new java.util.ArrayList<>();
        for (RefMove m : companions) {
            args.add(lease(m.ref(), m.expectedOld()));
            specs.add(m.newId().name() + ":" + m.ref());
        }
        args.add(lease(ref, expectedOld));
        specs.add(newId.name() + ":" + ref);
        args.add("--end-of-options");
        args.add(remote);
        args.addAll(specs);
        Git.Result r = git.run(args.toArray(String[]::new));
        if (r.stderr().contains("does not support --atomic")) {
            for (RefMove m : companions) { // no atomic push here: companions first, then the board
                if (publish(m.ref(), m.expectedOld(), m.newId(), false) == Published.LOST_RACE) {
                    throw new CompanionMoved(m.ref() + " moved on remote " + remote + " meanwhile");
                }
            }
            return publish(ref, expectedOld, newId, false);
        }
        for (RefMove m : companions) {
            Optional<String> line = lineFor(r, m.ref());
            if (line.isPresent() && line.get().charAt(0) == '!' && line.get().contains("stale info")) {
                throw new CompanionMoved(m.ref() + " moved on remote " + remote + " meanwhile");
            }
        }
        Published p = interpret(r, ref, newId);
        if (p == Published.DONE) {
            for (RefMove m : companions) {
                followLocally(m.ref().startsWith("refs/heads/") ? "refs/remotes/" + remote + "/"
                        + m.ref().substring("refs/heads/".length()) : m.ref(), m.newId());
            }
        }
        return p;
    }

    @Override
    public Published publish(String ref, ObjectId expectedOld, ObjectId newId, boolean force) throws IOException {
        String spec = (newId == null ? "" : newId.name()) + ":" + ref;
        return interpret(git.run("push", "--porcelain", lease(ref, expectedOld), "--end-of-options", remote, spec), ref,
                newId);
    }

    /** The server lost a race for its own ref lock (two pushes at once): the same as a stale lease, decide again. */
    private static boolean lostOnServer(String text) {
        return text.contains("cannot lock ref") || text.contains("but expected") || text.contains("failed to lock")
                || text.contains("failed to update ref") || text.contains("Unable to create") && text.contains(".lock");
    }

    private static String lease(String ref, ObjectId expectedOld) {
        return "--force-with-lease=" + ref + ":" + (expectedOld == null || expectedOld.equals(ObjectId.zeroId())
                ? "" : expectedOld.name());
    }

    private static Optional<String> lineFor(Git.Result r, String ref) {
        return r.stdout().lines().filter(l -> l.contains("\t") && l.contains(":" + ref + "\t")).findFirst();
    }

    private Published interpret(Git.Result r, String ref, ObjectId newId) throws IOException {
        Optional<String> line = lineFor(r, ref);
        if (line.isEmpty()) {
            throw new OutcomeUnknown("remote " + remote + " stopped answering while baton pushed " + ref + " ("
                    + r.firstError() + ")");
        }
        char flag = line.get().charAt(0);
        if (flag == '!') {
            String why = line.get().substring(line.get().lastIndexOf('\t') + 1);
            if (why.contains("stale info") || why.contains("fetch first") || why.contains("non-fast-forward")
                    || why.contains("already exists") || why.contains("atomic push failed")
                    || lostOnServer(r.stderr() + "\n" + why)) {
                return Published.LOST_RACE;
            }
            String serverSays = r.stderr().lines().filter(l -> l.startsWith("remote: ") && !l.isBlank())
                    .map(l -> l.substring("remote: ".length()).strip()).filter(l -> !l.isEmpty())
                    .findFirst().orElse(why);
            throw BatonException.refused("remote " + remote + " refused the update of " + ref + ": " + serverSays);
        }
        followLocally(ref, newId);
        return Published.DONE;
    }

    @Override
    public String describe() {
        return "remote " + remote;
    }

    /** When the last successful fetch happened, if ever (for {@code --offline}). */
    public Optional<Instant> lastFetch() {
        File f = stampFile();
        return f.exists() ? Optional.of(Instant.ofEpochMilli(f.lastModified())) : Optional.empty();
    }

    private void followLocally(String ref, ObjectId newId) throws IOException {
        RefUpdate u = repo.updateRef(ref);
        u.disableRefLog();
        u.setForceUpdate(true);
        if (newId == null) {
            u.delete();
        } else {
            u.setNewObjectId(newId);
            u.update();
        }
    }

    private BatonException unreachable(Git.Result r) {
        return BatonException.environment("remote " + remote + " is unreachable (" + r.firstError()
                + "); nothing was changed; try again when it is back, or use --offline to read the local copy");
    }

    /** Records that the board was just fetched from the remote (what {@code --offline} tells the age of). */
    public void stampFetch() {
        try {
            File f = stampFile();
            f.getParentFile().mkdirs();
            Files.writeString(f.toPath(), Instant.now() + "\n", StandardCharsets.UTF_8);
        } catch (IOException ignored) {
            // only --offline's "how old" message depends on it
        }
    }

    private File stampFile() {
        return new File(repo.getCommonDirectory(), "baton/last-fetch");
    }
}
