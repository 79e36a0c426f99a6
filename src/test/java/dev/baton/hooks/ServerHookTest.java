package dev.baton.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.app.Session;
import dev.baton.core.Approve;
import dev.baton.core.Claim;
import dev.baton.core.Command;
import dev.baton.core.Event;
import dev.baton.core.Handoff;
import dev.baton.core.Merge;
import dev.baton.core.Role;
import dev.baton.core.TaskState;
import dev.baton.store.EventCodec;
import dev.baton.testing.Run;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's validator: a bare repository with the update hook from `baton hooks install --server`, and pushes of
 * refs/baton/board to it over a file path. Legal transitions made by baton pass; forged commits (made with git's
 * plumbing, as anyone could) are refused with the reason shown to the pusher, and the server's board does not move.
 */
class ServerHookTest {

    static final String BOARD = "refs/baton/board";
    static final Map<String, String> BATON_PUSH = Map.of("BATON_PUSH", "1");

    @TempDir
    Path tmp;

    HookRepo repo;
    Path server;

    @BeforeEach
    void setUp() {
        repo = HookRepo.create(tmp);
        server = tmp.resolve("server.git");
        repo.git(tmp, "init", "-q", "--bare", server.toString()).succeeds();
        repo.baton("hooks", "install", "--server", server.toString()).succeeds();
        repo.git(repo.dir, "remote", "add", "server", server.toString()).succeeds();
        try (Session lead = repo.as("lead")) {
            lead.transitions().setRoles("lead", List.of(Role.ADMIN, Role.REVIEWER, Role.MERGER));
            lead.transitions().setRoles("alice", List.of(Role.WORKER));
            lead.transitions().setRoles("bob", List.of(Role.WORKER, Role.REVIEWER));
        }
        push(BOARD).succeeds(); // a new board: checked from its init commit
        assertThat(serverTip()).isEqualTo(repo.revParse(repo.dir, BOARD));
    }

    @Test
    void legalTransitionsMadeByBatonAreAccepted() {
        String id = repo.spawn("alice", "legal work");
        repo.start("alice", id, null);
        try (Session alice = repo.as("alice")) {
            alice.transitions().done(id, null, new Handoff("did it", null, null, null, null));
        }
        try (Session bob = repo.as("bob")) {
            bob.transitions().approve(id);
        }
        Run r = push(BOARD).succeeds();
        assertThat(r.err()).doesNotContain("baton:");
        assertThat(serverTip()).isEqualTo(repo.revParse(repo.dir, BOARD));
    }

    @Test
    void anIllegalStateJumpIsRefused() {
        String id = repo.spawn("alice", "queued");
        push(BOARD).succeeds();
        String tip = repo.revParse(repo.dir, BOARD);
        // QUEUED straight to COMPLETED, recorded as a merge, the board's files left as they were
        String forged = forge(tip, tree(tip), "lead", new Merge(id, "0".repeat(40)), id, TaskState.QUEUED,
                TaskState.COMPLETED, 0);

        Run r = pushForged(forged).refused();

        assertThat(r.err()).contains("remote: baton: refusing refs/baton/board")
                .contains("which the state machine refuses: " + id + " is QUEUED")
                .contains("remote: hint: the board takes only transitions baton made");
        assertThat(serverTip()).isEqualTo(tip);
    }

    @Test
    void aStolenClaimIsRefused() {
        String id = repo.spawn("lead", "alice's");
        try (Session alice = repo.as("alice")) {
            alice.transitions().claim(id, null);
        }
        push(BOARD).succeeds();
        String tip = repo.revParse(repo.dir, BOARD);
        String forged = forge(tip, tree(tip), "bob", new Claim(id, 900), id, TaskState.ASSIGNED, TaskState.ASSIGNED, 2);

        Run r = pushForged(forged).refused();

        assertThat(r.err()).contains("remote: baton: refusing refs/baton/board")
                .contains("records `claim " + id).contains(id + " is already claimed by alice");
        assertThat(serverTip()).isEqualTo(tip);
    }

    @Test
    void aTransitionWhoseAuthorIsNotItsActorIsRefused() {
        String id = repo.spawn("lead", "claimed in someone else's name");
        push(BOARD).succeeds();
        try (Session alice = repo.as("alice")) {
            alice.transitions().claim(id, null);
        }
        String legal = repo.revParse(repo.dir, BOARD);
        String parent = repo.revParse(repo.dir, BOARD + "^");
        String forged = commitTree(parent, tree(legal), "bob", repo.message(repo.dir, legal));

        Run r = pushForged(forged).refused();

        assertThat(r.err()).contains("authored by bob but records actor alice");
        assertThat(serverTip()).isEqualTo(parent);
    }

