package dev.baton.concurrency;

import dev.baton.BatonException;
import dev.baton.app.Session;
import dev.baton.app.TaskFilter;
import dev.baton.core.Task;
import dev.baton.core.TaskState;
import dev.baton.testing.Cli;
import dev.baton.testing.Lines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One worker of {@link ChaosTest}, in its own JVM, meant to be SIGKILLed at any moment: loops over board transitions
 * that need no worktree (spawn, claim, claim --next with short or long leases, heartbeat, fail, retry, cancel, reap)
 * under contention with its peers, until the stop file appears. Appends one line per finished operation to its log:
 * {@code OK\t<op>\t<writes>}, {@code REFUSED\t<op>\t<message>}, {@code SKIPPED\t<op>} or {@code ERROR\t<op>\t<what>}.
 * The writes are the board transitions the operation reported as done, {@code <command> <task> <epoch>} separated by
 * commas, so that the test can check each of them is in the board's history.
 *
 * <p>Arguments: repository, agent, log file, stop file.
 */
public final class ChaosWorker {

    public static void main(String[] args) throws Exception {
        String repo = args[0];
        String agent = args[1];
        Path log = Path.of(args[2]);
        Path stop = Path.of(args[3]);
        Random rnd = new Random();
        try (Session c = Workers.session(repo, agent)) {
            while (!Files.exists(stop)) {
                int dice = rnd.nextInt(100);
                String op = "?";
                List<String> writes = new ArrayList<>();
                try {
                    if (dice < 22) {
                        op = "spawn";
                        if (c.board().list(new TaskFilter(TaskState.QUEUED, null, null)).size() < 25) {
                            String id = Cli.ok(Path.of(repo), agent, "spawn", "chaos " + rnd.nextInt(1000),
                                    "--priority", Integer.toString(rnd.nextInt(5)));
                            writes.add("spawn " + id + " 0");
                        }
                    } else if (dice < 55) {
                        op = "claim-next";
                        Task t = c.transitions().claimNext(null, rnd.nextBoolean() ? Duration.ofSeconds(1) : Duration.ofMinutes(15));
                        writes.add(wrote("claim", t));
                        followUp(c, t, rnd, writes);
                    } else if (dice < 67) {
                        op = "claim";
                        Task t = c.transitions().claim(pick(c, TaskState.QUEUED, rnd), Duration.ofSeconds(1 + rnd.nextInt(2)));
                        writes.add(wrote("claim", t));
                        followUp(c, t, rnd, writes);
                    } else if (dice < 80) {
                        op = "retry";
                        writes.add(wrote("retry", c.transitions().retry(pick(c, TaskState.FAILED, rnd))));
                    } else if (dice < 88) {
                        op = "cancel";
                        String id = pick(c, rnd.nextBoolean() ? TaskState.QUEUED : TaskState.ASSIGNED, rnd);
                        writes.add(wrote("cancel", c.transitions().cancel(id, "chaos", false).task()));
                    } else {
                        op = "reap";
                        c.leases().reapExpired().forEach(t -> writes.add(wrote("reap", t)));
                    }
                    Lines.append(log, "OK", op, String.join(",", writes));
                } catch (BatonException.RejectedException e) {
                    Lines.append(log, "REFUSED", op, e.getMessage(), String.join(",", writes));
                } catch (NoTask e) {
                    Lines.append(log, "SKIPPED", op);
                } catch (RuntimeException e) {
                    Lines.append(log, "ERROR", op, e);
                }
            }
        }
        System.exit(0);
    }

    /** What an owner does next: fail at once, heartbeat then fail, heartbeat and leave it, or just leave it. */
    private static void followUp(Session c, Task t, Random rnd, List<String> writes) {
        switch (rnd.nextInt(4)) {
            case 0 -> writes.add(wrote("fail", c.transitions().fail(t.id(), t.epoch(), "chaos", null)));
            case 1 -> {
                c.leases().heartbeat(t.id(), t.epoch(), "beat " + rnd.nextInt(100), Duration.ofSeconds(1));
                writes.add(wrote("fail", c.transitions().fail(t.id(), t.epoch(), "chaos after a heartbeat", null)));
            }
            case 2 -> c.leases().heartbeat(t.id(), t.epoch(), null, Duration.ofSeconds(1));
            default -> { }
        }
    }

    private static String wrote(String command, Task t) {
        return command + " " + t.id() + " " + t.epoch();
    }

    private static String pick(Session c, TaskState state, Random rnd) {
        List<Task> tasks = c.board().list(new TaskFilter(state, null, null));
        if (tasks.isEmpty()) {
            throw new NoTask();
        }
        return tasks.get(rnd.nextInt(tasks.size())).id();
    }

    private static final class NoTask extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
