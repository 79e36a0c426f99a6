package dev.baton.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The child processes of a test, as a JUnit 5 extension:
 *
 * <pre>{@code
 * @RegisterExtension
 * final ChildProcesses processes = new ChildProcesses();
 *
 * Processes children = processes.logsIn(tmp.resolve("logs"));   // children started through it
 * Process daemon = processes.register(pb.start());               // or started otherwise
 * }</pre>
 *
 * <p>When the test ends, whatever its outcome, every one of them still running is killed with its descendants
 * ({@link #end}, the one clean-up of child processes in the tests) and waited for; the ones killed are named in the
 * test's report entries, and one that will not go fails the test.
 */
public final class ChildProcesses implements AfterEachCallback {

    /** How long {@link #end} waits for the killed processes to be gone. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private final List<Processes> groups = new CopyOnWriteArrayList<>();
    private final List<ProcessHandle> registered = new CopyOnWriteArrayList<>();

    /** A set of children with their output in files under {@code logs} (created), ended with the test. */
    public Processes logsIn(Path logs) {
        Processes p = new Processes(logs);
        groups.add(p);
        return p;
    }

    /** {@code process}, to be ended with the test. */
    public <P extends Process> P register(P process) {
        registered.add(process.toHandle());
        return process;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> killed = new ArrayList<>();
        List<ProcessHandle> all = new ArrayList<>(registered);
        for (Processes p : groups) {
            all.addAll(p.handles());
        }
        groups.clear();
        registered.clear();
        killed.addAll(end(all));
        if (!killed.isEmpty()) {
            context.publishReportEntry("child processes killed at the end of the test", String.join("; ", killed));
        }
    }

    /**
     * Ends processes: SIGKILLs every one of {@code roots} still running, and every descendant of theirs (taken before
     * anything is killed, so none is missed when its parent dies first), then waits, {@link #WAIT} at most, until each
     * is gone (a zombie waiting for another parent than this JVM counts as gone). Returns the processes it killed, as
     * pid and command.
     *
     * @throws AssertionError naming the processes still running after the wait
     */
    public static List<String> end(Collection<ProcessHandle> roots) {
        Set<ProcessHandle> targets = new LinkedHashSet<>();
        for (ProcessHandle root : roots) {
            if (root.isAlive()) {
                targets.add(root);
                root.descendants().forEach(targets::add);
            }
        }
        List<String> killed = targets.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
        targets.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<ProcessHandle> left = new ArrayList<>(targets);
        while (!left.isEmpty()) {
            left.removeIf(ChildProcesses::gone);
            if (left.isEmpty()) {
                break;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("still running " + WAIT + " after SIGKILL: "
                        + left.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList());
            }
            Poll.sleep(20);
        }
        return killed;
    }

    /**
     * Whether a process has ended: it is not alive, or it is a zombie waiting to be reaped by another process than
     * this JVM (which reaps its own children as they end).
     */
    static boolean gone(ProcessHandle p) {
        if (!p.isAlive()) {
            return true;
        }
        if (p.parent().map(ProcessHandle::pid).orElse(-1L) == ProcessHandle.current().pid()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            String state = stat.substring(stat.lastIndexOf(')') + 1).strip();
            return state.startsWith("Z") || state.startsWith("X");
        } catch (IOException | RuntimeException e) {
            return !p.isAlive();
        }
    }
}
