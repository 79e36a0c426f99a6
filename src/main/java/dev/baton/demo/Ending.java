package dev.baton.demo;

import dev.baton.BatonException;
import dev.baton.ExitCode;
import dev.baton.app.Repositories;
import dev.baton.app.Session;
import dev.baton.core.Task;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The demo's last part: the board and the base as git shows them, both fscks, and what happened, read back. */
final class Ending {

    private static final int BOARD_LOG_LINES = 40;

    private final Narrator narrator;
    private final DemoShell shell;

    Ending(Narrator narrator, DemoShell shell) {
        this.narrator = narrator;
        this.shell = shell;
    }

    void report(Path dir) throws IOException, InterruptedException {
        narrator.heading("$ baton list");
        narrator.print(shell.baton(dir, "list").output().stripTrailing());

        List<String> log = shell.exec(List.of("git", "log", "--oneline", "refs/baton/board"), dir, Map.of())
                .output().lines().toList();
        narrator.heading("$ git log --oneline refs/baton/board   (every transition is a commit; " + log.size()
                + " in all" + (log.size() > BOARD_LOG_LINES ? ", the newest " + BOARD_LOG_LINES + " shown" : "") + ")");
        narrator.print(String.join("\n", log.subList(0, Math.min(log.size(), BOARD_LOG_LINES))));
        narrator.heading("$ git log --oneline " + Demo.BASE);
        narrator.print(shell.exec(List.of("git", "log", "--oneline", Demo.BASE), dir, Map.of()).output().stripTrailing());
    }

    int verdict(Path dir, int spawned) throws IOException, InterruptedException {
        DemoShell.Result fsck = shell.baton(dir, "fsck");
        DemoShell.Result gitFsck = shell.exec(List.of("git", "fsck", "--strict", "--no-dangling"), dir, Map.of());
        narrator.heading("$ baton fsck; git fsck --strict");
        narrator.print(fsck.output().stripTrailing());
        narrator.print(gitFsck.ok() && gitFsck.output().isBlank() ? "git fsck --strict: clean"
                : "git fsck --strict exited " + gitFsck.code() + ":\n" + gitFsck.output().stripTrailing());

        Recap recap;
        try (Session board = new Session(Repositories.open(dir.toFile()), Demo.CLOCK, Demo.ORCHESTRATOR)) {
            recap = Recap.read(board);
        }
        narrator.heading("What happened (read back from the board)");
        for (String line : recap.lines()) {
            narrator.wrapped("- ", line);
        }
        narrator.wrapped("- ", String.format(Locale.ROOT, "Attempts that failed and were retried: %d; stopped by "
                + "--timeout: %d; leases reaped: %d; rejections: %d.", recap.failures(), recap.timeouts(),
                recap.reaps(), recap.rejected()));
        long completed = recap.tasks().size() - recap.unfinished().size();
        String commits = shell.exec(List.of("git", "rev-list", "--count", Demo.BASE), dir, Map.of()).output().strip();
        narrator.print("- " + completed + " of " + recap.tasks().size() + " tasks COMPLETED; " + Demo.BASE + " has " + commits
                + " commits: the first one and one per merged task.");
        narrator.print(String.format(Locale.ROOT, "- Took %.1f s. The scratch repository is left in place for "
                + "inspection:%n    %s%n  try: cd %s && agents/bin/baton log   (each actor's output: agents/<name>.log;"
                + " each attempt's: agents/bin/baton logs <id> --attempt N)",
                narrator.seconds(), dir, DemoScripts.quote(dir.toString())));

        List<Task> unfinished = recap.unfinished();
        if (recap.tasks().size() != spawned || !unfinished.isEmpty()) {
            throw new BatonException(ExitCode.INTERNAL, "demo did not finish: " + unfinished.size() + " of "
                    + recap.tasks().size() + " tasks are not COMPLETED (" + unfinished.stream()
                    .map(t -> t.id() + " " + t.state() + (t.assignee() == null ? "" : " with " + t.assignee()))
                    .collect(Collectors.joining(", ")) + "); the scratch repository is " + dir);
        }
        if (!fsck.ok() || !gitFsck.ok() || !gitFsck.output().isBlank()) {
            throw new BatonException(ExitCode.INTERNAL, "demo: the repository does not check clean (baton fsck exit "
                    + fsck.code() + ", git fsck exit " + gitFsck.code() + "); the scratch repository is " + dir);
        }
        return 0;
    }
}
