package dev.baton.concurrency;

import dev.baton.store.LoggedEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.Task;
import dev.baton.testing.ChildProcesses;
import dev.baton.testing.Cli;
import dev.baton.testing.Lines;
import dev.baton.testing.Poll;
import dev.baton.testing.Processes;
import dev.baton.testing.Run;
import dev.baton.testing.TempRepo;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four worker processes make board transitions under contention while the test SIGKILLs them and restarts them,
 * sixteen times: the first few at random moments, the rest aimed at a worker that is announcing a ref update, so that
 * kills land around JGit's lock, write and rename (at least one of them must). Afterwards the board is whole: every
 * task in exactly one state, the history replays clean, git finds nothing wrong, and the next commands work, whatever
 * locks the kills left behind.
 */
class ChaosTest {

    static final int WORKERS = 4;
    static final int KILLS = 16;
    /** Kills before this many land at random moments; the others aim at a ref update in progress. */
    static final int RANDOM_KILLS = 4;

    @TempDir
    Path tmp;

    @RegisterExtension
    final ChildProcesses processes = new ChildProcesses();

    Processes children;

    @Test
    void killingWritersAtRandomNeverBreaksTheBoard() throws Exception {
        TempRepo repo = TempRepo.create(tmp);
        children = processes.logsIn(tmp.resolve("logs"));
        Cli.ok(repo.dir(), "boss", "init");
        for (int i = 0; i < 10; i++) {
            Cli.ok(repo.dir(), "boss", "spawn", "seed " + i);
        }
        Path stop = tmp.resolve("stop");
        Processes.Child[] workers = new Processes.Child[WORKERS];
        Path[] logs = new Path[WORKERS];
        int[] linesAtStart = new int[WORKERS];
        for (int i = 0; i < WORKERS; i++) {
            logs[i] = tmp.resolve("chaos-" + i + ".tsv");
            workers[i] = startWorker(repo, i, logs[i], stop);
        }

        Random rnd = new Random();
        File intents = repo.dir().resolve(".git/baton/intents").toFile();
        int kills = 0;
        int midUpdate = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(600).toNanos();
        while (kills < KILLS) {
            assertThat(System.nanoTime() - deadline).as("time left for the kills (%d so far)", kills).isNegative();
            Poll.sleep(50 + rnd.nextInt(400));
            // kill a worker that is busy (has finished an operation since it started), at a random moment
            List<Integer> busy = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) {
                if (Lines.read(logs[i]).size() > linesAtStart[i]) {
                    busy.add(i);
                }
            }
            if (busy.isEmpty()) {
                continue;
            }
            int victim = busy.get(rnd.nextInt(busy.size()));
            if (kills >= RANDOM_KILLS) {
                // aim at a ref update in progress: a worker whose intent file is there right now
                victim = victimMidUpdate(intents, workers, busy, victim);
            }
            Process p = workers[victim].process();
            p.destroyForcibly(); // SIGKILL
            assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            kills++;
            String[] left = intents.list((d, name) -> name.contains("." + p.pid() + "."));
            if (left != null && left.length > 0) {
                midUpdate++; // it died between announcing a ref update and finishing it
            }
            linesAtStart[victim] = Lines.read(logs[victim]).size();
            workers[victim] = startWorker(repo, victim, logs[victim], stop);
        }

        // let the survivors and the restarted ones work on a little, then stop them cleanly
        Poll.await("every worker to work after the last kill", Duration.ofSeconds(300), () -> {
            for (int i = 0; i < WORKERS; i++) {
                if (Lines.read(logs[i]).size() <= linesAtStart[i]) {
                    return false;
                }
            }
            return true;
        });
        TempRepo.touchAtomically(stop, "");
        for (Processes.Child w : workers) {
            Run r = w.await(Duration.ofSeconds(300));
            assertThat(r.exit()).as("worker stopped by the stop file: %s", r).isZero();
        }

