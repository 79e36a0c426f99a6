package dev.baton.demo;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * How the demo starts baton in a process of its own: the java binary and class path this JVM runs on, with the flags
 * that make a short-lived CLI start fast (C1 only, serial GC) and, where the class path is made of jars, a class-data
 * archive made once by the first call and kept in the temporary folder for the next runs.
 */
final class ChildJvm {

    static final String MAIN_CLASS = "dev.baton.cli.Main";

    private static final List<String> FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
            "-Xlog:disable", "-Xlog:all=off");

    private final String java;
    private final String classPath;
    private final Path archive;

    private ChildJvm(String java, String classPath, Path archive) {
        this.java = java;
        this.classPath = classPath;
        this.archive = archive;
    }

    /** The JVM this process runs on. */
    static ChildJvm current() {
        String java = ProcessHandle.current().info().command()
                .filter(c -> new File(c).canExecute())
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<File> entries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(s -> !s.isBlank())
                .map(s -> new File(s).getAbsoluteFile())
                .toList();
        String classPath = String.join(File.pathSeparator, entries.stream().map(File::getPath).toList());
        return new ChildJvm(java, classPath, archiveFor(entries));
    }

    /** The command line that runs {@code baton <args>}. */
    List<String> command(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(FLAGS);
        if (archive != null && Files.isRegularFile(archive)) {
            cmd.add("-XX:SharedArchiveFile=" + archive);
        }
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(MAIN_CLASS);
        cmd.addAll(args);
        return cmd;
    }

    /**
     * The command line for the first call: when there is no class-data archive yet, this call writes one on exit
     * (to {@code pending}, which {@link #keepArchive} then moves into place).
     */
    List<String> commandWritingArchive(List<String> args, Path pending) {
        if (archive == null || Files.isRegularFile(archive)) {
            return command(args);
        }
        List<String> cmd = new ArrayList<>(command(args));
        cmd.add(1 + FLAGS.size(), "-XX:ArchiveClassesAtExit=" + pending);
        return cmd;
    }

    /** A path for {@link #commandWritingArchive} to write to, or null when there will be no archive. */
    Path pendingArchive() {
        return archive == null || Files.isRegularFile(archive) ? null
                : archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    }

    /**
     * Moves a freshly written archive into place, and deletes archives of other jars (earlier builds) made more than
     * an hour ago; a failure only means the next calls start a little slower.
     */
    void keepArchive(Path pending) {
        if (pending == null) {
            return;
        }
        try {
            if (Files.isRegularFile(pending)) {
                Files.move(pending, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // another demo may have won the move; either way an archive is there or the calls go without
        } finally {
            deleteQuietly(pending);
        }
        long hourAgo = System.currentTimeMillis() - 3600_000L;
        try (Stream<Path> old = Files.list(archive.getParent())) {
            old.filter(p -> p.getFileName().toString().matches("baton-.*\\.jsa") && !p.equals(archive))
                    .filter(p -> p.toFile().lastModified() < hourAgo)
                    .forEach(ChildJvm::deleteQuietly);
        } catch (IOException | UncheckedIOException ignored) {
            // they stay in the temporary folder
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // left behind in the temporary folder
        }
    }

    /**
     * Where the archive for this JVM and class path lives; null when the class path holds folders (dynamic archives
     * need jars) or the temporary folder cannot be written.
     */
    private static Path archiveFor(List<File> entries) {
        if (entries.isEmpty() || entries.stream().anyMatch(f -> !f.isFile())) {
            return null;
        }
        StringBuilder key = new StringBuilder(System.getProperty("java.vm.version", "?"));
        for (File f : entries) {
            key.append('|').append(f.getPath()).append('|').append(f.length()).append('|').append(f.lastModified());
        }
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "baton-" + user, "demo-cds");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return null;
        }
        return Files.isWritable(dir)
                ? dir.resolve(String.format(Locale.ROOT, "baton-%08x.jsa", key.toString().hashCode())) : null;
    }
}
