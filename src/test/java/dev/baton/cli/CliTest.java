package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end, in-process, against real repositories: lifecycle, ids, worktrees, actors and output. */
class CliTest {

    @TempDir
    Path tmp;

    // ---- the whole life of a task --------------------------------------------------------------------------------

    @Test
    void fullLifecycleThroughTheCli() {
        CliRepo repo = CliRepo.create(tmp);
        assertThat(repo.baton("init", "--as", "lead").ok().out()).isEqualTo("initialized refs/baton/board\n");
        String mainBefore = repo.git("rev-parse", "main").strip();

        String id = repo.spawn("Add greeting", "--spec", "Write hello.txt", "--label", "docs", "--priority", "1");
        String p = id.substring(2); // the id without "T-" is a prefix of itself

        assertThat(repo.baton("claim", p, "--as", "agent-a").ok().out())
                .isEqualTo(id + " claimed by agent-a (epoch 1)\n");

        Run start = repo.baton("start", "t-" + p.toUpperCase(), "--as", "agent-a").ok();
        assertThat(start.lines()).hasSize(1);
        Path wt = Path.of(start.value());
        assertThat(wt).isAbsolute().isDirectory().isEqualTo(tmp.resolve("repo.baton").resolve(id));
        assertThat(wt.resolve("TASK.md")).content().contains(id, "Add greeting", "Write hello.txt");
        assertThat(TempRepo.gitIn(wt, "rev-parse", "--abbrev-ref", "HEAD").strip()).isEqualTo("task/" + id);

        String first = TempRepo.commitInTask(wt, "hello.txt", "hello\n", "Add hello.txt");
        assertThat(CliRepo.in(wt, "done", "--as", "agent-a", "--summary", "hello.txt added").ok().out())
                .isEqualTo(id + " is IN_REVIEW\n");

        assertThat(repo.baton("reject", id.toUpperCase(), "-m", "say hello to the world", "--as", "reviewer").ok()
                .out()).isEqualTo(id + " is back WORKING with agent-a\n");
        assertThat(wt.resolve("TASK.md")).content().contains("say hello to the world");
        TempRepo.commitInTask(wt, "hello.txt", "hello, world\n", "Greet the world");
        CliRepo.in(wt, "done", "--as", "agent-a").ok();

        assertThat(repo.baton("approve", "T-" + p.substring(0, 5), "--as", "reviewer").ok().out())
                .isEqualTo(id + " is APPROVED\n");
        Run merge = repo.baton("merge", p.substring(0, 4), "--as", "reviewer").ok();
        String mainAfter = repo.git("rev-parse", "main").strip();
        assertThat(merge.out()).isEqualTo(id + " merged into main at " + mainAfter.substring(0, 10)
                + "; worktree and branch task/" + id + " removed\n");

        // the work is on main, on top of where main was, and the main worktree's files followed
        assertThat(repo.git("log", "--format=%s", mainBefore + "..main").lines().toList())
                .containsExactly("Greet the world", "Add hello.txt");
        assertThat(repo.git("merge-base", "--is-ancestor", first, "main")).isEmpty();
        assertThat(repo.dir().resolve("hello.txt")).hasContent("hello, world");
        assertThat(wt).doesNotExist();
        assertThat(repo.git("branch", "--list", "task/*")).isEmpty();

        JsonNode done = repo.show(id);
        assertThat(done.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(done.get("mergedCommit").asText()).isEqualTo(mainAfter);
        assertThat(done.get("reason").asText()).isEqualTo("say hello to the world");

        // one board commit per transition, after the one that made the board
        List<String> commands = repo.baton("--json", "log", id).ok().ndjson().stream()
                .map(n -> n.get("command").asText()).toList();
        assertThat(commands).containsExactly("merge", "approve", "done", "reject", "done", "start", "claim", "spawn");
        assertThat(repo.git("rev-list", "--count", "refs/baton/board").strip()).isEqualTo("9");
        assertThat(repo.baton("list", "--state", "completed").ok().lines()).hasSize(1).first().asString()
                .startsWith(id);
        assertThat(repo.baton("board").ok().out()).doesNotContain(id);
    }

    @Test
    void failRetryAndCancelThroughTheCli() {
        CliRepo repo = CliRepo.initialized(tmp);
        String id = repo.spawn("Flaky job", "--to", "agent-a");
        assertThat(repo.show(id).get("state").asText()).isEqualTo("ASSIGNED");
        Path wt = repo.started(id, "agent-a");

        assertThat(CliRepo.in(wt, "fail", "-m", "the API is down", "--blockers", "needs the API", "--as", "agent-a")
                .ok().out()).isEqualTo(id + " is FAILED\n");
        JsonNode failed = repo.show(id);
        assertThat(failed.get("state").asText()).isEqualTo("FAILED");
        assertThat(failed.get("reason").asText()).isEqualTo("the API is down");
        assertThat(failed.get("handoff").get("blockers").asText()).isEqualTo("needs the API");

        assertThat(repo.baton("retry", id.substring(2, 7), "--as", "lead").ok().out())
                .isEqualTo(id + " is QUEUED again (attempt 2)\n");
        JsonNode retried = repo.show(id);
        assertThat(retried.get("state").asText()).isEqualTo("QUEUED");
        assertThat(retried.get("attempt").asInt()).isEqualTo(2);

        // the worktree has nothing in it worth keeping, so cancel removes it
        assertThat(repo.baton("cancel", id.substring(2, 6).toUpperCase(), "-m", "not needed", "--as", "lead").ok()
                .out()).isEqualTo(id + " is CANCELLED; worktree and branch task/" + id + " removed\n");
        assertThat(wt).doesNotExist();
        JsonNode cancelled = repo.show(id);
        assertThat(cancelled.get("state").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("reason").asText()).isEqualTo("not needed");
    }

    @Test
    void cancelKeepsAWorktreeWithUnmergedWorkUnlessForced() {
        CliRepo repo = CliRepo.initialized(tmp);
        String kept = repo.spawn("Kept");
        Path wt = repo.started(kept, "agent-a");
        TempRepo.commitInTask(wt, "work.txt", "work\n", "Some work");

        assertThat(repo.baton("cancel", kept, "--as", "lead").ok().out())
                .isEqualTo(kept + " is CANCELLED; worktree kept: branch task/" + kept
                        + " has commits that are not merged (use --force to discard them)\n");
        assertThat(wt).isDirectory();

        String forced = repo.spawn("Forced");
        Path wt2 = repo.started(forced, "agent-a");
        TempRepo.commitInTask(wt2, "work.txt", "work\n", "Some work");
        assertThat(repo.baton("cancel", forced, "--force", "--as", "lead").ok().out()).contains("removed");
        assertThat(wt2).doesNotExist();
    }

    // ---- ids -----------------------------------------------------------------------------------------------------

    @Test
    void anyUniquePrefixWorksInAnyCaseWithOrWithoutT() {
        CliRepo repo = CliRepo.initialized(tmp);
        String id = repo.spawn("Only task");
        String bare = id.substring(2);

        List<String> forms = new ArrayList<>();
        for (int n = 1; n <= bare.length(); n++) {
            String prefix = bare.substring(0, n);
            forms.add(prefix);
            forms.add(prefix.toUpperCase());
            forms.add("T-" + prefix);
            forms.add("t-" + prefix.toUpperCase());
        }
        for (String form : forms) {
            assertThat(repo.show(form).get("id").asText()).as("show %s", form).isEqualTo(id);
        }
        assertThat(repo.baton("log", bare.substring(0, 2).toUpperCase()).ok().lines()).hasSize(1);
        assertThat(repo.baton("--json", "claim", "t-" + bare.substring(0, 3), "--as", "a").ok().json()
                .get("id").asText()).isEqualTo(id);
        assertThat(repo.baton("--json", "start", bare.substring(0, 2).toUpperCase(), "--as", "a").ok().json()
                .get("id").asText()).isEqualTo(id);
        assertThat(repo.baton("--json", "done", "T-" + bare.substring(0, 6).toUpperCase(), "--as", "a").ok().json()
                .get("state").asText()).isEqualTo("IN_REVIEW");
    }

    // ---- inside a task's worktree --------------------------------------------------------------------------------

    @Test
    void insideATaskWorktreeCommandsDefaultToItsTask() throws Exception {
        CliRepo repo = CliRepo.initialized(tmp);
        String id = repo.spawn("Here");
        String other = repo.spawn("Elsewhere");
        Path wt = repo.started(id, "agent-a");
        Path sub = Files.createDirectories(wt.resolve("deep/inside"));

        assertThat(CliRepo.in(wt, "show").ok().lines().get(0)).isEqualTo(id + "  Here");
        assertThat(CliRepo.in(sub, "--json", "show").ok().json().get("id").asText()).isEqualTo(id);
        // an explicit id still wins
        assertThat(CliRepo.in(wt, "--json", "show", other).ok().json().get("id").asText()).isEqualTo(other);

        // start again from the worktree: resumed, same path, no new board commit
        String tip = repo.tip();
        Run resumed = CliRepo.in(sub, "start", "--as", "agent-a").ok();
        assertThat(Path.of(resumed.value())).isEqualTo(wt);
        JsonNode resumedJson = CliRepo.in(wt, "--json", "start", "--as", "agent-a").ok().json();
        assertThat(resumedJson.get("resumed").asBoolean()).isTrue();
        assertThat(repo.tip()).isEqualTo(tip);

        assertThat(CliRepo.in(sub, "done", "--as", "agent-a").ok().out()).isEqualTo(id + " is IN_REVIEW\n");

        Path wt2 = repo.started(other, "agent-a");
        assertThat(CliRepo.in(wt2, "fail", "-m", "cannot", "--as", "agent-a").ok().out())
                .isEqualTo(other + " is FAILED\n");

        // outside a task worktree there is no default
        tip = repo.tip();
        for (String[] args : List.of(new String[] {"show"}, new String[] {"done", "--as", "agent-a"},
                new String[] {"start", "--as", "agent-a"}, new String[] {"fail", "-m", "x", "--as", "agent-a"})) {
            CliErrorsTest.assertFails(repo.baton(args), 2, "which task?");
        }
        assertThat(repo.tip()).isEqualTo(tip);
    }

    // ---- who acts ------------------------------------------------------------------------------------------------

    @Test
    void actorIsAsElseGitUserEmail() {
        CliRepo repo = CliRepo.create(tmp);
        assertThat(repo.baton("--json", "init").ok().json().get("created").asBoolean()).isTrue();

        String byEmail = repo.baton("spawn", "by email").ok().value();
        assertThat(repo.show(byEmail).get("createdBy").asText()).isEqualTo(CliRepo.EMAIL);

        String byRootOption = repo.baton("--as", "root-opt", "spawn", "root").ok().value();
        assertThat(repo.show(byRootOption).get("createdBy").asText()).isEqualTo("root-opt");
        String bySubOption = repo.baton("spawn", "sub", "--as", "sub-opt").ok().value();
        assertThat(repo.show(bySubOption).get("createdBy").asText()).isEqualTo("sub-opt");

        // the init commit is by the email too
        assertThat(repo.git("log", "-1", "--format=%s", "refs/baton/board~3")).contains(CliRepo.EMAIL);
    }

    @Test
    void globalOptionsWorkBeforeOrAfterTheCommandName() {
        CliRepo repo = CliRepo.initialized(tmp);
        String id = repo.spawn("t");
        JsonNode before = CliRepo.run("-C", repo.dir().toString(), "--json", "show", id).ok().json();
        JsonNode after = CliRepo.run("show", id, "--json", "-C", repo.dir().toString()).ok().json();
        assertThat(after).isEqualTo(before);
    }

    // ---- JSON ----------------------------------------------------------------------------------------------------

    @Test
    void jsonPrintsOneObjectWithTheContractFields() {
        CliRepo repo = CliRepo.initialized(tmp);

        JsonNode spawned = repo.baton("--json", "spawn", "Json task", "--label", "api", "--as", "lead").ok().json();
        assertContract(spawned, "QUEUED");
        assertThat(spawned.get("assignee").isNull()).isTrue();
        assertThat(spawned.get("epoch").asLong()).isZero();
        assertThat(spawned.get("title").asText()).isEqualTo("Json task");
        assertThat(spawned.get("created").asBoolean()).isTrue();
        String id = spawned.get("id").asText();
        assertThat(id).matches("T-[0-9a-z]{8}");

        JsonNode claimed = repo.baton("--json", "claim", id, "--as", "agent-a").ok().json();
        assertContract(claimed, "ASSIGNED");
        assertThat(claimed.get("assignee").asText()).isEqualTo("agent-a");
        assertThat(claimed.get("epoch").asLong()).isEqualTo(1);

        JsonNode started = repo.baton("--json", "start", id, "--as", "agent-a").ok().json();
        assertContract(started, "WORKING");
        assertThat(started.get("branch").asText()).isEqualTo("task/" + id);
        assertThat(Path.of(started.get("worktree").asText())).isDirectory();
        assertThat(started.get("resumed").asBoolean()).isFalse();

        JsonNode shown = repo.show(id);
        assertContract(shown, "WORKING");
        assertThat(shown.get("worktree").asText()).isEqualTo(started.get("worktree").asText());
        assertThat(shown.get("branch").asText()).isEqualTo("task/" + id);

        assertContract(repo.baton("--json", "done", id, "--as", "agent-a").ok().json(), "IN_REVIEW");
        assertContract(repo.baton("--json", "reject", id, "-m", "again", "--as", "b").ok().json(), "WORKING");
        assertContract(repo.baton("--json", "done", id, "--as", "agent-a").ok().json(), "IN_REVIEW");
        assertContract(repo.baton("--json", "approve", id, "--as", "b").ok().json(), "APPROVED");
        JsonNode merged = repo.baton("--json", "merge", id, "--as", "b").ok().json();
        assertContract(merged, "COMPLETED");
        assertThat(merged.get("worktreeRemoval").asText()).isEqualTo("REMOVED");

        String other = repo.spawn("Other");
        assertContract(repo.baton("--json", "cancel", other, "--as", "lead").ok().json(), "CANCELLED");
    }

    @Test
    void listJsonIsOneObjectPerLine() {
        CliRepo repo = CliRepo.initialized(tmp);
        assertThat(repo.baton("--json", "list").ok().out()).isEmpty();
        String a = repo.spawn("First", "--priority", "3");
        String b = repo.spawn("Second", "--priority", "0", "--to", "agent-b");

        List<JsonNode> lines = repo.baton("--json", "list").ok().ndjson();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("id").asText()).isEqualTo(b);
        assertThat(lines.get(1).get("id").asText()).isEqualTo(a);
        assertContract(lines.get(0), "ASSIGNED");
        assertContract(lines.get(1), "QUEUED");
        assertThat(lines.get(1).get("assignee").isNull()).isTrue();
    }