        int ops = 0;
        List<String> errors = new ArrayList<>();
        List<String> reported = new ArrayList<>(); // "<command> <task> <epoch> <agent>" for every write said done
        for (int i = 0; i < WORKERS; i++) {
            for (String line : Lines.read(logs[i])) {
                ops++;
                String[] f = line.split("\t");
                if (f[0].equals("ERROR")) {
                    errors.add(line);
                }
                String writes = f[0].equals("OK") && f.length > 2 ? f[2] : f[0].equals("REFUSED") && f.length > 3 ? f[3] : "";
                for (String w : writes.split(",")) {
                    if (!w.isEmpty()) {
                        reported.add(w + " agent-" + i);
                    }
                }
            }
        }
        System.out.println("chaos: " + kills + " SIGKILLs (" + midUpdate + " in the middle of a ref update), "
                + ops + " operations finished");
        assertThat(kills).isEqualTo(KILLS);
        assertThat(midUpdate).as("kills that landed between a ref update's intent and its end").isPositive();
        assertThat(errors).as("operations that failed other than by a refusal").isEmpty();

        // no lost update: every transition a worker was told had landed is in the board's history
        java.util.Set<String> history = new java.util.HashSet<>();
        try (dev.baton.app.Session reader = repo.session("reader")) {
            for (dev.baton.store.LoggedEvent e : reader.board().log(null, 0)) {
                if (e.event() != null) {
                    history.add(e.event().command().name() + " " + e.event().taskId() + " " + e.event().epoch() + " "
                            + e.event().actor());
                }
            }
        }
        System.out.println("chaos: " + reported.size() + " writes reported done, " + history.size() + " in the history");
        assertThat(reported).as("writes reported done").isNotEmpty();
        assertThat(history).as("the board's history").containsAll(reported);

        Map<String, Task> tasks = BoardChecks.assertConsistent(repo);
        System.out.println("chaos: board " + BoardChecks.census(tasks));
        Run fsck = children.baton(repo.dir(), "checker", "fsck");
        assertThat(fsck.exit()).as("baton fsck: %s", fsck).isZero();
        BoardChecks.assertGitFsckClean(repo);

        // the next writer goes through, whatever the kills left behind
        Run spawn = children.baton(repo.dir(), "after", "spawn", "after the chaos", "--priority", "0");
        assertThat(spawn.exit()).as("spawn after the chaos: %s", spawn).isZero();
        String id = spawn.value();
        Run claim = children.baton(repo.dir(), "after", "claim", id);
        assertThat(claim.exit()).as("claim after the chaos: %s", claim).isZero();
        assertThat(claim.value()).isEqualTo(id + " claimed by after (epoch 1)");
        assertThat(repo.dir().resolve(".git/refs/baton/board.lock")).doesNotExist();

        // doctor --fix clears whatever stale lease locks the kills left, and reaps what ran out
        Run fix = children.baton(repo.dir(), "after", "doctor", "--fix");
        assertThat(fix.exit()).as("doctor --fix after the chaos: %s", fix).isZero();
        try (var files = Files.walk(repo.dir().resolve(".git/refs/baton"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".lock")).toList()).as("lock files left").isEmpty();
        }
        BoardChecks.assertConsistent(repo);
        Run fsckAgain = Cli.as(repo.dir(), "checker", "fsck");
        assertThat(fsckAgain.exit()).as("baton fsck at the end: %s", fsckAgain).isZero();
    }

    /**
     * Polls the intents folder for a moment for a busy worker that is announcing a ref update (between the intent and
     * its withdrawal: around JGit's lock, write and rename); that worker, else {@code fallback}.
     */
    private static int victimMidUpdate(File intents, Processes.Child[] workers, List<Integer> busy, int fallback) {
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() - until < 0) {
            String[] names = intents.list();
            if (names != null) {
                for (String name : names) {
                    for (int i : busy) {
                        if (name.contains("." + workers[i].pid() + ".")) {
                            return i;
                        }
                    }
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
        return fallback;
    }

    private Processes.Child startWorker(TempRepo repo, int i, Path log, Path stop) {
        return children.startMain(ChaosWorker.class, "chaos-" + i, repo.dir().toString(), "agent-" + i,
                log.toString(), stop.toString());
    }
}
