// Where a board transition spends its time, from a JFR recording of bench/BoardBench.java:
//
//     java -XX:StartFlightRecording=filename=/tmp/board.jfr,settings=profile -cp target/baton.jar \
//          bench/BoardBench.java --scenarios rotate --sizes 10000
//     java bench/JfrSummary.java /tmp/board.jfr
//
// Counts the samples JFR took of the benchmark thread while it was inside a measured transition (jdk.ExecutionSample:
// running Java code; jdk.NativeMethodSample: in a native method, mostly file system calls), sorts each into the step
// of BoardStore.apply it belongs to, and prints the share of each step and the most frequent top frames. Samples are
// taken every 10-20 ms, so a recording needs some seconds of measuring to say much.

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

public final class JfrSummary {

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: java bench/JfrSummary.java <recording.jfr> [frame that marks a measured sample]");
            System.exit(2);
        }
        String marker = args.length > 1 ? args[1] : "BoardBench$Bench.apply";
        Map<String, Integer> steps = new TreeMap<>();
        Map<String, Integer> tops = new TreeMap<>();
        int java = 0;
        int nativeSamples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = e.getEventType().getName();
            if (!type.equals("jdk.ExecutionSample") && !type.equals("jdk.NativeMethodSample")) {
                continue;
            }
            if (e.getStackTrace() == null) {
                continue;
            }
            List<String> frames = new ArrayList<>();
            for (RecordedFrame f : e.getStackTrace().getFrames()) {
                frames.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
            }
            if (frames.stream().noneMatch(f -> f.contains(marker))) {
                continue;
            }
            if (type.equals("jdk.ExecutionSample")) {
                java++;
            } else {
                nativeSamples++;
            }
            String step = step(String.join(" ", frames));
            if (step.equals("other")) {
                int apply = frames.indexOf("dev.baton.store.BoardStore.apply");
                step = "other: " + (apply > 0 ? frames.get(apply - 1) : frames.get(0));
            }
            steps.merge(step, 1, Integer::sum);
            tops.merge(frames.get(0), 1, Integer::sum);
        }
        int total = java + nativeSamples;
        if (total == 0) {
            System.out.println("no samples inside " + marker + "; was the recording made of BoardBench with its stack depth?");
            return;
        }
        System.out.printf(Locale.ROOT, "%d samples inside %s: %d running Java, %d in native methods%n%n", total, marker,
                java, nativeSamples);
        print("step of BoardStore.apply", steps, total, 30);
        print("top frame", tops, total, 15);
    }

    private static void print(String title, Map<String, Integer> counts, int total, int limit) {
        System.out.println("share  " + title);
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(limit)
                .forEach(x -> sorted.put(x.getKey(), x.getValue()));
        sorted.forEach((k, v) -> System.out.printf(Locale.ROOT, "%5.1f%%  %s%n", 100.0 * v / total, k));
        System.out.println();
    }

    /** The step a sample belongs to, judged from its frames (innermost first, joined by spaces). */
    static String step(String s) {
        if (s.contains("LockRecovery.announce") || s.contains("LockRecovery$Intent.close")) {
            return "move the ref: write and delete baton's intent file (LockRecovery)";
        }
        if (s.contains("BoardStore.casUpdate") || s.contains("RefCas.update") || s.contains("RefUpdate.update")) {
            if (s.contains("LockFile.commit")) {
                return "move the ref: rename the lock file over refs/baton/board";
            }
            if (s.contains("LockFile.lock")) {
                return "move the ref: create the lock file";
            }
            return "move the ref: read it, check fast-forward, write the lock file";
        }
        if (s.contains("BoardStore.insertCommit")) {
            return "write the commit object";
        }
        if (s.contains("BoardWriter.nextTree")) {
            boolean writing = s.contains("ObjectInserter.insert");
            String what = s.contains("TreeEditor.apply") ? "trees" : "task blob";
            if (!writing) {
                return s.contains("TreeEditor.apply") ? "trees: read and parse the old trees, sort, format"
                        : s.contains("TaskCodec.encode") ? "task blob: encode the JSON" : "task blob: look up the old record";
            }
            if (s.contains("ObjectDirectory.has") || s.contains("ObjectDirectory.openObject")
                    || s.contains("searchPacksAgain")) {
                return what + ": does the object exist already (JGit checks before writing)";
            }
            if (s.contains("tryMove") || s.contains("rename")) {
                return what + ": rename the loose object file into place";
            }
            if (s.contains("Deflater")) {
                return what + ": deflate";
            }
            if (s.contains("SHA1")) {
                return what + ": SHA-1";
            }
            return what + ": temp file create, write, close";
        }
        if (s.contains("BoardStore.read") || s.contains("BoardStore.snapshotAt")) {
            return "read the tip: ref, commit, message trailers";
        }
        if (s.contains("Command.decide") || s.contains(".decide") || s.contains("lambda$apply")) {
            return "decide: look the task up, build the transition";
        }
        if (s.contains("EventCodec.message")) {
            return "encode the commit message";
        }
        if (s.contains("ObjectInserter.close") || s.contains("ObjectInserter.flush")
                || s.contains("ObjectDirectoryInserter.flush") || s.contains("ObjectDirectoryInserter.close")) {
            return "flush and close the inserter";
        }
        return "other";
    }
}