    @Test
    void anEditedSnapshotIsRefused() {
        String id = repo.spawn("lead", "to be edited");
        push(BOARD).succeeds();
        try (Session alice = repo.as("alice")) {
            alice.transitions().claim(id, null);
        }
        String legal = repo.revParse(repo.dir, BOARD);
        String parent = repo.revParse(repo.dir, BOARD + "^");
        // the same claim, but the task's record says priority 0 where the replay says 2
        String path = repo.git(repo.dir, "ls-tree", "-r", "--name-only", legal, "tasks").succeeds().out().strip();
        String record = repo.git(repo.dir, "cat-file", "blob", legal + ":" + path).succeeds().out();
        assertThat(record).contains("\"priority\" : 2");
        String edited = repo.run(repo.dir, Map.of(), record.replace("\"priority\" : 2", "\"priority\" : 0"),
                "git", "hash-object", "-w", "--stdin").succeeds().out().strip();
        String forged = commitTree(parent, replaceBlob(legal, path, edited), "alice", repo.message(repo.dir, legal));

        Run r = pushForged(forged).refused();

        assertThat(r.err()).contains("its board differs from the replay of `claim " + id)
                .contains("(the snapshot was edited)");
        assertThat(serverTip()).isEqualTo(parent);
    }

    @Test
    void aCommitInAnotherFormatThanItsBoardIsRefused() {
        String id = repo.spawn("lead", "to be started");
        push(BOARD).succeeds();
        repo.start("alice", id, null);
        String legal = repo.revParse(repo.dir, BOARD);
        String parent = repo.revParse(repo.dir, BOARD + "^");
        String message = repo.message(repo.dir, legal);
        assertThat(message).contains("\nBaton-Format: 3\n");
        // the same start, tree and parent, its message saying format 2 on a board of format 3
        String forged = commitTree(parent, tree(legal), "alice",
                message.replace("\nBaton-Format: 3\n", "\nBaton-Format: 2\n"));

        Run r = pushForged(forged).refused();

        assertThat(r.err()).contains("remote: baton: refusing refs/baton/board")
                .contains("says Baton-Format: 2 on a board of format 3; a board keeps its format");
        assertThat(serverTip()).isEqualTo(parent);
    }

    @Test
    void aRewriteOfTheBoardsHistoryIsRefused() {
        String first = repo.spawn("lead", "first");
        String second = repo.spawn("lead", "second");
        try (Session alice = repo.as("alice")) {
            alice.transitions().claim(first, null);
        }
        push(BOARD).succeeds();
        String tip = repo.revParse(repo.dir, BOARD);
        // take the claim back out of history and put another in its place: a legal chain, but not on the tip
        repo.git(repo.dir, "update-ref", BOARD, BOARD + "^").succeeds();
        try (Session alice = repo.as("alice")) {
            alice.transitions().claim(second, null);
        }

        Run r = repo.git(repo.dir, BATON_PUSH, "push", "server", "+" + BOARD + ":" + BOARD).refused();

        assertThat(r.err()).contains("does not descend from the board's tip").contains("no rewrites");
        assertThat(serverTip()).isEqualTo(tip);
    }

    @Test
    void aCheckpointCannotBePushedButOneMadeWhereTheSharedBoardLivesIsFollowed() {
        String id = repo.spawn("lead", "before the checkpoint");
        push(BOARD).succeeds();
        String tip = serverTip();
        assertThat(repo.baton("--as", "lead", "checkpoint").exit()).isZero();

        Run r = repo.git(repo.dir, BATON_PUSH, "push", "server", "+" + BOARD + ":" + BOARD).refused();

        assertThat(r.err()).contains("does not descend from the board's tip");
        assertThat(serverTip()).isEqualTo(tip);

        // checkpointed in the server's own repository, the board goes on there and in every clone that fetches it
        assertThat(dev.baton.testing.Cli.in(server, "--as", "lead", "checkpoint").exit()).isZero();
        String root = serverTip();
        assertThat(repo.git(server, "rev-list", "--count", root).succeeds().out().strip()).isEqualTo("1");
        repo.git(repo.dir, "fetch", "-q", "server", "+" + BOARD + ":" + BOARD).succeeds();
        try (Session alice = repo.as("alice")) {
            alice.transitions().claim(id, null);
        }
        push(BOARD).succeeds();
        assertThat(repo.git(server, "rev-parse", BOARD + "^").succeeds().out().strip()).isEqualTo(root);
        repo.baton("fsck").succeeds();
    }

    @Test
    void aSelfApprovalIsRefused() {
        String id = repo.spawn("lead", "bob reviews his own");
        repo.start("bob", id, null);
        try (Session bob = repo.as("bob")) {
            bob.transitions().done(id, null, Handoff.NONE);
        }
        push(BOARD).succeeds();
        String tip = repo.revParse(repo.dir, BOARD);
        String forged = forge(tip, tree(tip), "bob", new Approve(id), id, TaskState.IN_REVIEW, TaskState.APPROVED, 1);

        Run r = pushForged(forged).refused();

        assertThat(r.err()).contains(id + " is assigned to you (bob); someone else must approve it");
        assertThat(serverTip()).isEqualTo(tip);
    }

