package dev.baton.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The staged crash: once the stand-in agent says (in {@code agents/runs/<id>.crash}) that it is halfway through the
 * task, and its worker has had the time to renew the lease once, the demo kills that agent's {@code baton work} with
 * SIGKILL, and the agent with it, as if their machine had died. Nothing is written to the board; the lease simply
 * stops being renewed.
 */
final class WorkerCrash implements AutoCloseable {

    private static final long POLL_MILLIS = 100;

    private final Thread thread;
    private volatile boolean done;

    WorkerCrash(String taskId, Path marker, Actors actors, Narrator narrator, Duration lease) {
        thread = new Thread(() -> {
            try {
                while (!Files.isRegularFile(marker) || Files.size(marker) == 0) {
                    Thread.sleep(POLL_MILLIS);
                }
                String agent = Files.readString(marker, StandardCharsets.UTF_8).strip();
                Thread.sleep(lease.toMillis() / 3 + 500); // a worker renews its lease every third of it
                Actors.Actor worker = actors.named(agent).orElse(null);
                if (worker == null) {
                    narrator.say("demo", "(no worker named " + agent + " to kill)");
                    return;
                }
                narrator.say("demo", "kill -9 " + worker.pid() + ": " + agent + "'s `baton work` dies halfway through "
                        + taskId + ", its agent with it, as if their machine went down. Nobody renews that lease now;"
                        + " it runs out within " + Demo.format(lease) + ".");
                Actors.kill(worker);
                done = true;
            } catch (InterruptedException e) {
                // the demo is over
            } catch (IOException e) {
                narrator.say("demo", "(cannot read " + marker + ": " + e.getMessage() + ")");
            }
        }, "demo-crash");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the worker was killed. */
    boolean happened() {
        return done;
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
