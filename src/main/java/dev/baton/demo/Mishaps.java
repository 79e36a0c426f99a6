package dev.baton.demo;

import dev.baton.core.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trouble the demo stages so that what baton does about it shows, each time on the first attempt at one task:
 * the stand-in agent fails on one, the worker running another is killed, and the stand-in hangs on a third. A fourth
 * task's spec forgets the reviewer's rule, so review sends it back once. The tasks are the first four spawned, which
 * the pool claims first; the killed worker is then one that does not hold the rejected task. With fewer tasks, the
 * later mishaps have no task to happen to.
 *
 * @param fails    the stand-in exits 3 on its first attempt (null: none)
 * @param rejected the task whose spec does not ask for the "Tests:" line (null: none)
 * @param crashes  the worker running its first attempt is killed with SIGKILL (null: none)
 * @param hangs    the stand-in hangs on its first attempt until the timeout stops it (null: none)
 */
record Mishaps(Task fails, Task rejected, Task crashes, Task hangs) {

    /** The first task fails, the third crashes, the fourth hangs; the one whose plan forgets the rule is rejected. */
    static Mishaps stage(List<Task> tasks, List<DemoTasks.Plan> plans) {
        Task rejected = null;
        for (int i = 0; i < plans.size() && rejected == null; i++) {
            rejected = plans.get(i).asksForTests() ? null : tasks.get(i);
        }
        return new Mishaps(tasks.get(0), rejected, tasks.size() > 2 ? tasks.get(2) : null,
                tasks.size() > 3 ? tasks.get(3) : null);
    }

    /** What tells the stand-in agent which tasks to trip over. */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        put(env, "DEMO_FAILS", fails);
        put(env, "DEMO_HANGS", hangs);
        put(env, "DEMO_CRASHES", crashes);
        return env;
    }

    /** One line per staged mishap, saying what will happen and what baton will do about it. */
    List<String> plan(String timeout, String lease, String backoff) {
        List<String> lines = new ArrayList<>();
        if (fails != null) {
            lines.add(name(fails) + ": the stand-in exits 3 on attempt 1; `baton work` fails the attempt and the retry "
                    + "policy queues the task again (ready after a " + backoff + " backoff)");
        }
        if (rejected != null) {
            lines.add(name(rejected) + ": its spec forgets the reviewer's \"Tests:\" rule; review sends it back, and "
                    + "its owner's `baton work` takes it up again before anything new");
        }
        if (crashes != null) {
            lines.add(name(crashes) + ": the demo kills (SIGKILL) the worker running attempt 1; its " + lease
                    + " lease runs out, and the next `claim --next` in the pool reaps the task at a new epoch");
        }
        if (hangs != null) {
            lines.add(name(hangs) + ": the stand-in hangs on attempt 1; --timeout " + timeout + " stops it (SIGTERM), "
                    + "the attempt fails and the task is queued again");
        }
        return lines;
    }

    private static String name(Task t) {
        return t.id() + " (" + t.title() + ")";
    }

    private static void put(Map<String, String> env, String key, Task t) {
        if (t != null) {
            env.put(key, t.id());
        }
    }
}
