package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.BoardLayout;
import dev.baton.store.LockRecovery;
import dev.baton.testing.ChildProcesses;
import dev.baton.testing.Jvm;
import dev.baton.testing.Processes;
import dev.baton.testing.Run;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A board lock that cannot be taken ends a write with exit 3 and changes nothing. baton retries for its whole backoff
 * budget before it gives up (about 30 s unless {@code BATON_WRITE_TIMEOUT} says otherwise), so the write runs as a
 * process of its own with a budget of two seconds.
 */
class CliLockTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final ChildProcesses processes = new ChildProcesses();

    /**
     * The lock is held by another live process that announced its update the way every baton writer does, so it is
     * not stale and nobody may clear it.
     */
    @Test
    void aLockHeldByAnotherLiveWriterIsAnEnvironmentError() throws Exception {
        CliRepo repo = CliRepo.initialized(tmp);
        Processes children = processes.logsIn(tmp.resolve("logs"));
        String id = repo.spawn("Waiting for the lock");
        String tip = repo.tip();
        File commonDir = repo.dir().resolve(".git").toFile();

        Process holder = processes.register(holdLock(commonDir));
        try {
            Run claim = children.batonWith(repo.dir(), "agent-a", Map.of("BATON_WRITE_TIMEOUT", "2s"), "claim", id);
            CliErrorsTest.assertFails(claim, 3, "refs/baton/board", "locked");
            assertThat(repo.tip()).isEqualTo(tip);
            assertThat(LockRecovery.of(commonDir).lockFile(BoardLayout.REF)).as("the holder's lock is left alone")
                    .exists();
            // reading does not need the lock
            assertThat(repo.show(id).get("state").asText()).isEqualTo("QUEUED");
        } finally {
            holder.getOutputStream().close(); // the holder exits when its stdin closes
            holder.waitFor(30, TimeUnit.SECONDS); // else it is killed when the test ends
        }
    }

    /** Starts {@link LockHolder} in its own JVM and waits until it holds the lock. */
    private static Process holdLock(File commonDir) throws IOException {
        Process p = Jvm.process(LockHolder.class, commonDir.getAbsolutePath()).redirectErrorStream(true).start();
        InputStream out = p.getInputStream();
        StringBuilder said = new StringBuilder();
        int c;
        while ((c = out.read()) >= 0 && c != '\n') {
            said.append((char) c);
        }
        if (!said.toString().equals("holding")) {
            p.destroyForcibly();
            throw new AssertionError("the lock holder did not start: " + said);
        }
        return p;
    }

    /** A process that announces an update of the board ref, takes its lock file, and keeps both until stdin closes. */
    public static final class LockHolder {
        public static void main(String[] args) throws Exception {
            LockRecovery recovery = LockRecovery.of(new File(args[0]));
            try (LockRecovery.Intent intent = recovery.announce(BoardLayout.REF)) {
                File lock = recovery.lockFile(BoardLayout.REF);
                Files.writeString(lock.toPath(), "", StandardCharsets.UTF_8);
                System.out.println("holding");
                System.out.flush();
                System.in.readAllBytes();
                Files.deleteIfExists(lock.toPath());
            }
        }
    }
}
