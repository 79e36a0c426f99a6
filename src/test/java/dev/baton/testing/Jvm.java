package dev.baton.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

/**
 * How tests start child JVMs: a main class on the test class path, in a JVM tuned to start fast rather than run fast
 * (C1 only, serial GC, JVM logging off so that nothing but the program writes to stdout and stderr).
 *
 * <p>A child JVM's start-up is most of what a short child costs, and the tests start hundreds of them (racing
 * processes, the CLI as a process, the server's validator once per push). So, once per build, the project's classes,
 * test classes and libraries are packed into one jar, and a class-data archive (AppCDS) of the classes a typical child
 * loads is dumped for it ({@link JvmTraining} is the workload); children run on that jar (followed by the test
 * frameworks' own jars, which they do not use) with that archive, which roughly halves their start-up CPU. One jar,
 * because a dynamic archive needs jars rather than folders, and JDK 17 crashed dumping one over the separate jars of
 * the libraries. The jar and archive live in the folder the system property {@code baton.test.jvm.dir} names (the
 * build sets it under its target folder, so every test JVM of a build shares them; a file lock keeps two from making
 * them at once), else in a temporary folder of this JVM; they are named after the class path's contents, so a rebuild
 * makes new ones. Should anything of this fail, children run on the plain class path, only slower;
 * {@code -Dbaton.test.jvm.plain=true} asks for that.
 */
public final class Jvm {

