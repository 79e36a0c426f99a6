package dev.baton.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.testing.ChildProcesses;
import dev.baton.testing.Run;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code baton demo} from the packaged jar, as a user would, and checks what it leaves behind: every task
 * COMPLETED and merged, the staged failure, timeout, killed worker and rejection on the board, and clean checks.
 */
class DemoIT {

    private static final int TASKS = 6;

    @TempDir
    Path tmp;

    @Test
    void aPoolOfWorkersGetsThroughAFailureATimeoutAKilledWorkerAndARejectionAndEverythingIsMerged() throws Exception {
        Path dir = tmp.resolve("demo");

        Run demo = run(tmp, 600, java(), "-jar", jar(), "demo", "--dir", dir.toString());

        System.out.println(demo.out());
        assertThat(demo.exit()).as("exit code; output:%n%s", demo.out()).isZero();
        assertThat(demo.out())
                .contains("the command exited with 3; queued again for attempt 2")
                .contains("timed out after 6s; queued again for attempt 2")
                .contains("kill -9 ")
                .contains("'s claim --next (it takes back expired leases first)")
                .contains(": rejected, ")
                .contains("back to ")
                .contains("board clean: ")
                .contains("git fsck --strict: clean")
                .contains(dir.toRealPath().toString());

        List<JsonNode> tasks = lines(baton(dir, "list", "--json"));
        assertThat(tasks).hasSize(TASKS);
        assertThat(tasks).allSatisfy(t -> assertThat(t.get("state").asText()).as(t.toString()).isEqualTo("COMPLETED"));

        // Each staged mishap happened to the first attempt at a task, and a later attempt went through.
        assertThat(tasksWhoseFirstAttempt(tasks, "failed: the command exited with 3")).isNotEmpty();
        assertThat(tasksWhoseFirstAttempt(tasks, "failed: timed out after 6s")).isNotEmpty();
        assertThat(tasksWhoseFirstAttempt(tasks, "lease expired after ")).isNotEmpty();

        // The board's history has them as transitions: fail and retry, reap (at a new epoch), reject.
        List<JsonNode> log = lines(baton(dir, "log", "--json"));
        List<String> commands = log.stream().map(e -> e.get("command").asText()).toList();
        assertThat(commands).contains("fail", "retry", "reap", "reject");
        assertThat(log.stream().filter(e -> e.get("command").asText().equals("reap")))
                .allSatisfy(e -> assertThat(e.get("to").asText()).isEqualTo("QUEUED"));
        assertThat(commands.stream().filter(c -> c.equals("fail"))).hasSizeGreaterThanOrEqualTo(2);

        Run fsck = run(dir, 120, java(), "-jar", jar(), "-C", dir.toString(), "fsck");
        assertThat(fsck.exit()).as(fsck.out()).isZero();
        Run gitFsck = run(dir, 60, "git", "-C", dir.toString(), "fsck", "--strict", "--no-dangling");
        assertThat(gitFsck.exit()).as(gitFsck.out()).isZero();
        assertThat(gitFsck.out()).isBlank();

        // main: the initial commit, then exactly one commit per task, each naming its task.
        Run mainLog = run(dir, 60, "git", "-C", dir.toString(), "log", "--format=%s", "main");
        List<String> subjects = mainLog.out().strip().lines().toList();
        assertThat(subjects).hasSize(TASKS + 1);
        for (JsonNode t : tasks) {
            String id = t.get("id").asText();
            assertThat(subjects.stream().filter(s -> s.contains("(" + id + ")"))).as(id).hasSize(1);
        }

        // Merged work leaves no task worktree or branch behind, and no process of the demo's runs on.
        Run worktrees = run(dir, 60, "git", "-C", dir.toString(), "worktree", "list", "--porcelain");
        assertThat(worktrees.out().lines().filter(l -> l.startsWith("worktree "))).hasSize(1);
        Run branches = run(dir, 60, "git", "-C", dir.toString(), "branch", "--list", "task/*");
        assertThat(branches.out()).isBlank();
        String scripts = dir.toRealPath().resolve("agents").toString();
        assertThat(ProcessHandle.allProcesses().map(h -> h.info().commandLine().orElse(""))
                .filter(c -> c.contains(scripts))).as("processes still running the demo's scripts").isEmpty();
    }

    /** The ids of the tasks whose history starts with an attempt that ended with {@code outcome}. */
    private static List<String> tasksWhoseFirstAttempt(List<JsonNode> tasks, String outcome) {
        List<String> ids = new ArrayList<>();
        for (JsonNode t : tasks) {
            JsonNode history = t.get("history");
            if (history != null && history.size() > 0 && history.get(0).get("outcome").asText().startsWith(outcome)) {
                assertThat(history.get(0).get("attempt").asInt()).as(t.toString()).isEqualTo(1);
                assertThat(t.get("attempt").asInt()).as(t.toString()).isGreaterThan(1);
                ids.add(t.get("id").asText());
            }
        }
        return ids;
    }

    private static String baton(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar(), "-C", dir.toString()));
        command.addAll(List.of(args));
        Run r = run(dir, 120, command.toArray(String[]::new));
        assertThat(r.exit()).as("baton %s: %s", String.join(" ", args), r.out()).isZero();
        return r.out();
    }

    private static List<JsonNode> lines(String ndjson) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : ndjson.strip().split("\n")) {
            nodes.add(json.readTree(line));
        }
        return nodes;
    }

    @Test
    void refusesADirectoryThatIsNotEmpty() throws Exception {
        Files.writeString(tmp.resolve("something"), "x");

        Run demo = run(tmp, 60, java(), "-jar", jar(), "demo", "--dir", tmp.toString());

        assertThat(demo.exit()).isEqualTo(2);
        assertThat(demo.out().strip()).startsWith("baton: ").contains("not empty").doesNotContain("\n");
    }

    private static Run run(Path cwd, int timeoutSeconds, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().remove("BATON_AGENT");
        Path out = Files.createTempFile("demo-it", ".out");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                ChildProcesses.end(List.of(p.toHandle()));
                throw new AssertionError("timed out after " + timeoutSeconds + " s: " + String.join(" ", command)
                        + "\n" + Files.readString(out, StandardCharsets.UTF_8));
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), ""); // stderr is in stdout
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static String jar() {
        String jar = System.getProperty("baton.jar");
        assertThat(jar).as("system property baton.jar (set by failsafe)").isNotNull();
        assertThat(new File(jar)).as(jar).isFile();
        return jar;
    }

    private static String java() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