    static void assertContract(JsonNode n, String state) {
        assertThat(n.isObject()).isTrue();
        assertThat(n.has("id")).as("id in %s", n).isTrue();
        assertThat(n.has("title")).as("title in %s", n).isTrue();
        assertThat(n.has("assignee")).as("assignee (even when null) in %s", n).isTrue();
        assertThat(n.has("epoch")).as("epoch in %s", n).isTrue();
        assertThat(n.get("epoch").isIntegralNumber()).isTrue();
        assertThat(n.get("state").asText()).isEqualTo(state);
    }

    // ---- list ----------------------------------------------------------------------------------------------------

    @Test
    void listFiltersByStateAssigneeAndLabel() {
        CliRepo repo = CliRepo.initialized(tmp);
        String a = repo.spawn("Alpha", "--label", "backend", "--priority", "2");
        String b = repo.spawn("Bravo", "--label", "frontend", "--label", "backend", "--priority", "0");
        String c = repo.spawn("Charlie", "--to", "agent-x", "--priority", "4");
        String d = repo.spawn("Delta", "--priority", "1");
        repo.baton("claim", d, "--as", "agent-y").ok();
        String e = repo.spawn("Echo", "--label", "backend");
        repo.started(e, "agent-y");

        assertThat(ids(repo.baton("list"))).containsExactly(b, d, a, e, c);
        assertThat(ids(repo.baton("list", "--state", "queued"))).containsExactly(b, a);
        assertThat(ids(repo.baton("list", "--state", "ASSIGNED"))).containsExactlyInAnyOrder(c, d);
        assertThat(ids(repo.baton("list", "--state", "working"))).containsExactly(e);
        assertThat(ids(repo.baton("list", "--assignee", "agent-y"))).containsExactlyInAnyOrder(d, e);
        assertThat(ids(repo.baton("list", "--assignee", "agent-x"))).containsExactly(c);
        assertThat(ids(repo.baton("list", "--label", "backend"))).containsExactly(b, a, e);
        assertThat(ids(repo.baton("list", "--label", "frontend"))).containsExactly(b);
        assertThat(ids(repo.baton("list", "--label", "backend", "--state", "queued"))).containsExactly(b, a);
        assertThat(ids(repo.baton("list", "--label", "backend", "--assignee", "agent-y"))).containsExactly(e);

        assertThat(repo.baton("list", "--label", "nothing").ok().out()).isEqualTo("no tasks\n");
        assertThat(repo.baton("list", "--state", "in-review").ok().out()).isEqualTo("no tasks\n");

        repo.baton("done", e, "--as", "agent-y").ok();
        assertThat(ids(repo.baton("list", "--state", "in-review"))).containsExactly(e);
        assertThat(ids(repo.baton("list", "--state", "IN_REVIEW"))).containsExactly(e);

        // the text line: id, state, assignee (or -), priority, title, labels
        String line = repo.baton("list", "--state", "queued").ok().lines().get(0);
        assertThat(line).startsWith(b).contains("QUEUED", " - ", "p0", "Bravo", "[backend, frontend]");
        assertThat(repo.baton("--json", "list", "--label", "frontend").ok().json().get("labels"))
                .extracting(JsonNode::asText).containsExactly("backend", "frontend");
    }

