package dev.baton.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.app.Session;
import dev.baton.core.Handoff;
import dev.baton.core.TaskState;
import dev.baton.testing.Run;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `baton merge` with the hooks installed: what the commit-msg hook stamped lands quietly; a commit made with
 * `git commit --no-verify` is flagged (a warning in text, "unverifiedCommits" in JSON) and recorded with the merge,
 * and with baton.requireTrailers it refuses the merge.
 */
class UnverifiedCommitsTest {

    static final String NO_TASK = "no Baton-Task trailer (committed with --no-verify, or without baton's hooks)";

    @TempDir
    Path tmp;

    HookRepo repo;

    @BeforeEach
    void setUp() {
        repo = HookRepo.create(tmp);
        repo.installHooks();
    }

    /** A task alice worked on with the hooks, plus one commit made with --no-verify; done and approved. */
    private String approvedWithOneUnverifiedCommit() {
        String id = repo.spawn("lead", "hooks and an escape");
        Path wt = repo.start("alice", id, null);
        repo.commit("alice", wt, "a.txt", "stamped by the hooks").succeeds();
        HookRepo.write(wt.resolve("b.txt"), "b\n");
        repo.git(wt, "add", "b.txt").succeeds();
        repo.git(wt, Map.of("BATON_AGENT", "alice"), "commit", "-q", "--no-verify", "-m", "skipped the hooks")
                .succeeds();
        approve(id);
        return id;
    }

    private void approve(String id) {
        try (Session a = repo.as("alice"); Session lead = repo.as("lead")) {
            a.transitions().done(id, null, Handoff.summary("ready"));
            lead.transitions().approve(id);
        }
    }

    @Test
    void commitsTheHooksStampedAreNotFlagged() {
        String id = repo.spawn("lead", "all through the hooks");
        Path wt = repo.start("alice", id, null);
        repo.commit("alice", wt, "a.txt", "one").succeeds();
        repo.commit("alice", wt, "b.txt", "two").succeeds();
        repo.git(wt, Map.of("BATON_AGENT", "alice"), "commit", "-q", "--amend", "--no-edit").succeeds();
        approve(id);

        Run r = repo.baton("merge", id, "--as", "lead").succeeds();

        assertThat(r.out()).startsWith(id + " merged into main at ");
        assertThat(r.err()).isEmpty();
        assertThat(repo.baton("--json", "log", id, "-n", "1").succeeds().out()).doesNotContain("unverifiedCommits");
    }

    @Test
    void aNoVerifyCommitIsFlaggedWithAOneLineWarningAndRecordedWithTheMerge() {
        String id = approvedWithOneUnverifiedCommit();

        Run r = repo.baton("merge", id, "--as", "lead").succeeds();

        String landed = repo.revParse(repo.dir, "main");
        assertThat(r.out()).isEqualTo(id + " merged into main at " + landed.substring(0, 10) + "; worktree and branch "
                + "task/" + id + " removed\n");
        assertThat(r.err()).isEqualTo("baton: warning: " + landed.substring(0, 10) + " skipped the hooks: " + NO_TASK
                + "\n");
        assertThat(repo.task(id).state()).isEqualTo(TaskState.COMPLETED);
        // the audit trail
        assertThat(repo.message(repo.dir, "refs/baton/board")).contains("1 commit(s) landed without baton's trailers: "
                + landed + "\n").contains("\"unverifiedCommits\":[\"" + landed + "\"]");
        assertThat(repo.baton("fsck").succeeds().out()).startsWith("board clean");
    }

    @Test
    void withJsonTheFlaggedCommitsAreAnArrayAndStderrStaysQuiet() throws Exception {
        String id = approvedWithOneUnverifiedCommit();

        Run r = repo.baton("--json", "merge", id, "--as", "lead").succeeds();

        assertThat(r.err()).isEmpty();
        JsonNode merged = new ObjectMapper().readTree(r.out());
        assertThat(merged.get("state").asText()).isEqualTo("COMPLETED");
        JsonNode flagged = merged.get("unverifiedCommits");
        assertThat(flagged.isArray()).isTrue();
        assertThat(flagged).hasSize(1);
        assertThat(flagged.get(0).get("commit").asText()).isEqualTo(repo.revParse(repo.dir, "main"));
        assertThat(flagged.get(0).get("subject").asText()).isEqualTo("skipped the hooks");
        assertThat(flagged.get(0).get("problem").asText()).isEqualTo(NO_TASK);

        JsonNode logged = new ObjectMapper().readTree(repo.baton("--json", "log", id, "-n", "1").succeeds().out());
        assertThat(logged.get("args").get("unverifiedCommits").get(0).asText())
                .isEqualTo(repo.revParse(repo.dir, "main"));
    }

    @Test
    void requireTrailersRefusesTheMergeWithOneLineNamingTheCommit() throws Exception {
        String id = approvedWithOneUnverifiedCommit();
        repo.git(repo.dir, "config", "baton.requireTrailers", "true").succeeds();
        String mainTip = repo.revParse(repo.dir, "main");
        String bare = repo.revParse(repo.dir, "refs/heads/task/" + id);

        Run r = repo.baton("merge", id, "--as", "lead");

        assertThat(r.exit()).as("%s", r).isEqualTo(1);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith("baton: cannot merge " + id + ": baton.requireTrailers is set and 1 commit "
                + "lacks baton's trailers (" + bare.substring(0, 10) + " \"skipped the hooks\": " + NO_TASK + ")")
                .contains("git config baton.requireTrailers false");
        assertThat(repo.revParse(repo.dir, "main")).isEqualTo(mainTip);
        assertThat(repo.task(id).state()).isEqualTo(TaskState.APPROVED);

        JsonNode json = new ObjectMapper().readTree(repo.baton("--json", "merge", id, "--as", "lead").err());
        assertThat(json.get("exit").asInt()).isEqualTo(1);
        assertThat(json.get("error").asText()).contains(bare.substring(0, 10));

        repo.git(repo.dir, "config", "baton.requireTrailers", "false").succeeds();
        repo.baton("merge", id, "--as", "lead").succeeds();
        assertThat(repo.task(id).state()).isEqualTo(TaskState.COMPLETED);
        assertThat(repo.revParse(repo.dir, "main~2")).as("both of the task's commits landed").isEqualTo(mainTip);
    }
}