    @Test
    void anAgentWithoutTheRoleIsRefused() {
        String id = repo.spawn("lead", "bob's work, alice approves");
        repo.start("bob", id, null);
        try (Session bob = repo.as("bob")) {
            bob.transitions().done(id, null, Handoff.NONE);
        }
        push(BOARD).succeeds();
        String tip = repo.revParse(repo.dir, BOARD);
        String forged = forge(tip, tree(tip), "alice", new Approve(id), id, TaskState.IN_REVIEW, TaskState.APPROVED, 1);

        Run r = pushForged(forged).refused();

        assertThat(r.err()).contains("alice may not approve: that needs the reviewer role (roles held: worker)");
        assertThat(serverTip()).isEqualTo(tip);

        // the same approval by a reviewer, made by baton, goes through
        try (Session bob = repo.as("lead")) {
            bob.transitions().approve(id);
        }
        push(BOARD).succeeds();
        assertThat(serverTip()).isEqualTo(repo.revParse(repo.dir, BOARD));
    }

    @Test
    void theBoardCannotBeDeletedAndLeasesMustBeLeases() {
        Run delete = repo.git(repo.dir, BATON_PUSH, "push", "server", ":" + BOARD).refused();
        assertThat(delete.err()).contains("refusing to delete refs/baton/board");
        assertThat(serverTip()).isNotEmpty();

        String id = repo.spawn("lead", "leased");
        repo.start("alice", id, null);
        try (Session alice = repo.as("alice")) {
            alice.leases().heartbeat(id, null, "going well", null);
        }
        push(BOARD).succeeds();
        String lease = "refs/baton/leases/" + id;
        push(lease).succeeds();

        String junk = repo.run(repo.dir, Map.of(), "not a lease\n", "git", "hash-object", "-w", "--stdin").succeeds()
                .out()
                .strip();
        Run r = repo.git(repo.dir, BATON_PUSH, "push", "server", "+" + junk + ":" + lease).refused();
        assertThat(r.err()).contains("refusing " + lease + ": not a baton lease");

        String other = repo.spawn("lead", "another");
        Run misnamed = repo.git(repo.dir, BATON_PUSH, "push", "server",
                "+" + repo.revParse(repo.dir, lease) + ":refs/baton/leases/" + other).refused();
        assertThat(misnamed.err()).contains("it holds a lease of " + id + ", not of " + other);

        // refs outside refs/baton are not the validator's business
        repo.git(repo.dir, "push", "-q", "server", "main").succeeds();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private Run push(String ref) {
        return repo.git(repo.dir, BATON_PUSH, "push", "server", ref + ":" + ref);
    }

    private Run pushForged(String commit) {
        return repo.git(repo.dir, BATON_PUSH, "push", "server", commit + ":" + BOARD);
    }

    private String serverTip() {
        Run r = repo.git(server, "rev-parse", "--verify", "--quiet", BOARD);
        return r.exit() == 0 ? r.out().strip() : "";
    }

    private String tree(String commit) {
        return repo.revParse(repo.dir, commit + "^{tree}");
    }

    /** A board commit on {@code parent} recording {@code command} by {@code actor}, with the tree given. */
    private String forge(String parent, String tree, String actor, Command command, String id, TaskState from,
                         TaskState to, long epoch) {
        String title = repo.task(id).title();
        Event e = new Event(command, actor, Instant.now(), id, title, from, to, epoch);
        return commitTree(parent, tree, actor, EventCodec.message(e));
    }

    private String commitTree(String parent, String tree, String author, String message) {
        Map<String, String> who = Map.of("GIT_AUTHOR_NAME", author, "GIT_AUTHOR_EMAIL", author + "@baton",
                "GIT_COMMITTER_NAME", author, "GIT_COMMITTER_EMAIL", author + "@baton");
        return repo.run(repo.dir, who, message, "git", "commit-tree", tree, "-p", parent, "-F", "-").succeeds().out()
                .strip();
    }

    /** The tree of {@code commit} with the blob at {@code path} replaced. */
    private String replaceBlob(String commit, String path, String blob) {
        Map<String, String> index = Map.of("GIT_INDEX_FILE", tmp.resolve("forge.index").toString());
        repo.git(repo.dir, index, "read-tree", commit).succeeds();
        repo.git(repo.dir, index, "update-index", "--cacheinfo", "100644," + blob + "," + path).succeeds();
        return repo.git(repo.dir, index, "write-tree").succeeds().out().strip();
    }
}