    private static List<String> ids(Run r) {
        r.ok();
        return r.lines().stream().map(l -> l.substring(0, l.indexOf(' '))).toList();
    }

    // ---- log -----------------------------------------------------------------------------------------------------

    @Test
    void logOfATaskIsNewestFirstOneLinePerTransition() {
        CliRepo repo = CliRepo.initialized(tmp);
        String id = repo.spawn("Logged");
        String noise = repo.spawn("Noise");
        repo.baton("claim", id, "--as", "agent-a").ok();
        repo.baton("claim", noise, "--as", "agent-b").ok();
        repo.started(id, "agent-a");
        repo.baton("done", id, "--as", "agent-a").ok();

        List<String> lines = repo.baton("log", id).ok().lines();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("done " + id + " Logged (agent-a)", "[WORKING → IN_REVIEW, epoch 1]");
        assertThat(lines.get(1)).contains("start " + id + " Logged (agent-a)", "[ASSIGNED → WORKING, epoch 1]");
        assertThat(lines.get(2)).contains("claim " + id + " Logged (agent-a)", "[QUEUED → ASSIGNED, epoch 1]");
        assertThat(lines.get(3)).contains("spawn " + id + " Logged (lead)", "[new → QUEUED, epoch 0]");
        assertThat(lines).noneMatch(l -> l.contains(noise));

        // each line starts with its board commit, and those are the board's commits in order
        List<String> boardCommits = repo.git("log", "--format=%H", "refs/baton/board").lines().toList();
        List<String> logged = lines.stream().map(l -> l.substring(0, 10)).toList();
        assertThat(boardCommits.stream().map(c -> c.substring(0, 10)).filter(logged::contains).toList())
                .isEqualTo(logged);

        // the whole board: every transition, then the commit that made it
        List<String> all = repo.baton("log").ok().lines();
        assertThat(all).hasSize(boardCommits.size()).hasSize(7);
        assertThat(all.get(all.size() - 1)).contains("init board (lead)");
        assertThat(repo.baton("log", "-n", "2").ok().lines()).isEqualTo(all.subList(0, 2));
        assertThat(repo.baton("log", id, "-n", "1").ok().lines()).isEqualTo(lines.subList(0, 1));

        List<JsonNode> json = repo.baton("--json", "log", id).ok().ndjson();
        assertThat(json).hasSize(4);
        assertThat(json.get(0).get("command").asText()).isEqualTo("done");
        assertThat(json.get(0).get("from").asText()).isEqualTo("WORKING");
        assertThat(json.get(0).get("to").asText()).isEqualTo("IN_REVIEW");
        assertThat(json.get(0).get("task").asText()).isEqualTo(id);
        assertThat(json.get(0).get("actor").asText()).isEqualTo("agent-a");
        assertThat(json.get(3).get("from").isNull()).isTrue();
        assertThat(json.get(0).get("commit").asText()).isEqualTo(boardCommits.get(0));
    }

