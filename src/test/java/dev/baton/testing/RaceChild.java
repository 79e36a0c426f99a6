package dev.baton.testing;

import dev.baton.BatonException;
import dev.baton.app.Session;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What every child process of a {@link TempRepo#race} shares: a session for the repository and actor of
 * {@code args[0]} and {@code args[1]}, the slow part done before the barrier (the last two arguments, the ready and
 * go files), then the raced part; the process exits 0, or the exit code of a {@link BatonException} (its message on
 * stderr), or 70 for anything else (its stack trace on stderr).
 */
public final class RaceChild {

    /** One part of the child's work, on the session. */
    @FunctionalInterface
    public interface Step {
        void run(Session c) throws Exception;
    }

    private RaceChild() {
    }

    /** Runs {@code before}, waits at the barrier, runs {@code race}, and exits with the outcome's code. */
    public static void run(String[] args, Step before, Step race) {
        int code;
        try (Session c = TempRepo.sessionAt(Path.of(args[0]), args[1], Clock.systemUTC())) {
            before.run(c);
            TempRepo.barrier(Path.of(args[args.length - 2]), Path.of(args[args.length - 1]));
            race.run(c);
            code = 0;
        } catch (BatonException e) {
            System.err.println(e.getMessage());
            code = e.exitCode().code();
        } catch (Throwable e) {
            e.printStackTrace();
            code = 70;
        }
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }
}
