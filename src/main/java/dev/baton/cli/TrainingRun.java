package dev.baton.cli;

import dev.baton.git.JGitEnvironment;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.io.FileUtils;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.util.SystemReader;

/**
 * The run {@code bin/baton} records its class-data archive from ({@code -XX:ArchiveClassesAtExit}): the commands
 * agents call most, in this one JVM, on a throwaway board in a new temporary directory. The archive then holds the
 * classes of all of them, whichever command happens to be the first call of a new jar.
 *
 * <p>It touches nothing outside that directory: git's environment variables ({@code GIT_DIR} and the like) are hidden
 * from JGit, every call names the repository with {@code -C} and the agent with {@code --as}, no command that runs
 * the git program is among them (so none of those variables can reach one either), and what the commands print is
 * dropped. Exits 0 once the commands have run, whatever they returned (the archive is as good either way: it is a
 * cache of classes, not of results; calls that did not end as expected are listed on stderr), and 1 when it could
 * not run them at all (the launcher then keeps no archive).
 */
public final class TrainingRun {

    private static final String AGENT = "training@baton.invalid";

    private final String repo;
    private final List<String> unexpected = new ArrayList<>();

    private TrainingRun(Path repo) {
        this.repo = repo.toString();
    }

    public static void main(String[] args) throws Exception {
        JGitEnvironment.prepare();
        hideGitEnvironment();
        Path dir = Files.createTempDirectory("baton-training");
        List<String> unexpected;
        try {
            unexpected = run(dir);
        } finally {
            delete(dir);
        }
        if (!unexpected.isEmpty()) {
            System.err.println("baton: training run: these calls did not end as expected: " + unexpected);
        }
        System.exit(0);
    }

    /** Runs the commands on a new board in {@code dir}/repo; returns the calls that did not end as expected. */
    static List<String> run(Path dir) throws Exception {
        TrainingRun training = new TrainingRun(dir.resolve("repo"));
        training.commands();
        return training.unexpected;
    }

    private void commands() throws Exception {
        File repoDir = new File(repo);
        try (Git git = Git.init().setDirectory(repoDir).setInitialBranch("main").call()) {
            Files.writeString(repoDir.toPath().resolve("README.md"), "training\n", StandardCharsets.UTF_8);
            git.add().addFilepattern("README.md").call();
            PersonIdent who = new PersonIdent("baton", AGENT);
            git.commit().setMessage("initial commit").setAuthor(who).setCommitter(who).setSign(false)
                    .setNoVerify(true).call();
        }
        call(0, "init");
        String first = call(0, "spawn", "First task", "--spec", "What to do.", "--label", "training").strip();
        String second = call(0, "--json", "spawn", "Second task", "--after", first);
        second = second.replaceFirst("(?s).*\"id\":\"([^\"]+)\".*", "$1").strip();
        call(0, "list");
        call(0, "--json", "list");
        call(0, "ready");
        call(0, "show", first);
        call(0, "--json", "show", second);
        call(0, "claim", "--next");
        call(0, "heartbeat", first, "--note", "working");
        call(0, "show", first);
        call(0, "inbox");
        call(0, "log", first);
        call(1, "claim", first); // refused: already held
        call(2, "show", "T-zzzzzzzz"); // no such task
        call(2, "show", "--no-such-option");
    }

    /** Runs one command as {@code Main} does, in the training repository; returns what it printed on stdout. */
    private String call(int expected, String... args) {
        List<String> all = new ArrayList<>(List.of("-C", repo, "--as", AGENT));
        all.addAll(List.of(args));
        String[] argv = all.toArray(String[]::new);
        StringWriter out = new StringWriter();
        picocli.CommandLine cl = BatonCommand.commandLine(argv);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(Writer.nullWriter(), true));
        int code = cl.execute(argv);
        if (code != expected) {
            unexpected.add(String.join(" ", args) + " (exit " + code + ", not " + expected + ")");
        }
        return out.toString();
    }

    /** JGit reads GIT_DIR, GIT_WORK_TREE and the like; none of the caller's may lead it to another repository. */
    private static void hideGitEnvironment() {
        SystemReader.setInstance(new SystemReader.Delegate(SystemReader.getInstance()) {
            @Override
            public String getenv(String variable) {
                return variable.startsWith("GIT_") ? null : super.getenv(variable);
            }
        });
    }

    private static void delete(Path dir) {
        FileUtils.deleteQuietly(dir.toFile());
    }
}