    // ---- board ---------------------------------------------------------------------------------------------------

    @Test
    void boardRendersOneColumnPerOpenState() {
        CliRepo repo = CliRepo.initialized(tmp);
        String queued = repo.spawn("Waiting in line");
        String assigned = repo.spawn("Given out", "--to", "agent-x");
        String working = repo.spawn("Being done");
        repo.started(working, "agent-w");
        String completedLater = repo.spawn("Cancelled one");
        repo.baton("cancel", completedLater, "--as", "lead").ok();

        String text = repo.baton("board", "--width", "200").ok().out();
        List<String> rows = text.lines().toList();
        assertThat(rows.get(0)).contains("QUEUED (1)", "ASSIGNED (1)", "WORKING (1)", "IN_REVIEW (0)", "APPROVED (0)")
                .doesNotContain("FAILED");
        assertThat(rows.get(0).indexOf("QUEUED")).isLessThan(rows.get(0).indexOf("ASSIGNED"));
        assertThat(rows.get(0).indexOf("ASSIGNED")).isLessThan(rows.get(0).indexOf("WORKING"));
        assertThat(rows.get(0).indexOf("WORKING")).isLessThan(rows.get(0).indexOf("IN_REVIEW"));
        assertThat(rows.get(0).indexOf("IN_REVIEW")).isLessThan(rows.get(0).indexOf("APPROVED"));
        assertThat(rows.get(1)).contains("----");
        assertThat(rows).allMatch(r -> r.length() <= 200);
        // each task sits in its column
        assertColumn(rows, queued, "QUEUED");
        assertColumn(rows, assigned, "ASSIGNED");
        assertColumn(rows, working, "WORKING");
        assertThat(text).contains("Waiting in line", "Given out", "Being done", "agent-x", "agent-w")
                .doesNotContain(completedLater).doesNotContain("Cancelled one");

        repo.baton("fail", working, "-m", "broke", "--as", "agent-w").ok();
        String withFailed = repo.baton("board").ok().out();
        assertThat(withFailed.lines().findFirst().orElseThrow()).contains("WORKING (0)", "FAILED (1)");

        JsonNode json = repo.baton("--json", "board").ok().json();
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("QUEUED", "ASSIGNED", "WORKING", "IN_REVIEW", "APPROVED", "FAILED");
        keys.forEach(k -> assertThat(json.get(k).isArray()).as(k).isTrue());
        assertThat(json.get("QUEUED")).extracting(n -> n.get("id").asText()).containsExactly(queued);
        assertThat(json.get("ASSIGNED")).extracting(n -> n.get("id").asText()).containsExactly(assigned);
        assertThat(json.get("WORKING")).isEmpty();
        assertThat(json.get("FAILED")).extracting(n -> n.get("id").asText()).containsExactly(working);
        json.get("FAILED").forEach(n -> assertContract(n, "FAILED"));
    }

