package dev.baton.cli;

import java.util.Map;

/**
 * Each command's one-line summary, as {@code baton help} lists it: a full sentence short enough that the list never
 * wraps it at 80 columns ({@link #WIDTH}). A command's own help keeps its longer description.
 */
final class Summaries {

    /** The most a summary may take: 80 columns less the list's indent and its longest name ("reservations"). */
    static final int WIDTH = 62;

    private static final Map<String, String> BY_NAME = Map.ofEntries(
            Map.entry("init", "Create the board in this repository (safe to run twice)."),
            Map.entry("spawn", "Create a task, QUEUED or ASSIGNED with --to, and print its id."),
            Map.entry("claim", "Claim a QUEUED task: ASSIGNED to you, with a lease."),
            Map.entry("start", "Start work on a task: ASSIGNED (or QUEUED) → WORKING."),
            Map.entry("done", "Hand your work in for review, with a handoff."),
            Map.entry("reject", "Send reviewed work back to its assignee, with a reason."),
            Map.entry("approve", "Approve reviewed work (not your own)."),
            Map.entry("merge", "Land approved work on its base: APPROVED → COMPLETED."),
            Map.entry("cancel", "Cancel a task that is not finished."),
            Map.entry("fail", "Give up on a task you own, with a reason."),
            Map.entry("retry", "Queue a FAILED task again, as its next attempt."),
            Map.entry("heartbeat", "Renew your lease on a task you hold."),
            Map.entry("reap", "Send tasks whose lease ran out back to the queue."),
            Map.entry("edit", "Change an open task's title, spec, priority or labels."),
            Map.entry("dep", "Add or remove a dependency between two tasks."),
            Map.entry("ready", "List the tasks that can be worked on next."),
            Map.entry("deps", "Print the tree of what a task waits for."),
            Map.entry("graph", "Print the board's dependency graph (DOT or Mermaid)."),
            Map.entry("roles", "Show or set who may do what."),
            Map.entry("reserve", "Reserve paths for the task you are working on."),
            Map.entry("release", "Give up your task's path reservations."),
            Map.entry("reservations", "List the path reservations in force."),
            Map.entry("list", "List tasks in queue order."),
            Map.entry("show", "Show one task: record, spec, handoff and worktree."),
            Map.entry("log", "List the board's transitions, newest first."),
            Map.entry("board", "Show the open tasks in columns by state."),
            Map.entry("send", "Send a message to an agent, a channel or a task's thread."),
            Map.entry("inbox", "Print the messages you have not read yet."),
            Map.entry("ack", "Acknowledge a message to its sender."),
            Map.entry("thread", "Print a task's thread: its messages and handoffs."),
            Map.entry("handoff", "Print the handoff a task's last owner left."),
            Map.entry("watch", "Print transitions and messages as they land."),
            Map.entry("stats", "Show how work flows, from the board's history."),
            Map.entry("hooks", "Install, remove or inspect baton's git hooks."),
            Map.entry("fsck", "Check the board's whole history against the rules."),
            Map.entry("checkpoint", "Move the board's history to the archive and restart it."),
            Map.entry("doctor", "Find and fix what stops baton from working."),
            Map.entry("sync", "Remote mode: fetch and push everything baton keeps."),
            Map.entry("run", "Supervise one attempt of an agent's command on a task."),
            Map.entry("work", "Claim ready tasks and `baton run` a command on each."),
            Map.entry("logs", "Print the output `baton run` kept of an attempt."),
            Map.entry("requeue", "Hand a task you hold back to the queue."),
            Map.entry("demo", "Run a pool of stand-in agents in a scratch repository."),
            Map.entry("version", "Print baton's version and board format."),
            Map.entry("help", "Print the help of baton or of one of its commands."),
            Map.entry("dep add", "Make <id> wait for <blocker>."),
            Map.entry("dep rm", "Stop <id> waiting for <blocker>."),
            Map.entry("roles show", "Print the roles file."),
            Map.entry("roles set", "Give an agent exactly these roles."),
            Map.entry("hooks install", "Install baton's git hooks."),
            Map.entry("hooks uninstall", "Remove baton's hooks, restoring the ones they chained."),
            Map.entry("hooks status", "Show which hooks are installed and what they run."));

    private Summaries() {
    }

    /** The summary of the command called {@code path} ("claim", "dep add"), or null if it has none. */
    static String of(String path) {
        return BY_NAME.get(path);
    }
}
