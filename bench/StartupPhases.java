// Where one `baton show <id>` spends its time, phase by phase, in a fresh JVM: the work of ShowCommand done step by
// step through the same public calls, with the wall and CPU time (of the main thread) of each step. bench/startup.sh
// --phases compiles it into a jar of its own, records a class-data archive for that class path, runs it RUNS times
// and prints the medians:
//
//     javac -cp target/baton.jar -d /tmp/phases bench/StartupPhases.java && jar cf /tmp/phases.jar -C /tmp/phases .
//     java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp /tmp/phases.jar:target/baton.jar StartupPhases <repo> <id>
//
// Prints one line: "jvm <ms to main> prepare <wall>/<cpu> picocli <wall>/<cpu> ... end <ms from JVM start>". What
// the process spends after main returns (shutdown hooks, the JVM's exit) is the wall time measured outside it
// minus "end".

import dev.baton.app.Session;
import dev.baton.app.Repositories;
import dev.baton.cli.BatonCommand;
import dev.baton.git.JGitEnvironment;
import dev.baton.core.Task;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import org.eclipse.jgit.lib.Repository;

public final class StartupPhases {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final StringBuilder OUT = new StringBuilder();
    private static long wall;
    private static long cpu;

    public static void main(String[] args) {
        OUT.append("jvm ").append(ManagementFactory.getRuntimeMXBean().getUptime());
        wall = System.nanoTime();
        cpu = THREADS.getCurrentThreadCpuTime();
        String repo = args[0];
        String id = args[1];

        JGitEnvironment.prepare();
        phase("prepare");
        String[] argv = {"-C", repo, "show", id};
        BatonCommand.commandLine(argv).parseArgs(argv);
        phase("picocli");
        Repository repository = Repositories.open(new File(repo));
        repository.getConfig().getString("user", null, "email");
        phase("open");
        try (Session c = new Session(repository, Clock.systemUTC(), "bench", false)) {
            String resolved = c.board().resolve(id);
            phase("resolve");
            Task t = c.board().task(resolved);
            phase("task");
            c.board().workspace(resolved);
            c.board().tasks(t.subtasks());
            c.board().tasks(t.blockers());
            phase("rest");
        }
        phase("close");
        OUT.append(" end ").append(ManagementFactory.getRuntimeMXBean().getUptime());
        System.out.println(OUT);
    }

    private static void phase(String name) {
        long w = System.nanoTime();
        long c = THREADS.getCurrentThreadCpuTime();
        OUT.append(' ').append(name).append(' ').append((w - wall) / 1_000_000).append('/').append((c - cpu) / 1_000_000);
        wall = System.nanoTime();
        cpu = THREADS.getCurrentThreadCpuTime();
    }
}
