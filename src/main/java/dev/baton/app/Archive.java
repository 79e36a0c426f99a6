package dev.baton.app;

import dev.baton.BatonException;
import dev.baton.store.BoardStore;
import dev.baton.store.CheckpointArchive;
import dev.baton.git.Git;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.commons.io.FileUtils;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The archive repository, {@code <git-common-dir>/baton/archive.git}: a bare repository that keeps each board history
 * a checkpoint cut off, under {@code refs/baton/archive/<old tip id>}, so that {@code git gc} in either repository
 * loses nothing. Written and read with the git binary: a long history is tens of millions of objects, more than JGit
 * can copy or even index in a small heap.
 */
public final class Archive implements CheckpointArchive {

    /** The folder of the archive refs. */
    public static final String REFS = "refs/baton/archive/";

    private final Repository repo;
    private final File dir;

    private Archive(Repository repo, File dir) {
        this.repo = repo;
        this.dir = dir;
    }

    /** The archive of {@code repo}'s board (it may not exist yet). */
    public static Archive of(Repository repo) {
        return new Archive(repo, new File(new File(repo.getCommonDirectory(), "baton"), "archive.git"));
    }

    public File dir() {
        return dir;
    }

    /** The ref that keeps {@code tip}. */
    public static String refFor(ObjectId tip) {
        return REFS + tip.name();
    }

    @Override
    public boolean present() {
        return new File(dir, "HEAD").isFile();
    }

    @Override
    public String describe() {
        return dir.getPath();
    }

    @Override
    public Optional<ArchivedTip> lookup(String ref) {
        if (!present()) {
            return Optional.empty();
        }
        Git.Result commit = archive().run("rev-parse", "--verify", "--quiet", ref + "^{commit}");
        if (!commit.ok()) {
            return Optional.empty();
        }
        String id = commit.stdout().strip();
        String tree = archive().check("rev-parse", "--verify", "--quiet", id + "^{tree}").strip();
        return Optional.of(new ArchivedTip(ObjectId.fromString(id), ObjectId.fromString(tree)));
    }

    /** The archive's refs, oldest checkpoint first. */
    public List<String> refs() {
        if (!present()) {
            return List.of();
        }
        return archive().check("for-each-ref", "--sort=committerdate", "--format=%(refname)", REFS).lines().toList();
    }

    /**
     * Makes the archive hold {@code tip} and its whole history under {@link #refFor}, and checks that the ref points
     * at it. The first time, the archive is a local clone of this repository (git hard-links the object files rather
     * than copying them), made beside its final place and moved there once complete; later, a push of the tip, which
     * sends only what the archive lacks.
     */
    public BoardStore.Archived keep(RevCommit tip, Consumer<String> progress) {
        String ref = refFor(tip);
        long transitions = Long.parseLong(main().check("rev-list", "--count", tip.name()).strip()) - 1;
        long started = System.nanoTime();
        if (!present()) {
            progress.accept("archiving " + transitions + " transitions: a new archive at " + dir
                    + " (git clone --local) ...");
            create(tip);
        } else {
            progress.accept("archiving " + transitions + " transitions to " + dir + " (git push) ...");
            main().check("push", "--quiet", "--no-verify", dir.getPath(), "+" + tip.name() + ":" + ref);
        }
        ObjectId archived = lookup(ref).map(ArchivedTip::commit).orElse(null);
        if (!tip.equals(archived)) {
            throw BatonException.environment("the archive's " + ref + " does not point at " + tip.name()
                    + " after copying it (" + (archived == null ? "no such ref" : archived.name()) + "); nothing"
                    + " was changed on the board");
        }
        progress.accept("archived as " + ref + " in " + seconds(started));
        return new BoardStore.Archived(ref, transitions);
    }

    /** Clones this repository's objects to a fresh bare repository that holds only the archive ref. */
    private void create(RevCommit tip) {
        File tmp = new File(dir.getParentFile(), "archive.git.tmp-" + ProcessHandle.current().pid());
        try {
            FileUtils.deleteDirectory(tmp);
            new Git(repo.getCommonDirectory()).check("clone", "--bare", "--local", "--quiet",
                    repo.getCommonDirectory().getAbsolutePath(), tmp.getAbsolutePath());
            Git fresh = new Git(tmp);
            fresh.check("config", "--remove-section", "remote.origin");
            for (String other : fresh.check("for-each-ref", "--format=%(refname)").lines().toList()) {
                fresh.check("update-ref", "-d", other);
            }
            fresh.check("update-ref", refFor(tip), tip.name(), ObjectId.zeroId().name());
            if (present()) { // another checkpoint made it meanwhile: keep that one, push into it
                FileUtils.deleteDirectory(tmp);
                main().check("push", "--quiet", "--no-verify", dir.getPath(), "+" + tip.name() + ":" + refFor(tip));
                return;
            }
            Files.move(tmp.toPath(), dir.toPath(), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw BatonException.environment("cannot create the archive at " + dir + ": " + e.getMessage(), e);
        } finally {
            FileUtils.deleteQuietly(tmp); // a leftover temporary folder is harmless; the next checkpoint replaces it
        }
    }

    /**
     * Replays every history the archive keeps, oldest checkpoint first ({@link dev.baton.store.BoardFsck}); a history
     * that itself starts at a checkpoint is checked against the ref it names here. Reads the archive with JGit, so it
     * needs the heap that a repository of that many objects needs.
     */
    public java.util.Map<String, dev.baton.store.BoardFsck.Report> replay(java.util.function.IntConsumer progress) {
        java.util.Map<String, dev.baton.store.BoardFsck.Report> out = new java.util.LinkedHashMap<>();
        if (!present()) {
            return out;
        }
        try (Repository archived = new org.eclipse.jgit.storage.file.FileRepositoryBuilder().setGitDir(dir)
                .setMustExist(true).build()) {
            for (String ref : refs()) {
                out.put(ref, dev.baton.store.BoardFsck.check(archived, archived.exactRef(ref).getObjectId(), progress,
                        this));
            }
        } catch (IOException e) {
            throw BatonException.environment("cannot read the archive at " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Drops the history that only the archive keeps now from this repository's packs: {@code git repack -a -d}
     * writes one pack of what is reachable and deletes the old ones. ({@code git gc} would instead keep the
     * unreachable objects for two weeks, loose or in a cruft pack.) A reflog of the board would keep the old tips
     * reachable, so it is emptied first; baton writes none.
     */
    public void repackMain(Consumer<String> progress) {
        long started = System.nanoTime();
        if (new File(repo.getCommonDirectory(), "logs/" + dev.baton.store.BoardLayout.REF).isFile()) {
            main().check("reflog", "expire", "--expire=now", "--expire-unreachable=now", dev.baton.store.BoardLayout.REF);
        }
        progress.accept("repacking " + repo.getCommonDirectory() + " without the archived history (git repack -a -d) ...");
        main().check("repack", "-a", "-d", "-q");
        progress.accept("repacked in " + seconds(started));
    }

    private Git main() {
        return new Git(repo.getCommonDirectory());
    }

    private Git archive() {
        return new Git(dir);
    }

    private static String seconds(long startedNanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - startedNanos) / 1e9);
    }
}
