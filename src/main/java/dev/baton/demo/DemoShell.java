package dev.baton.demo;

import dev.baton.BatonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How the demo runs baton (in a child JVM) and git in its scratch repository, and reads what they printed. */
final class DemoShell {

    private final ChildJvm jvm;
    private final String agent;

    /** @param agent who the baton calls act as */
    DemoShell(ChildJvm jvm, String agent) {
        this.jvm = jvm;
        this.agent = agent;
    }

    record Result(int code, String output) {
        boolean ok() {
            return code == 0;
        }

        String firstLine() {
            return output.strip().lines().findFirst().orElse("exit code " + code);
        }
    }

    Result baton(Path dir, String... args) throws IOException, InterruptedException {
        return exec(jvm.command(List.of(args)), dir, Map.of("BATON_AGENT", agent));
    }

    void git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Result r = exec(cmd, dir, Map.of());
        if (!r.ok()) {
            throw BatonException.environment("demo: git " + args[0] + " failed: " + r.firstLine());
        }
    }

    Result exec(List<String> cmd, Path dir, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        Actors.clean(pb.environment());
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw BatonException.environment("demo: cannot run " + cmd.get(0) + ": " + e.getMessage(), e);
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }
}
