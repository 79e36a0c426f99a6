package dev.baton.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.app.Coordinator;
import dev.baton.app.Repositories;
import dev.baton.cli.BatonCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * A real git repository in a temporary folder for the message tests, baton run in-process against it (output
 * captured), and child JVMs on the test class path for races between processes.
 */
final class Repo {

    static final ObjectMapper JSON = new ObjectMapper();

    /** What one baton call printed and how it ended. */
    record Run(int exit, String out, String err) {

        List<String> lines() {
            return out.lines().toList();
        }

        String value() {
            return out.strip();
        }

        JsonNode json() {
            assertThat(lines()).as("one JSON object: %s", this).hasSize(1);
            return parse(lines().get(0));
        }

        List<JsonNode> ndjson() {
            return lines().stream().map(Repo::parse).toList();
        }

        Run ok() {
            assertThat(exit).as("exit code; %s", this).isZero();
            assertThat(err).as("stderr; %s", this).isEmpty();
            return this;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }

    private final Path dir;

    private Repo(Path dir) {
        this.dir = dir;
    }

    /** {@code <tempDir>/repo}: git init, a local identity, one commit, and the board made by "lead". */
    static Repo withBoard(Path tempDir) {
        Path dir = tempDir.resolve("repo");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("README.md"), "# test\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Repo repo = new Repo(dir);
        repo.git("init", "-q", "-b", "main");
        repo.git("config", "user.name", "Message Test");
        repo.git("config", "user.email", "messages@example.com");
        repo.git("config", "commit.gpgsign", "false");
        repo.git("config", "gc.auto", "0");
        repo.git("add", "README.md");
        repo.git("commit", "-q", "-m", "initial commit");
        repo.baton("init", "--as", "lead").ok();
        return repo;
    }

    /** A clone of {@code url} at {@code <tempDir>/<name>}, with a local identity (no board of its own). */
    static Repo cloneOf(Path tempDir, String url, String name) {
        Path dir = tempDir.resolve(name);
        new Repo(tempDir).git("clone", "-q", url, dir.toString());
        Repo repo = new Repo(dir);
        repo.git("config", "user.name", "Message Test");
        repo.git("config", "user.email", "messages@example.com");
        repo.git("config", "gc.auto", "0");
        return repo;
    }

    Path dir() {
        return dir;
    }

    /** Runs baton in this repository ({@code -C <repo>} first). */
    Run baton(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = batonTo(out, err, args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Runs baton with its stdout going to {@code out} as it is printed (for commands that follow). */
    int batonTo(Writer out, Writer err, String... args) {
        List<String> all = new ArrayList<>(List.of("-C", dir.toString()));
        all.addAll(List.of(args));
        CommandLine cl = BatonCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(all.toArray(String[]::new));
    }

    Coordinator coordinator(String actor, Clock clock) {
        return new Coordinator(Repositories.open(dir.toFile()), clock, actor);
    }

    String spawn(String title, String... more) {
        List<String> args = new ArrayList<>(List.of("spawn", title, "--as", "lead"));
        args.addAll(List.of(more));
        return baton(args.toArray(String[]::new)).ok().value();
    }

    String git(String... args) {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            if (code != 0) {
                throw new AssertionError("git " + String.join(" ", args) + " exited " + code + ":\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A child JVM running {@code mainClass} on this JVM's class path; start it yourself. */
    static ProcessBuilder java(Class<?> mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("BATON_AGENT");
        pb.environment().remove("BATON_TRACE");
        return pb;
    }

    static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
