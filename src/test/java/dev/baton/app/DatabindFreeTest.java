package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.cli.Main;
import dev.baton.testing.Jvm;
import dev.baton.testing.TempRepo;
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
 * The calls made most often, each in a JVM of its own as the launcher runs them, load none of jackson-databind:
 * the board's records are read and written with jackson-core's streaming API, and text output builds no JSON tree.
 * {@code --json} output of these commands loads Jackson's tree classes only; other commands' still use the mapper.
 */
class DatabindFreeTest {

    private static final String DATABIND = "com.fasterxml.jackson.databind.";

    @TempDir
    Path tmp;

    @Test
    void showHeartbeatListAndTheHooksLoadNoDatabindClass() throws Exception {
        TempRepo repo = TempRepo.create(tmp);
        String shown;
        String held;
        Path worktree;
        try (Session c = repo.session("lead")) {
            c.maintenance().init();
            shown = c.transitions().spawn(SpawnRequest.of("shown")).task().id();
            held = c.transitions().spawn(SpawnRequest.of("held")).task().id();
            worktree = Path.of(c.transitions().start(held, null, null).workspace().path());
        }
        String dir = repo.dir().toString();

        assertThat(databind(repo.dir(), null, "-C", dir, "show", shown)).isEmpty();
        assertThat(databind(repo.dir(), null, "-C", dir, "heartbeat", held)).isEmpty();
        assertThat(databind(repo.dir(), null, "-C", dir, "list")).isEmpty();
        Files.writeString(worktree.resolve("a.txt"), "a\n");
        TempRepo.gitIn(worktree, "add", "a.txt");
        assertThat(databind(worktree, "a.txt\0", "hook", "pre-commit", held)).isEmpty();
        assertThat(databind(worktree, null, "hook", "post-commit", held)).isEmpty();

        // --json output of the common commands uses Jackson's tree classes, but no mapper
        assertThat(databind(repo.dir(), null, "-C", dir, "--json", "show", shown)).isNotEmpty()
                .doesNotContain(DATABIND + "ObjectMapper");
        assertThat(databind(repo.dir(), null, "-C", dir, "--json", "heartbeat", held))
                .doesNotContain(DATABIND + "ObjectMapper");
        // and the check sees the mapper where it is still used
        assertThat(databind(repo.dir(), null, "-C", dir, "--json", "log")).contains(DATABIND + "ObjectMapper");
    }

    /** The jackson-databind classes one call of baton loads, run as {@code lead} in {@code where}. */
    private List<String> databind(Path where, String stdin, String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile(tmp, "classes", ".log");
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path in = Files.createTempFile(tmp, "in", ".txt");
        Files.writeString(in, stdin == null ? "" : stdin);
        List<String> command = new ArrayList<>(Jvm.command(Main.class, args));
        command.add(command.indexOf(Main.class.getName()), "-Xlog:class+load:file=" + log);
        ProcessBuilder pb = new ProcessBuilder(command).directory(where.toFile())
                .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("BATON") || k.startsWith("GIT_"));
        pb.environment().put("BATON_AGENT", "lead");
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", args) + ": " + Files.readString(out)).isZero();
        List<String> loaded = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            int at = line.indexOf(DATABIND);
            if (at >= 0) {
                loaded.add(line.substring(at).split(" ")[0]);
            }
        }
        return loaded;
    }
}
