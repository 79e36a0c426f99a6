package dev.baton.remote;

import dev.baton.app.Coordinator;
import dev.baton.cli.Main;
import dev.baton.hooks.HookInstaller;
import dev.baton.testing.TempRepo;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The command the test servers' update hook runs: the baton CLI in a JVM started for speed, as {@code bin/baton}
 * starts it. The hook runs once per pushed board ref, so its start-up is most of what a push costs; a class-data
 * archive (AppCDS) roughly halves it. An archive needs a class path of jars, so the folders of this JVM's class path
 * (the build's classes) are packed into jars once per test JVM, and the archive is dumped by running the validator
 * once on a scratch board. Should any of that fail, the hook runs on the plain class path, only slower.
 */
final class HookRuntime {

    private static String command;

    private HookRuntime() {
    }

    static synchronized String command() {
        if (command == null) {
            command = prepare();
        }
        return command;
    }

    private static String prepare() {
        List<String> plain = java(System.getProperty("java.class.path"), null);
        try {
            Path dir = Files.createTempDirectory("baton-remote-hook-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            String classPath = jarredClassPath(dir);
            Path archive = dir.resolve("hook.jsa");
            if (!dump(dir, classPath, archive)) {
                return join(plain);
            }
            return join(java(classPath, archive));
        } catch (IOException | RuntimeException e) {
            return join(plain);
        }
    }

    private static List<String> java(String classPath, Path archive) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xlog:disable", "-Xlog:all=off"));
        if (archive != null) {
            cmd.add("-XX:SharedArchiveFile=" + archive);
        }
        cmd.addAll(List.of("-cp", classPath, Main.class.getName()));
        return cmd;
    }

    private static String join(List<String> cmd) {
        return String.join(" ", cmd.stream().map(HookInstaller::quote).toList());
    }

    /** This JVM's class path with every folder on it replaced by a jar of its contents. */
    private static String jarredClassPath(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                Path jar = dir.resolve("classes-" + (n++) + ".jar");
                jar(p, jar);
                out.add(jar.toString());
            } else if (Files.exists(p)) {
                out.add(entry);
            }
        }
        return String.join(File.pathSeparator, out);
    }

    private static void jar(Path folder, Path jar) throws IOException {
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os);
             Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(folder.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    /** Runs the validator once on a scratch board of two commits, dumping the classes it loaded into {@code archive}. */
    private static boolean dump(Path dir, String classPath, Path archive) throws IOException {
        TempRepo repo = TempRepo.create(dir, "scratch");
        try (Coordinator c = repo.coordinator("admin")) {
            c.init();
            c.spawn(new Coordinator.SpawnRequest("warm up", null, null, 2, List.of(), "main", null));
            c.claimNext(null, null);
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xlog:disable", "-Xlog:all=off",
                "-XX:ArchiveClassesAtExit=" + archive, "-cp", classPath, Main.class.getName(), "hook", "update",
                "refs/baton/board", repo.rev("refs/baton/board~1"), repo.rev("refs/baton/board")));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.file())
                .redirectOutput(dir.resolve("dump.out").toFile()).redirectError(dir.resolve("dump.err").toFile());
        pb.environment().remove("BATON");
        try {
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0 && Files.size(archive) > 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind
        }
    }
}
