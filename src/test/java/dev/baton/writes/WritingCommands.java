package dev.baton.writes;

import dev.baton.testing.Cli;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every baton command that writes something shared (the board, a lease, a message, a cursor), with arguments that
 * would make it write on the board {@link #prepare} sets up: one task in each state a command acts on, a message in
 * the worker's inbox. The tests that prove a write is refused (offline, a read-only agent) run each of these.
 */
final class WritingCommands {

    /** The worker that holds the ASSIGNED and WORKING tasks and has a message waiting. */
    static final String WORKER = "agent-a";
    /** The agent that spawned the tasks, and the reviewer and merger. */
    static final String LEAD = "lead";

    private WritingCommands() {
    }

    /** The commands, with {@code {queued}}, {@code {assigned}}, ... where the id of the task in that state goes. */
    static Stream<List<String>> all() {
        return Stream.of(
                List.of("spawn", "one more task"),
                List.of("spawn", "--batch", "{batch}"),
                List.of("edit", "{queued}", "--title", "a new title"),
                List.of("dep", "add", "{queued}", "{working}"),
                List.of("dep", "rm", "{blocked}", "{queued}"),
                List.of("claim", "{queued}"),
                List.of("claim", "--next"),
                List.of("start", "{assigned}"),
                List.of("heartbeat", "{working}", "-m", "still going"),
                List.of("reserve", "--task", "{working}", "src/**"),
                List.of("release", "--task", "{reserved}"),
                List.of("done", "{working}"),
                List.of("fail", "{working}", "-m", "it broke"),
                List.of("requeue", "{working}"),
                List.of("retry", "{failed}"),
                List.of("reject", "{review}", "-m", "not yet"),
                List.of("approve", "{review}"),
                List.of("merge", "{approved}"),
                List.of("cancel", "{queued}"),
                List.of("reap"),
                List.of("roles", "set", "someone", "worker"),
                List.of("send", "@lead", "hello"),
                List.of("ack", "{message}"),
                List.of("inbox"),
                List.of("run", "{assigned}", "true"),
                List.of("work", "--max-tasks", "1", "--idle-exit", "1s", "true"),
                List.of("checkpoint"),
                List.of("sync"));
    }

    /** Sets up the tasks and the message; returns what the placeholders stand for. */
    static Map<String, String> prepare(Path dir) {
        String queued = Cli.ok(dir, LEAD, "spawn", "queued task");
        String blocked = Cli.ok(dir, LEAD, "spawn", "blocked task", "--after", queued);
        String assigned = Cli.ok(dir, LEAD, "spawn", "assigned task");
        Cli.ok(dir, WORKER, "claim", assigned);
        String working = started(dir, "working task");
        String reserved = started(dir, "task holding a reservation");
        Cli.ok(dir, WORKER, "reserve", "--task", reserved, "docs/**");
        String review = Cli.ok(dir, LEAD, "spawn", "task in review");
        TempRepo.commitInTask(Path.of(Cli.ok(dir, WORKER, "start", review)), "review.txt", "work\n", "work for review");
        Cli.ok(dir, WORKER, "done", review);
        String approved = started(dir, "approved task");
        Cli.ok(dir, WORKER, "done", approved);
        Cli.ok(dir, LEAD, "approve", approved);
        String failed = started(dir, "failed task");
        Cli.ok(dir, WORKER, "fail", failed, "-m", "broken on purpose");
        Cli.ok(dir, LEAD, "send", "@" + WORKER, "a message to acknowledge");
        String message = Cli.ok(dir, WORKER, "inbox", "--peek", "--json").replaceAll("(?s).*\"id\":\"([0-9a-f]+)\".*",
                "$1");
        Path batch = dir.resolve("../batch-" + dir.getFileName() + ".ndjson").normalize();
        TempRepo.writeFile(batch, "{\"title\":\"from a batch\"}\n");
        return Map.of("{batch}", batch.toString(), "{queued}", queued, "{blocked}", blocked, "{assigned}", assigned, "{working}", working,
                "{reserved}", reserved, "{review}", review, "{approved}", approved, "{failed}", failed,
                "{message}", message);
    }

    private static String started(Path dir, String title) {
        String id = Cli.ok(dir, LEAD, "spawn", title);
        Cli.ok(dir, WORKER, "start", id);
        return id;
    }

    /** {@code command} with its placeholders replaced. */
    static List<String> resolve(List<String> command, Map<String, String> ids) {
        List<String> out = new ArrayList<>();
        for (String arg : command) {
            out.add(ids.getOrDefault(arg, arg));
        }
        return out;
    }

    /** Every ref of the repository at {@code dir} and where it points, one line each. */
    static String refs(Path dir) {
        return TempRepo.gitIn(dir, "for-each-ref", "--format=%(refname) %(objectname)");
    }
}
