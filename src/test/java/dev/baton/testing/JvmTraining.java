package dev.baton.testing;

import dev.baton.cli.BatonCommand;
import dev.baton.git.JGitEnvironment;
import dev.baton.hooks.HookMain;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * The workload {@link Jvm} dumps its class-data archive with: what the tests' child JVMs do, once each, in one JVM, so
 * that the classes they load are in the archive. On a scratch repository: the CLI (board transitions, a worktree, the
 * read commands in text and JSON, messages, fsck, doctor), the server's validator, and remote mode against a bare
 * repository. Outcomes do not matter, only the classes loaded.
 *
 * <p>Arguments: a scratch folder; or {@code --check}, which prints {@link #CHECKED} and exits (a child started with
 * the archive runs and prints nothing of its own).
 */
public final class JvmTraining {

    static final String CHECKED = "archive works";

    private JvmTraining() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("--check")) {
            System.out.println(CHECKED);
            System.exit(0);
        }
        JGitEnvironment.prepare();
        Path tmp = Path.of(args[0]);
        TempRepo repo = TempRepo.create(tmp);
        String dir = repo.dir().toString();
        cli(dir, "lead", "init");
        String a = cli(dir, "lead", "spawn", "first", "--priority", "1", "--spec", "a spec").strip();
        String b = cli(dir, "lead", "spawn", "second", "--key", "k/1", "--label", "x").strip();
        cli(dir, "lead", "--json", "spawn", "third", "--after", a);
        cli(dir, "agent-a", "claim", b, "--lease", "10m");
        cli(dir, "agent-a", "--json", "claim", "--next");
        String wt = cli(dir, "agent-b", "start", a).strip();
        cli(dir, "agent-b", "heartbeat", a, "--note", "busy", "--lease", "5m");
        TempRepo.commitFileIn(Path.of(wt.isEmpty() ? dir : wt), "work.txt", "work\n", "Work on " + a);
        cli(wt.isEmpty() ? dir : wt, "agent-b", "done", "--summary", "done");
        cli(dir, "agent-c", "approve", a);
        cli(dir, "agent-c", "merge", a);
        cli(dir, "agent-a", "fail", b, "-m", "no");
        cli(dir, "lead", "retry", b);
        cli(dir, "lead", "cancel", b, "--reason", "not needed");
        cli(dir, "lead", "reap");
        cli(dir, "lead", "list");
        cli(dir, "lead", "--json", "list");
        cli(dir, "lead", "show", a);
        cli(dir, "lead", "--json", "show", a);
        cli(dir, "lead", "log");
        cli(dir, "lead", "ready");
        cli(dir, "lead", "board");
        cli(dir, "lead", "stats");
        cli(dir, "lead", "send", "@agent-a", "hello");
        cli(dir, "agent-a", "--json", "inbox");
        cli(dir, "lead", "fsck");
        cli(dir, "lead", "doctor");
        cli(dir, "lead", "--version");

        String tip = repo.rev("refs/baton/board");
        String parent = repo.rev("refs/baton/board~1");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(sink)) {
            HookMain.run(new String[] {"update", "refs/baton/board", parent, tip}, repo.file(),
                    new ByteArrayInputStream(new byte[0]), out, out);
        }

        Path bare = tmp.resolve("srv.git");
        TempRepo.gitIn(tmp, "clone", "-q", "--bare", dir, bare.toString());
        Path clone = tmp.resolve("clone");
        TempRepo.gitIn(tmp, "clone", "-q", bare.toString(), clone.toString());
        TempRepo.gitIn(clone, "config", "user.name", "Clone");
        TempRepo.gitIn(clone, "config", "user.email", "clone@example.com");
        cli(clone.toString(), "agent-r", "init", "--remote", "origin");
        cli(clone.toString(), "lead", "spawn", "remote");
        cli(clone.toString(), "agent-r", "claim", "--next");
        cli(clone.toString(), "agent-r", "--offline", "list");
        System.exit(0);
    }

    private static String cli(String dir, String agent, String... args) {
        List<String> all = new ArrayList<>(List.of("-C", dir, "--as", agent));
        all.addAll(List.of(args));
        String[] argv = all.toArray(String[]::new);
        StringWriter out = new StringWriter();
        try {
            CommandLine cl = BatonCommand.commandLine(argv);
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(new StringWriter(), true));
            cl.execute(argv);
        } catch (RuntimeException e) {
            // whatever it loaded is loaded
        }
        return out.toString();
    }
}
