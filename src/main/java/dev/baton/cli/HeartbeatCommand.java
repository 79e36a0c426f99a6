package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.BatonException;
import dev.baton.ExitCode;
import dev.baton.app.Heartbeat;
import dev.baton.worktree.Workspace;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "heartbeat", description = {
    "Renew your lease on a task you hold, optionally with a progress note.",
    "With --every, keep renewing from a dedicated thread until the task leaves WORKING (exit 0),",
    "the lease is lost (exit 1), or the process is stopped."})
final class HeartbeatCommand extends BaseCommand {

    @Mixin
    OwnedTask task = new OwnedTask();

    @Option(names = {"--note", "-m"}, paramLabel = "TEXT", description = "A progress note (kept until the next one).")
    String note;

    @Option(names = "--every", paramLabel = "DURATION", description = "Keep renewing at this interval (e.g. 30s).")
    String every;

    @Option(names = "--lease", paramLabel = "DURATION", description = "Renew for this long (default baton.lease, else 15m).")
    String lease;


    @Override
    protected int run() throws Exception {
        String id = session().board().resolve(task.id);
        Duration length = duration(lease, "--lease");
        if (every == null) {
            Heartbeat hb = session().leases().heartbeat(id, task.epoch, utf8(note, "--note"), length);
            if (!hb.renewed()) {
                throw BatonException.refused(hb.stopped());
            }
            report(hb);
            return 0;
        }
        Duration interval = duration(every, "--every");
        // The epoch is pinned when the loop starts: the worktree's record follows the task to its next owner, so
        // reading it at every beat would forget the epoch this process held once the task was re-granted.
        Long held = task.epoch != null ? task.epoch : session().board().heldEpoch(id).orElse(null);
        CompletableFuture<Integer> ended = new CompletableFuture<>();
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "baton-heartbeat");
            t.setDaemon(true);
            return t;
        });
        beats.scheduleWithFixedDelay(() -> {
            try {
                Heartbeat hb = session().leases().heartbeat(id, held, utf8(note, "--note"), length);
                if (hb.renewed()) {
                    report(hb);
                } else if (hb.lost()) {
                    ended.completeExceptionally(BatonException.refused(hb.stopped()));
                } else {
                    out().lazyResult(hb.stopped() + "; stopping", () -> Status.of(hb).put("stopped", true));
                    ended.complete(0);
                }
            } catch (RuntimeException e) {
                ended.completeExceptionally(e);
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return ended.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof BatonException b) {
                throw b;
            }
            throw new BatonException(ExitCode.INTERNAL, "heartbeat thread failed: " + e.getCause(), e.getCause());
        } finally {
            beats.shutdownNow();
        }
    }

    private void report(Heartbeat hb) {
        out().lazyResult(hb.task().id() + " lease renewed until " + hb.lease().expiresAt() + " (heartbeat "
                + hb.lease().heartbeats() + ", epoch " + hb.lease().epoch() + ")", () -> Status.of(hb));
        out().flush();
    }

    /**
     * The JSON form, in a class of its own: the text form loads none of Jackson's tree classes (picocli reflects on
     * the command's methods, which makes the JVM load every type their signatures name).
     */
    private static final class Status {

        static ObjectNode of(Heartbeat hb) {
            ObjectNode n = JsonTree.object().put("id", hb.task().id()).put("state", hb.task().state().name())
                    .put("epoch", hb.task().epoch());
            if (hb.lease() != null) {
                n.put("leaseUntil", hb.lease().expiresAt().toString()).put("heartbeats", hb.lease().heartbeats());
                n.put("note", hb.lease().note());
            }
            return n;
        }
    }
}
