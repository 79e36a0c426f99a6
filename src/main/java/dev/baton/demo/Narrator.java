package dev.baton.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The demo's running commentary: every line stamped with the seconds since the start and prefixed with who said it,
 * printed as it comes, whichever process it comes from. It also remembers what was said, for the summary.
 */
final class Narrator {

    /** One line someone said. */
    record Said(String who, String text) {
    }

    private static final int WIDTH = 118;
    private static final int[] COLORS = {36, 33, 35, 32, 34, 91, 96, 93, 95, 92};

    private final PrintWriter out;
    private final long start = System.nanoTime();
    private final boolean color;
    private final Map<String, Integer> colorOf = new HashMap<>();
    private final List<Said> said = new ArrayList<>();

    Narrator(PrintWriter out) {
        this.out = out;
        String term = System.getenv("TERM");
        this.color = System.console() != null && System.getenv("NO_COLOR") == null
                && term != null && !term.equals("dumb");
    }

    /** A line from {@code who}, stamped and prefixed. */
    synchronized void say(String who, String text) {
        said.add(new Said(who, text));
        String name = "[" + who + "]";
        if (color) {
            int c = colorOf.computeIfAbsent(who, k -> COLORS[colorOf.size() % COLORS.length]);
            name = "\u001b[" + c + "m" + name + "\u001b[0m";
        }
        String pad = " ".repeat(Math.max(0, 14 - who.length() - 2));
        out.printf(Locale.ROOT, "%5.1fs %s%s %s%n", seconds(), name, pad, text);
        out.flush();
    }

    /** Text as it is, unprefixed: headings and reports. */
    synchronized void print(String text) {
        out.println(text);
        out.flush();
    }

    /** Text as it is, unprefixed, wrapped at {@link #WIDTH} columns; the first line starts with {@code bullet}. */
    synchronized void wrapped(String bullet, String text) {
        String indent = " ".repeat(bullet.length());
        StringBuilder line = new StringBuilder(bullet);
        boolean empty = true;
        for (String word : text.split(" ")) {
            if (!empty && line.length() + 1 + word.length() > WIDTH) {
                out.println(line);
                line = new StringBuilder(indent);
                empty = true;
            }
            line.append(empty ? "" : " ").append(word);
            empty = false;
        }
        out.println(line);
        out.flush();
    }

    synchronized void heading(String title) {
        out.println();
        out.println(color ? "\u001b[1m" + title + "\u001b[0m" : title);
        out.flush();
    }

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    synchronized List<Said> said() {
        return List.copyOf(said);
    }

    /**
     * Follows a process's output in a thread of its own: copies each line to {@code log} and narrates it as
     * {@code shown} has it.
     */
    Thread follow(String who, InputStream in, Path log, UnaryOperator<String> shown) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                 Writer w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    say(who, shown.apply(line));
                    w.write(line);
                    w.write('\n');
                    w.flush();
                }
            } catch (IOException e) {
                say(who, "(output lost: " + e.getMessage() + ")");
            }
        }, "demo-" + who);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
