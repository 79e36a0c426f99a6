package dev.baton.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.BoardLayout;
import dev.baton.store.LeaseStore;
import dev.baton.store.LockRecovery;
import dev.baton.testing.ChildProcesses;
import dev.baton.testing.Cli;
import dev.baton.testing.Poll;
import dev.baton.testing.Processes;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lock files and the processes behind them: the lock of a writer that was SIGKILLed mid-update is reported by
 * {@code doctor}, removed by {@code doctor --fix} and cleared by the next write on its own; the lock of a process that
 * is still running is never touched, and a write waiting for it gives up with exit 3. The locks are taken by child
 * processes and the writes run as child processes; {@code doctor} and {@code fsck} run in this JVM (what they judge
 * is the holder's process, not their own).
 */
class StaleLockTest {

    @TempDir
    Path tmp;

    TempRepo repo;
    @RegisterExtension
    final ChildProcesses processes = new ChildProcesses();

    Processes children;
    Path boardLock;

    @BeforeEach
    void board() {
        repo = TempRepo.create(tmp);
        children = processes.logsIn(tmp.resolve("logs"));
        Cli.ok(repo.dir(), "lead", "init");
        boardLock = repo.dir().resolve(".git/" + BoardLayout.REF + ".lock");
    }

    @Test
    void theLockOfAKilledWriterIsReportedRemovedByDoctorFixAndClearedByTheNextWrite() throws Exception {
        String id = Cli.ok(repo.dir(), "lead", "spawn", "behind a stale lock");

        killWhileHolding(BoardLayout.REF);
        Run doctor = Cli.as(repo.dir(), "agent-a", "doctor");
        assertThat(doctor.exit()).as("%s", doctor).isEqualTo(1);
        assertThat(doctor.out()).contains("board.lock").contains("was left by a process that died");
        assertThat(boardLock).exists();
        Run fix = Cli.as(repo.dir(), "agent-a", "doctor", "--fix");
        assertThat(fix.exit()).as("%s", fix).isZero();
        assertThat(fix.out()).contains("fixed: removed").contains("board.lock");
        assertThat(boardLock).doesNotExist();

        // again, and this time the next write finds the stale lock and clears it itself
        killWhileHolding(BoardLayout.REF);
        String tip = repo.rev(BoardLayout.REF);
        Run claim = children.baton(repo.dir(), "agent-a", "claim", id);
        assertThat(claim.exit()).as("%s", claim).isZero();
        assertThat(claim.value()).isEqualTo(id + " claimed by agent-a (epoch 1)");
        assertThat(boardLock).doesNotExist();
        assertThat(repo.git("rev-parse", BoardLayout.REF + "~1").strip()).isEqualTo(tip);

        // the same for a lease ref: a heartbeat goes through a lock its killed predecessor left
        killWhileHolding(LeaseStore.ref(id));
        Run beat = children.baton(repo.dir(), "agent-a", "heartbeat", id, "--note", "still here");
        assertThat(beat.exit()).as("%s", beat).isZero();
        assertThat(repo.dir().resolve(".git/" + LeaseStore.ref(id) + ".lock")).doesNotExist();

        Run fsck = Cli.as(repo.dir(), "checker", "fsck");
        assertThat(fsck.exit()).as("%s", fsck).isZero();
    }

    @Test
    void theLockOfALiveProcessIsNeverCleared() {
        String tip = repo.rev(BoardLayout.REF);
        Processes.Child holder = hold(BoardLayout.REF);
        Poll.sleep(LockRecovery.MIN_AGE.toMillis() + 200); // old enough that only its holder's life protects it

        Run doctor = Cli.as(repo.dir(), "agent-a", "doctor");
        assertThat(doctor.exit()).as("%s", doctor).isEqualTo(1);
        assertThat(doctor.out()).contains("board.lock").contains("held by running process [" + holder.pid() + "]");
        Run fix = Cli.as(repo.dir(), "agent-a", "doctor", "--fix");
        assertThat(fix.exit()).as("%s", fix).isEqualTo(1);
        assertThat(fix.out()).doesNotContain("fixed:").contains("held by running process");
        assertThat(boardLock).exists();

        Run spawn = children.batonWith(repo.dir(), "agent-a", Map.of("BATON_WRITE_TIMEOUT", "2s"),
                "spawn", "waits for the lock");
        assertThat(spawn.exit()).as("%s", spawn).isEqualTo(3);
        assertThat(spawn.err()).contains(BoardLayout.REF + " is locked").contains("held by running process");
        assertThat(boardLock).exists();
        assertThat(repo.rev(BoardLayout.REF)).isEqualTo(tip);
        assertThat(holder.process().isAlive()).isTrue();

        // once its holder is gone the lock is stale, and the next write clears it
        holder.process().destroyForcibly();
        Run after = children.baton(repo.dir(), "agent-a", "spawn", "after the holder died");
        assertThat(after.exit()).as("%s", after).isZero();
        assertThat(boardLock).doesNotExist();
    }

    /** Starts a process that takes {@code ref}'s lock as a writer does and holds it; returns once it holds it. */
    private Processes.Child hold(String ref) {
        Processes.Child holder = children.startMain(LockHolder.class, "lock-holder", repo.dir().toString(), ref);
        Poll.await("the lock holder to take " + ref + ".lock", Duration.ofSeconds(180),
                () -> holder.stdout().contains("locked") || !holder.process().isAlive());
        assertThat(holder.stdout()).as("lock holder: %s %s", holder.stdout(), holder.stderr()).contains("locked");
        return holder;
    }

    /** Leaves {@code ref}'s lock behind the way a writer SIGKILLed mid-update does, old enough to be judged stale. */
    private void killWhileHolding(String ref) throws InterruptedException {
        Processes.Child holder = hold(ref);
        holder.process().destroyForcibly();
        assertThat(holder.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(repo.dir().resolve(".git/" + ref + ".lock")).exists();
        Poll.sleep(LockRecovery.MIN_AGE.toMillis() + 200);
    }
}