    /** The flags of every child JVM. */
    public static final List<String> FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
            "-XX:-UsePerfData", "-Xlog:disable", "-Xlog:all=off");

    /** The class path and archive children run on. */
    private record Runtime(String classPath, Path archive) {
    }

    private static Runtime runtime;

    private Jvm() {
    }

    /** The java binary of this JVM. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The command line running {@code mainClass} with {@code args} in a child JVM. */
    public static List<String> command(Class<?> mainClass, String... args) {
        return command(mainClass.getName(), List.of(args));
    }

    /** The command line running the class named {@code mainClass} with {@code args} in a child JVM. */
    public static List<String> command(String mainClass, List<String> args) {
        Runtime rt = runtime();
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(FLAGS);
        if (rt.archive() != null) {
            cmd.add("-XX:SharedArchiveFile=" + rt.archive());
        }
        cmd.add("-cp");
        cmd.add(rt.classPath());
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /**
     * A process running {@code mainClass} in a child JVM, with none of this JVM's {@code BATON*} variables (agent,
     * trace, write timeout, command) and git never prompting. Start it yourself; send its output to files so that it
     * never blocks on a full pipe.
     */
    public static ProcessBuilder process(Class<?> mainClass, String... args) {
        ProcessBuilder pb = new ProcessBuilder(command(mainClass, args));
        pb.environment().keySet().removeIf(k -> k.startsWith("BATON"));
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        return pb;
    }

    /** {@link #command} as one line for a shell (for a hook's {@code --baton} command, or a script). */
    public static String shellCommand(Class<?> mainClass) {
        return String.join(" ", command(mainClass).stream().map(Jvm::quote).toList());
    }

    /** Whether children run on the packed jar with a class-data archive (false: on the plain class path). */
    public static boolean archived() {
        return runtime().archive() != null;
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9_./:=@%+,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    private static synchronized Runtime runtime() {
        if (runtime == null) {
            runtime = prepare();
        }
        return runtime;
    }

    private static Runtime prepare() {
        Runtime plain = new Runtime(System.getProperty("java.class.path"), null);
        if (Boolean.getBoolean("baton.test.jvm.plain")) {
            return plain;
        }
        try {
            List<Path> entries = new ArrayList<>();
            for (String e : plain.classPath().split(File.pathSeparator)) {
                if (!e.isBlank() && Files.exists(Path.of(e))) {
                    entries.add(Path.of(e).toAbsolutePath());
                }
            }
            List<Path> packed = entries.stream().filter(e -> !framework(e)).toList();
            List<String> rest = entries.stream().filter(Jvm::framework).map(Path::toString).toList();
            Path dir = folder();
            String key = key(entries);
            Path jar = dir.resolve("classpath-" + key + ".jar");
            Path archive = dir.resolve("classpath-" + key + ".jsa");
            Path failed = dir.resolve("classpath-" + key + ".failed");
            List<String> all = new ArrayList<>(List.of(jar.toString()));
            all.addAll(rest);
            String classPath = String.join(File.pathSeparator, all);
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
                if (!Files.isRegularFile(jar)) {
                    deleteOthers(dir, key);
                    Path tmp = dir.resolve(jar.getFileName() + ".tmp");
                    pack(packed, tmp);
                    Files.move(tmp, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
                if (!Files.isRegularFile(archive) && !Files.exists(failed)) {
                    if (!dump(dir, classPath, archive)) {
                        Files.writeString(failed, "the class-data archive could not be made\n");
                    }
                }
            }
            return new Runtime(classPath, Files.isRegularFile(archive) ? archive : null);
        } catch (IOException | RuntimeException e) {
            return plain;
        }
    }

    /**
     * Whether a class path entry is a test framework's jar (JUnit, AssertJ and what they bring, the build's test
     * runner): children do not run on it, so it stays a jar of its own after the packed one rather than be copied.
     */
    private static boolean framework(Path entry) {
        String p = entry.toString().replace(File.separatorChar, '/');
        return Files.isRegularFile(entry) && (p.contains("/org/junit/") || p.contains("/org/assertj/")
                || p.contains("/net/bytebuddy/") || p.contains("/org/opentest4j/") || p.contains("/org/apiguardian/")
                || p.contains("/org/apache/maven/"));
    }

    /** The shared folder the build names, else a folder of this JVM deleted when it exits. */
    private static Path folder() throws IOException {
        String shared = System.getProperty("baton.test.jvm.dir");
        if (shared != null && !shared.isBlank()) {
            return Path.of(shared);
        }
        Path own = Files.createTempDirectory("baton-test-jvm-");
        java.lang.Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(own)));
        return own;
    }

    /** Deletes the jars and archives of other class paths (earlier builds) made more than ten minutes ago. */
    private static void deleteOthers(Path dir, String key) throws IOException {
        long tenMinutesAgo = System.currentTimeMillis() - 600_000L;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith("classpath-") && !name.startsWith("classpath-" + key + ".")
                        && Files.getLastModifiedTime(f).toMillis() < tenMinutesAgo) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** A digest of the JVM and of every class path entry (a folder by its files' names, sizes and times). */
    private static String key(List<Path> entries) throws IOException {
        java.security.MessageDigest md;
        try {
            md = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder s = new StringBuilder(System.getProperty("java.vm.version")).append('\n');
        s.append(FLAGS).append('\n');
        for (Path e : entries) {
            s.append(e).append('\n');
            if (Files.isDirectory(e)) {
                try (Stream<Path> files = Files.walk(e)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        s.append(e.relativize(f)).append(' ').append(Files.size(f)).append(' ')
                                .append(Files.getLastModifiedTime(f).toMillis()).append('\n');
                    }
                }
            } else {
                s.append(Files.size(e)).append(' ').append(Files.getLastModifiedTime(e).toMillis()).append('\n');
            }
        }
        byte[] digest = md.digest(s.toString().getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            hex.append(String.format("%02x", digest[i]));
        }
        return hex.toString();
    }

    /**
     * Packs the class path into one uncompressed jar, as the class path reads: the first entry of a name wins, service
     * files are concatenated, signatures and module descriptors are left out, and the jar is multi-release (as the
     * libraries that are).
     */
    private static void pack(List<Path> entries, Path jar) throws IOException {
        Set<String> written = new HashSet<>();
        Map<String, StringBuilder> services = new LinkedHashMap<>();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Multi-Release"), "true");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, manifest)) {
            written.add(JarFile.MANIFEST_NAME);
            written.add("META-INF/");
            for (Path e : entries) {
                if (Files.isDirectory(e)) {
                    try (Stream<Path> files = Files.walk(e)) {
                        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                            String name = e.relativize(f).toString().replace(File.separatorChar, '/');
                            add(out, written, services, name, Files.readAllBytes(f));
                        }
                    }
                } else {
                    try (JarFile in = new JarFile(e.toFile(), false)) {
                        Enumeration<JarEntry> all = in.entries();
                        while (all.hasMoreElements()) {
                            JarEntry je = all.nextElement();
                            if (!je.isDirectory()) {
                                try (InputStream is = in.getInputStream(je)) {
                                    add(out, written, services, je.getName(), is.readAllBytes());
                                }
                            }
                        }
                    }
                }
            }
            for (Map.Entry<String, StringBuilder> s : services.entrySet()) {
                store(out, s.getKey(), s.getValue().toString().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void add(JarOutputStream out, Set<String> written, Map<String, StringBuilder> services, String name,
                            byte[] bytes) throws IOException {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        if (upper.equals("META-INF/MANIFEST.MF") || name.endsWith("module-info.class")
                || upper.startsWith("META-INF/") && (upper.endsWith(".SF") || upper.endsWith(".RSA")
                || upper.endsWith(".DSA") || upper.endsWith(".EC"))) {
            return;
        }
        if (name.startsWith("META-INF/services/")) {
            StringBuilder s = services.computeIfAbsent(name, k -> new StringBuilder());
            String text = new String(bytes, StandardCharsets.UTF_8);
            s.append(text);
            if (!text.endsWith("\n")) {
                s.append('\n');
            }
            return;
        }
        if (written.add(name)) {
            store(out, name, bytes);
        }
    }

    private static void store(JarOutputStream out, String name, byte[] bytes) throws IOException {
        ZipEntry ze = new ZipEntry(name);
        ze.setMethod(ZipEntry.STORED);
        ze.setSize(bytes.length);
        ze.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        ze.setCrc(crc.getValue());
        out.putNextEntry(ze);
        out.write(bytes);
        out.closeEntry();
    }

    /**
     * Dumps the archive by running {@link JvmTraining} on the class path children use, then checks that a child with
     * the archive runs and prints only what the program prints. False when either fails (no archive is kept).
     */
    private static boolean dump(Path dir, String classPath, Path archive) throws IOException {
        Path work = Files.createTempDirectory(dir, "training-");
        Path tmp = dir.resolve(archive.getFileName() + ".tmp");
        try {
            List<String> cmd = new ArrayList<>(List.of(java()));
            cmd.addAll(FLAGS);
            cmd.addAll(List.of("-XX:ArchiveClassesAtExit=" + tmp, "-cp", classPath,
                    JvmTraining.class.getName(), work.toString()));
            if (run(cmd, work, "training") != 0 || !Files.isRegularFile(tmp) || Files.size(tmp) == 0) {
                return false;
            }
            List<String> check = new ArrayList<>(List.of(java()));
            check.addAll(FLAGS);
            check.addAll(List.of("-XX:SharedArchiveFile=" + tmp, "-cp", classPath,
                    JvmTraining.class.getName(), "--check"));
            if (run(check, work, "check") != 0
                    || !Files.readString(work.resolve("check.out")).equals(JvmTraining.CHECKED + "\n")
                    || Files.size(work.resolve("check.err")) != 0) {
                return false;
            }
            Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } finally {
            Files.deleteIfExists(tmp);
            deleteTree(work);
        }
    }

    private static int run(List<String> cmd, Path work, String name) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile())
                .redirectOutput(work.resolve(name + ".out").toFile())
                .redirectError(work.resolve(name + ".err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("BATON"));
        env.put("GIT_TERMINAL_PROMPT", "0");
        Process p = pb.start();
        try {
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return -1;
        }
        return p.exitValue();
    }

    private static void deleteTree(Path dir) {
        org.apache.commons.io.FileUtils.deleteQuietly(dir.toFile()); // what is left stays in the temporary folder
    }
}
