package dev.baton.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.app.Session;
import dev.baton.core.TaskState;
import dev.baton.testing.Cli;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote mode against a bare repository reached over its file path: publishing and adopting the board, reads that
 * fetch first, leases and sync, a stale clone refused at every layer, and what an unreachable remote does.
 */
class FileRemoteTest {

    @TempDir
    Path tmp;

    GitServer server;

    @BeforeEach
    void serve() {
        server = GitServer.create(tmp, false);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path clone(String name) {
        return TempRepo.cloneOf(tmp, server.fileUrl(), name).dir();
    }

    private static String board(Path clone) {
        return TempRepo.gitIn(clone, "rev-parse", "refs/baton/board").strip();
    }

    @Test
    void theFirstClonePublishesTheOthersAdoptAndEveryReadFetchesFirst() {
        Path c0 = clone("c0");
        Path c1 = clone("c1");
        assertThat(Cli.as(c0, "agent-0", "init", "--remote", "origin").succeeds().out())
                .contains("published this board to remote origin");
        assertThat(Cli.as(c1, "agent-1", "init", "--remote", "origin").succeeds().out())
                .contains("adopted the board of remote origin");
        assertThat(TempRepo.gitIn(c1, "config", "baton.remote").strip()).isEqualTo("origin");
        assertThat(board(c0)).isEqualTo(board(c1)).isEqualTo(server.rev("refs/baton/board"));

        String id = Cli.as(c0, "boss", "spawn", "shared work").succeeds().value();
        assertThat(Cli.as(c1, "agent-1", "list").succeeds().out()).contains(id);
        Cli.as(c1, "agent-1", "claim", id).succeeds();
        assertThat(Cli.as(c0, "agent-0", "show", id).succeeds().out()).contains("ASSIGNED").contains("agent-1");
        assertThat(server.rev("refs/baton/board")).isEqualTo(board(c1));

        // a lease travels as refs/baton/leases/<id>
        Cli.as(c1, "agent-1", "heartbeat", id, "-m", "halfway there").succeeds();
        assertThat(server.git("for-each-ref", "--format=%(refname)", "refs/baton/leases/")).contains(id);
        try (Session other = TempRepo.sessionAt(c0, "agent-0", RemoteDrainWorker.CLOCK)) {
            assertThat(other.board().task(id).assignee()).isEqualTo("agent-1");
            assertThat(other.board().lease(id)).hasValueSatisfying(l -> assertThat(l.note()).isEqualTo("halfway there"));
        }

        // --offline reads the local copy and says how old it is; it never writes
        Run offline = Cli.as(c0, "agent-0", "--offline", "list");
        assertThat(offline.exit()).isZero();
        assertThat(offline.err()).contains("offline: the local copy of the board was fetched");
        assertThat(Cli.as(c0, "agent-0", "--offline", "spawn", "not now").exit()).isEqualTo(2);

        assertThat(Cli.as(c0, "agent-0", "sync").succeeds().out()).contains("fetched refs/baton/* from origin");
        // plain git does what sync's fetch does; a clone without remote mode then reads the board locally
        Path plain = clone("plain");
        TempRepo.gitIn(plain, "fetch", "-q", "origin", "refs/baton/*:refs/baton/*");
        assertThat(board(plain)).isEqualTo(server.rev("refs/baton/board"));
        assertThat(Cli.as(plain, "reader", "show", id).succeeds().out()).contains("ASSIGNED").contains("agent-1");
        assertThat(TempRepo.gitIn(plain, "rev-parse", "refs/baton/leases/" + id).strip())
                .isEqualTo(server.rev("refs/baton/leases/" + id));
    }

    @Test
    void aStaleCloneTryingToClaimAClaimedTaskIsRefusedByBatonByTheLeaseAndByGit() {
        Path c0 = clone("c0");
        Cli.as(c0, "agent-0", "init", "--remote", "origin").succeeds();
        String id = Cli.as(c0, "boss", "spawn", "wanted by two").succeeds().value();
        Path stale = clone("stale");
        Cli.as(stale, "agent-s", "init", "--remote", "origin").succeeds();
        String staleTip = board(stale);

        Cli.as(c0, "agent-0", "claim", id).succeeds();
        String tip = server.rev("refs/baton/board");
        assertThat(tip).isNotEqualTo(staleTip);

        // the stale clone's own copy still says QUEUED...
        Run offline = Cli.as(stale, "agent-s", "--offline", "show", id);
        assertThat(offline.succeeds().out()).contains("QUEUED");
        assertThat(offline.err()).contains("offline: the local copy of the board was fetched");
        // ...but a claim fetches first and is refused
        Run claim = Cli.as(stale, "agent-s", "claim", id);
        assertThat(claim.exit()).as("%s", claim).isEqualTo(1);
        assertThat(claim.err()).contains("already claimed by agent-0");
        assertThat(server.rev("refs/baton/board")).isEqualTo(tip);
        assertThat(board(stale)).isEqualTo(tip);

        // a claim decided on the stale board (in local mode) cannot be pushed over the newer one
        TempRepo.gitIn(stale, "update-ref", "refs/baton/board", staleTip);
        TempRepo.gitIn(stale, "config", "--unset", "baton.remote");
        Cli.as(stale, "agent-s", "claim", id).succeeds();
        String forged = board(stale);
        Run lease = TempRepo.tryGitIn(stale, "push", "--porcelain",
                "--force-with-lease=refs/baton/board:" + staleTip, "origin", forged + ":refs/baton/board");
        assertThat(lease.exit()).isNotZero();
        assertThat(lease.out()).contains("stale info");
        Run plain = TempRepo.tryGitIn(stale, "push", "--porcelain", "origin", "refs/baton/board");
        assertThat(plain.exit()).isNotZero();
        assertThat(plain.out()).containsAnyOf("fetch first", "non-fast-forward");
        assertThat(server.rev("refs/baton/board")).isEqualTo(tip);

        // back in remote mode the local-only claim is replaced by the remote's board at the next read
        TempRepo.gitIn(stale, "config", "baton.remote", "origin");
        Run again = Cli.as(stale, "agent-s", "claim", id);
        assertThat(again.exit()).as("%s", again).isEqualTo(1);
        assertThat(again.err()).contains("already claimed by agent-0");
        assertThat(board(stale)).isEqualTo(tip);
        try (Session reader = ServerBoard.open(server)) {
            assertThat(reader.board().task(id).assignee()).isEqualTo("agent-0");
            assertThat(reader.board().task(id).state()).isEqualTo(TaskState.ASSIGNED);
        }
        assertThat(ServerBoard.claims(server).get(id)).containsExactly("agent-0");
    }

    @Test
    void anUnreachableRemoteIsExitThreeAndChangesNothing() {
        Path c0 = clone("c0");
        Cli.as(c0, "agent-0", "init", "--remote", "origin").succeeds();
        String id = Cli.as(c0, "boss", "spawn", "out of reach").succeeds().value();
        String before = board(c0);
        TempRepo.gitIn(c0, "remote", "set-url", "origin", tmp.resolve("gone.git").toString());

        for (String[] args : new String[][] {{"list"}, {"show", id}, {"claim", id}, {"claim", "--next"},
                {"spawn", "more"}, {"sync"}}) {
            Run r = Cli.as(c0, "agent-0", args);
            assertThat(r.exit()).as("baton %s: %s", String.join(" ", args), r).isEqualTo(3);
            assertThat(r.err()).as("baton %s", String.join(" ", args)).contains("unreachable");
        }
        assertThat(board(c0)).isEqualTo(before);
        assertThat(Cli.as(c0, "agent-0", "--offline", "show", id).succeeds().out()).contains("QUEUED");

        TempRepo.gitIn(c0, "config", "baton.remote", "nosuch");
        assertThat(Cli.as(c0, "agent-0", "list").exit()).isEqualTo(3);
    }

    @Test
    void initRefusesToReplaceABoardOfItsOwn() {
        Path c0 = clone("c0");
        Cli.as(c0, "agent-0", "init", "--remote", "origin").succeeds();
        Cli.as(c0, "boss", "spawn", "on the remote").succeeds();
        Path other = clone("other");
        Cli.as(other, "agent-1", "init").succeeds();
        Cli.as(other, "boss", "spawn", "only here").succeeds();
        String mine = board(other);
        Run r = Cli.as(other, "agent-1", "init", "--remote", "origin");
        assertThat(r.exit()).as("%s", r).isEqualTo(3);
        assertThat(r.err()).contains("has a board of its own");
        assertThat(board(other)).isEqualTo(mine);
        assertThat(TempRepo.tryGitIn(other, "config", "baton.remote").exitedZero()).isFalse();
    }
}
