package dev.baton.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.app.Repositories;
import dev.baton.core.TaskState;
import dev.baton.testing.Cli;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushes to the daemon that baton did not make, refused by the server's validator (baton's update hook): a hand-edited
 * board commit, a claim decided on an old board forced over the new one, deleting the board, forged leases. A legal
 * transition pushed by hand passes, so the validator is not refusing everything.
 */
class ForgedPushTest {

    @TempDir
    Path tmp;

    GitServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theServersValidatorRefusesForgedPushesAndTakesALegalOne() throws IOException {
        server = GitServer.create(tmp, true);
        server.startDaemon();
        Path owner = server.remoteClone(tmp, "owner");
        String x = Cli.as(owner, "boss", "spawn", "owned by agent-a").succeeds().value();
        String y = Cli.as(owner, "boss", "spawn", "still free").succeeds().value();
        Path mallory = server.remoteClone(tmp, "mallory");
        String oldTip = server.rev("refs/baton/board");
        Cli.as(owner, "agent-a", "claim", x).succeeds();
        String tip = server.rev("refs/baton/board");

        // 1. a hand-edited commit on top of the tip: X's record says mallory owns it, under a claim message
        TempRepo.gitIn(mallory, "fetch", "-q", "origin", "+refs/baton/board:refs/baton/board");
        String edited = handEdited(mallory, tip, x);
        refused(mallory, edited + ":refs/baton/board", "refusing refs/baton/board");
        assertThat(server.rev("refs/baton/board")).isEqualTo(tip);

        // 2. a legal claim of X decided on the board mallory had before, forced over the newer board
        TempRepo.gitIn(mallory, "update-ref", "refs/baton/board", oldTip);
        TempRepo.gitIn(mallory, "config", "--unset", "baton.remote");
        Cli.as(mallory, "mallory", "claim", x).succeeds();
        String rewritten = TempRepo.gitIn(mallory, "rev-parse", "refs/baton/board").strip();
        refused(mallory, "+" + rewritten + ":refs/baton/board", "refusing refs/baton/board");
        assertThat(server.rev("refs/baton/board")).isEqualTo(tip);

        // 3. deleting the board
        refused(mallory, ":refs/baton/board", "refusing to delete refs/baton/board");

        // 4. leases: one naming another task, and one that is not a lease at all
        String otherLease = blob(mallory, "{\"taskId\":\"" + y + "\",\"agent\":\"mallory\",\"epoch\":1,"
                + "\"expiresAt\":\"2099-01-01T00:00:00Z\",\"heartbeats\":1}\n");
        refused(mallory, otherLease + ":refs/baton/leases/" + x, "holds a lease of " + y);
        refused(mallory, blob(mallory, "not json\n") + ":refs/baton/leases/" + x, "not a baton lease");
        assertThat(TempRepo.tryGitIn(server.bare(), "rev-parse", "--verify", "-q", "refs/baton/leases/" + x)
                .exitedZero()).isFalse();

        // a legal transition made with baton (in local mode) on the current tip, pushed by hand: accepted
        TempRepo.gitIn(mallory, "fetch", "-q", "origin", "+refs/baton/board:refs/baton/board");
        Cli.as(mallory, "mallory", "claim", y).succeeds();
        Run legal = TempRepo.tryGitIn(mallory, "push", "--porcelain", "origin", "refs/baton/board");
        assertThat(legal.exit()).as("%s%s", legal.out(), legal.err()).isZero();
        assertThat(ServerBoard.task(server, y).assignee()).isEqualTo("mallory");
        assertThat(ServerBoard.task(server, x).assignee()).isEqualTo("agent-a");
        assertThat(ServerBoard.task(server, x).state()).isEqualTo(TaskState.ASSIGNED);
        ServerBoard.assertFsckClean(server);
    }

    /** Pushes {@code refspec} from {@code clone}; the server must refuse it through baton's hook, saying {@code why}. */
    private static void refused(Path clone, String refspec, String why) {
        Run r = TempRepo.tryGitIn(clone, "push", "--porcelain", "origin", refspec);
        assertThat(r.exit()).as("push %s:\n%s%s", refspec, r.out(), r.err()).isNotZero();
        assertThat(r.out()).as("push %s", refspec).contains("[remote rejected]").contains("hook declined");
        assertThat(r.err()).as("push %s", refspec).contains("remote: baton: ").contains(why);
    }

    private static String blob(Path clone, String content) throws IOException {
        try (Repository r = Repositories.open(clone.toFile()); ObjectInserter ins = r.newObjectInserter()) {
            ObjectId id = ins.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
            ins.flush();
            return id.name();
        }
    }

    /**
     * A commit on top of {@code tip} whose task record of {@code id} (and its index entry) names mallory as assignee,
     * with the message of the claim that made the tip, its actor changed to mallory.
     */
    private static String handEdited(Path clone, String tip, String id) throws IOException {
        try (Repository r = Repositories.open(clone.toFile()); ObjectInserter ins = r.newObjectInserter();
             ObjectReader reader = r.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(tip));
            List<String> paths = new ArrayList<>();
            ObjectId record = null;
            try (TreeWalk tw = new TreeWalk(reader)) {
                tw.addTree(commit.getTree());
                tw.setRecursive(true);
                while (tw.next()) {
                    if (tw.getPathString().endsWith(id) || tw.getPathString().endsWith(id + ".json")) {
                        paths.add(tw.getPathString());
                        record = tw.getObjectId(0);
                    }
                }
            }
            assertThat(paths).as("%s's record and index entry", id).hasSize(2);
            String json = new String(reader.open(record).getBytes(), StandardCharsets.UTF_8);
            assertThat(json).contains("\"agent-a\"");
            ObjectId forged = ins.insert(Constants.OBJ_BLOB, json.replace("\"agent-a\"", "\"mallory\"")
                    .getBytes(StandardCharsets.UTF_8));
            DirCache dc = DirCache.newInCore();
            DirCacheBuilder b = dc.builder();
            b.addTree(new byte[0], 0, reader, commit.getTree());
            b.finish();
            DirCacheEditor ed = dc.editor();
            for (String path : paths) {
                ed.add(new DirCacheEditor.PathEdit(path) {
                    @Override
                    public void apply(DirCacheEntry ent) {
                        ent.setFileMode(FileMode.REGULAR_FILE);
                        ent.setObjectId(forged);
                    }
                });
            }
            ed.finish();
            CommitBuilder cb = new CommitBuilder();
            cb.setTreeId(dc.writeTree(ins));
            cb.setParentId(commit);
            PersonIdent who = new PersonIdent("mallory", "mallory");
            cb.setAuthor(who);
            cb.setCommitter(who);
            cb.setMessage(commit.getFullMessage().replace("agent-a", "mallory"));
            ObjectId forgedCommit = ins.insert(cb);
            ins.flush();
            return forgedCommit.name();
        }
    }
}
