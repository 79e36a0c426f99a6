package dev.baton.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** Runs {@code baton demo} from the packaged jar, as a user would, and checks what it leaves behind. */
class DemoIT {

    private static final int TASKS = 6;

    @TempDir
    Path tmp;

    @Test
    void agentsRaceWorkGetReviewedAndEveryTaskIsMerged() throws Exception {
        Path dir = tmp.resolve("demo");

        Run demo = run(tmp, 600, java(), "-jar", jar(), "demo", "--dir", dir.toString());

        System.out.println(demo.output());
        assertThat(demo.exit()).as("exit code; output:%n%s", demo.output()).isZero();
        assertThat(demo.output())
                .contains("won the race:")
                .contains("already claimed by")
                .contains("is back WORKING with")
                .contains(dir.toRealPath().toString());

        Run list = run(dir, 60, java(), "-jar", jar(), "-C", dir.toString(), "list", "--json");
        assertThat(list.exit()).as(list.output()).isZero();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> tasks = new ArrayList<>();
        for (String line : list.output().strip().split("\n")) {
            tasks.add(json.readTree(line));
        }
        assertThat(tasks).hasSize(TASKS);
        assertThat(tasks).allSatisfy(t -> assertThat(t.get("state").asText()).as(t.toString()).isEqualTo("COMPLETED"));

        Run fsck = run(dir, 60, "git", "-C", dir.toString(), "fsck", "--strict", "--no-dangling");
        assertThat(fsck.exit()).as(fsck.output()).isZero();
        assertThat(fsck.output()).isBlank();

        // main: the initial commit, then exactly one commit per task, each naming its task.
        Run log = run(dir, 60, "git", "-C", dir.toString(), "log", "--format=%s", "main");
        List<String> subjects = log.output().strip().lines().toList();
        assertThat(subjects).hasSize(TASKS + 1);
        for (JsonNode t : tasks) {
            String id = t.get("id").asText();
            assertThat(subjects.stream().filter(s -> s.contains("(" + id + ")"))).as(id).hasSize(1);
        }

        // Merged work leaves no task worktree or branch behind.
        Run worktrees = run(dir, 60, "git", "-C", dir.toString(), "worktree", "list", "--porcelain");
        assertThat(worktrees.output().lines().filter(l -> l.startsWith("worktree "))).hasSize(1);
        Run branches = run(dir, 60, "git", "-C", dir.toString(), "branch", "--list", "task/*");
        assertThat(branches.output()).isBlank();
    }

    @Test
    void refusesADirectoryThatIsNotEmpty() throws Exception {
        Files.writeString(tmp.resolve("something"), "x");

        Run demo = run(tmp, 60, java(), "-jar", jar(), "demo", "--dir", tmp.toString());

        assertThat(demo.exit()).isEqualTo(2);
        assertThat(demo.output().strip()).startsWith("baton: ").contains("not empty").doesNotContain("\n");
    }

    private record Run(int exit, String output) {
    }

    private static Run run(Path cwd, int timeoutSeconds, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().remove("BATON_AGENT");
        Path out = Files.createTempFile("demo-it", ".out");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
                throw new AssertionError("timed out after " + timeoutSeconds + " s: " + String.join(" ", command)
                        + "\n" + Files.readString(out, StandardCharsets.UTF_8));
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
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
