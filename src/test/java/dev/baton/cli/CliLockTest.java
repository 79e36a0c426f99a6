package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.BoardLayout;
import dev.baton.store.LockRecovery;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A board lock that cannot be taken ends a write with exit 3 and changes nothing. Slow on purpose: baton retries for
 * its whole backoff budget (about 30 s) before it gives up, so this lives apart from the quick CLI tests.
 */
class CliLockTest {

    @TempDir
    Path tmp;

    /**
     * The lock is held by another live process that announced its update the way every baton writer does, so it is
     * not stale and nobody may clear it.
     */
    @Test
    void aLockHeldByAnotherLiveWriterIsAnEnvironmentError() throws Exception {
        CliRepo repo = CliRepo.initialized(tmp);
        String id = repo.spawn("Waiting for the lock");
        String tip = repo.tip();
        File commonDir = repo.dir().resolve(".git").toFile();

        Process holder = holdLock(commonDir);
        try {
            CliErrorsTest.assertFails(repo.baton("claim", id, "--as", "agent-a"), 3, "refs/baton/board", "locked");
            assertThat(repo.tip()).isEqualTo(tip);
            assertThat(new LockRecovery(commonDir).lockFile(BoardLayout.REF)).as("the holder's lock is left alone")
                    .exists();
            // reading does not need the lock
            assertThat(repo.show(id).get("state").asText()).isEqualTo("QUEUED");
        } finally {
            holder.getOutputStream().close(); // the holder exits when its stdin closes
            if (!holder.waitFor(30, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
    }

    /** Starts {@link LockHolder} in its own JVM and waits until it holds the lock. */
    private static Process holdLock(File commonDir) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(LockHolder.class.getName());
        cmd.add(commonDir.getAbsolutePath());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
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
            LockRecovery recovery = new LockRecovery(new File(args[0]));
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