    private static void assertColumn(List<String> rows, String id, String state) {
        int column = rows.get(0).indexOf(state);
        String row = rows.stream().filter(r -> r.contains(id)).findFirst().orElseThrow();
        int at = row.indexOf(id);
        String header = rows.get(0);
        // the id starts where its column's header starts
        assertThat(at).as("%s under %s", id, state).isEqualTo(column);
        assertThat(header.substring(at)).startsWith(state);
    }

    @Test
    void boardOfAnEmptyBoardHasTheColumnsAndNoTasks() {
        CliRepo repo = CliRepo.initialized(tmp);
        assertThat(repo.baton("board").ok().lines().get(0))
                .contains("QUEUED (0)", "ASSIGNED (0)", "WORKING (0)", "IN_REVIEW (0)", "APPROVED (0)");
        JsonNode json = repo.baton("--json", "board").ok().json();
        json.elements().forEachRemaining(a -> assertThat(a).isEmpty());
        assertThat(json.size()).isEqualTo(6);
    }

    // ---- show ----------------------------------------------------------------------------------------------------

    @Test
    void showPrintsTheRecordSpecHandoffAndWorktree() {
        CliRepo repo = CliRepo.initialized(tmp);
        String id = repo.spawn("Write the docs", "--spec", "Explain **everything**.", "--label", "docs",
                "--label", "easy", "--priority", "3");

        String fresh = repo.baton("show", id).ok().out();
        assertThat(fresh.lines().findFirst().orElseThrow()).isEqualTo(id + "  Write the docs");
        assertThat(fresh).contains("state:    QUEUED", "assignee: -", "priority: 3", "labels:   docs, easy",
                "attempt:  1", "by lead", "Spec:\nExplain **everything**.").doesNotContain("worktree:");

        Path wt = repo.started(id, "agent-a");
        repo.baton("done", id, "--as", "agent-a", "--summary", "Wrote it", "--remains", "Pictures").ok();
        String later = repo.baton("show", id).ok().out();
        assertThat(later).contains("state:    IN_REVIEW", "assignee: agent-a (epoch 1)",
                "worktree: " + wt + " (task/" + id + ")", "Handoff:", "Wrote it", "Pictures");

        JsonNode json = repo.show(id);
        assertThat(json.get("spec").asText()).isEqualTo("Explain **everything**.");
        assertThat(json.get("handoff").get("summary").asText()).isEqualTo("Wrote it");
        assertThat(json.get("handoff").get("remains").asText()).isEqualTo("Pictures");
        assertThat(json.get("worktree").asText()).isEqualTo(wt.toString());
    }
}
