package dev.baton.store;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.lib.Repository;

/**
 * Recognises and clears the lock files a killed process leaves behind. JGit takes {@code <ref>.lock} while it moves a
 * ref and never clears one left by a dead process; every later writer would then fail.
 *
 * <p>Proof of staleness: every baton process announces each ref update with an intent file
 * ({@code baton/intents/<ref-hash>.<pid>.<start>.<n>}) made before JGit takes the lock and removed after it is
 * released. A live holder of a lock therefore always has a live intent. A lock file older than {@link #MIN_AGE} for
 * which no process that is still running (same pid and start time) has an intent is stale: its holder died. Recovery
 * runs under an operating-system file lock ({@code baton/recovery.lock}), which the system releases if the recovering
 * process dies, so two recoverers can never race to delete a fresh lock. Only baton writes {@code refs/baton/*} (the
 * hooks refuse other writers), which is what makes the proof hold.
 */
public final class LockRecovery {

    /** A lock younger than this is left alone whatever the intents say. */
    public static final Duration MIN_AGE = Duration.ofSeconds(2);

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final long PID = ProcessHandle.current().pid();
    private static final long START = startOf(ProcessHandle.current()).orElse(0L);

    /** One instance per repository, by its common git directory (worktrees share their main repository's). */
    private static final ConcurrentMap<Path, LockRecovery> BY_COMMON_DIR = new ConcurrentHashMap<>();

    private final File commonDir;

    private LockRecovery(File commonDir) {
        this.commonDir = commonDir;
    }

    /** The lock recovery of the repository whose common git directory is {@code commonDir}. */
    public static LockRecovery of(File commonDir) {
        Path key = commonDir.toPath().toAbsolutePath().normalize();
        return BY_COMMON_DIR.computeIfAbsent(key, k -> new LockRecovery(k.toFile()));
    }

    /** The lock recovery of {@code repo} (of its main repository, when it is a worktree). */
    public static LockRecovery of(Repository repo) {
        return of(repo.getCommonDirectory());
    }

    /** What is known about one lock file. */
    public record LockReport(File file, String ref, long ageMillis, List<Long> liveHolders) {
        public boolean stale() {
            return liveHolders.isEmpty() && ageMillis >= MIN_AGE.toMillis();
        }

        public String describe() {
            String age = (ageMillis / 1000) + " s old";
            if (!liveHolders.isEmpty()) {
                return file + " (" + age + ") is held by running process " + liveHolders + "; leave it";
            }
            if (ageMillis < MIN_AGE.toMillis()) {
                return file + " (" + age + ") is fresh; a writer is probably using it";
            }
            return file + " (" + age + ") was left by a process that died; it is stale and safe to remove";
        }
    }

    /** An announced ref update; closing it withdraws the announcement. */
    public final class Intent implements AutoCloseable {
        private final File file;

        private Intent(File file) {
            this.file = file;
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(file.toPath());
            } catch (IOException ignored) {
                // a leftover intent of a live process is withdrawn at its next update; of a dead one, it proves nothing
            }
        }
    }

    /** Announces that this process is about to update {@code ref}. */
    public Intent announce(String ref) throws IOException {
        File dir = intentsDir();
        File f = new File(dir, hash(ref) + "." + PID + "." + START + "." + SEQUENCE.incrementAndGet());
        try {
            Files.write(f.toPath(), ref.getBytes(StandardCharsets.UTF_8));
        } catch (java.nio.file.NoSuchFileException e) {
            Files.createDirectories(dir.toPath());
            Files.write(f.toPath(), ref.getBytes(StandardCharsets.UTF_8));
        }
        return new Intent(f);
    }

    /** Describes the lock file of {@code ref}, if there is one. */
    public Optional<LockReport> inspect(String ref) {
        File lock = lockFile(ref);
        if (!lock.exists()) {
            return Optional.empty();
        }
        long age = Math.max(0, System.currentTimeMillis() - lock.lastModified());
        return Optional.of(new LockReport(lock, ref, age, liveHolders(ref)));
    }

    /** Every lock file under refs/baton, for {@code baton doctor}. */
    public List<LockReport> scan() {
        List<LockReport> out = new ArrayList<>();
        File root = new File(commonDir, "refs/baton");
        try (var files = root.exists() ? Files.walk(root.toPath()) : java.util.stream.Stream.<java.nio.file.Path>empty()) {
            files.filter(p -> p.toString().endsWith(".lock")).forEach(p -> {
                String rel = commonDir.toPath().relativize(p).toString().replace(File.separatorChar, '/');
                inspect(rel.substring(0, rel.length() - ".lock".length())).ifPresent(out::add);
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Removes {@code ref}'s lock file if it is provably stale; re-checks under the recovery lock. Returns true when
     * a stale lock was removed.
     */
    public boolean recoverIfStale(String ref) throws IOException {
        File guard = new File(commonDir, "baton/recovery.lock");
        Files.createDirectories(guard.getParentFile().toPath());
        try (FileChannel ch = FileChannel.open(guard.toPath(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = ch.tryLock()) {
            if (held == null) {
                return false; // another process is recovering right now
            }
            java.nio.file.Path lock = lockFile(ref).toPath();
            Optional<Object> judged = identity(lock);
            Optional<LockReport> report = inspect(ref);
            if (judged.isEmpty() || report.isEmpty() || !report.get().stale()) {
                return false;
            }
            // Delete only the very lock file that was judged: same file (inode) and same time, not a fresh one that a
            // live writer took in between.
            if (!judged.equals(identity(lock))) {
                return false;
            }
            Files.deleteIfExists(lock);
            pruneDeadIntents();
            return true;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return false; // this process is recovering on another thread
        }
    }

    /** A lock file's identity: its file key (inode) and modification time; empty when it does not exist. */
    private static Optional<Object> identity(java.nio.file.Path p) {
        try {
            var a = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class);
            return Optional.of(java.util.List.of(String.valueOf(a.fileKey()), a.lastModifiedTime().toMillis()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public File lockFile(String ref) {
        return new File(commonDir, ref + ".lock");
    }

    private List<Long> liveHolders(String ref) {
        List<Long> live = new ArrayList<>();
        File[] files = intentsDir().listFiles();
        if (files == null) {
            return live;
        }
        String prefix = hash(ref) + ".";
        for (File f : files) {
            if (!f.getName().startsWith(prefix)) {
                continue;
            }
            String[] parts = f.getName().split("\\.");
            if (parts.length != 4) {
                continue;
            }
            long pid = Long.parseLong(parts[1]);
            long start = Long.parseLong(parts[2]);
            if (pid != PID && isAlive(pid, start) && !live.contains(pid)) {
                live.add(pid);
            }
        }
        return live;
    }

    private void pruneDeadIntents() {
        File[] files = intentsDir().listFiles();
        if (files == null) {
            return;
        }
        for (File f : files) {
            String[] parts = f.getName().split("\\.");
            if (parts.length == 4 && !isAlive(Long.parseLong(parts[1]), Long.parseLong(parts[2]))) {
                f.delete();
            }
        }
    }

    private static boolean isAlive(long pid, long start) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) {
            return false;
        }
        Optional<Long> actual = startOf(h.get());
        return actual.isEmpty() || start == 0 || actual.get() == start;
    }

    private static Optional<Long> startOf(ProcessHandle h) {
        return h.info().startInstant().map(i -> i.toEpochMilli() / 1000);
    }

    private File intentsDir() {
        return new File(commonDir, "baton/intents");
    }

    private static String hash(String ref) {
        return Integer.toHexString(ref.hashCode());
    }
}
