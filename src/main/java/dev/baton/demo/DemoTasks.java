package dev.baton.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The work the demo's orchestrator hands out: each task adds one file of its own to the scratch project, so that
 * every merge lands cleanly. The spec names the file and its line in a form the agent scripts read from TASK.md.
 */
final class DemoTasks {

    /** One task to spawn. {@code asksForTests} false leaves the reviewer's rule out of the spec: review catches it. */
    record Plan(String title, int priority, List<String> labels, String file, String line, boolean asksForTests) {

        String spec() {
            return title + " to the project.\n\n"
                    + "File: " + file + "\n"
                    + "Line: " + line + "\n"
                    + (asksForTests ? "\nEnd the file with a line \"Tests: <how you checked it>\".\n" : "");
        }
    }

    private static final List<Plan> CATALOGUE = List.of(
            new Plan("Add the French greeting", 0, List.of("i18n", "europe"), "src/greetings/fr.txt",
                    "Bonjour, le monde !", true),
            new Plan("Add the German greeting", 1, List.of("i18n", "europe"), "src/greetings/de.txt",
                    "Hallo, Welt!", false),
            new Plan("Document how to add a language", 1, List.of("docs"), "docs/adding-a-language.md",
                    "Add src/greetings/<code>.txt holding one line: the greeting.", true),
            new Plan("Add the Spanish greeting", 2, List.of("i18n", "europe"), "src/greetings/es.txt",
                    "Hola, mundo!", true),
            new Plan("Add the Swahili greeting", 2, List.of("i18n", "africa"), "src/greetings/sw.txt",
                    "Habari, dunia!", true),
            new Plan("Add a changelog", 3, List.of("chore"), "CHANGELOG.md",
                    "## 0.1.0 - greetings in several languages", true),
            new Plan("Add the Italian greeting", 2, List.of("i18n", "europe"), "src/greetings/it.txt",
                    "Ciao, mondo!", true),
            new Plan("Add the Dutch greeting", 3, List.of("i18n", "europe"), "src/greetings/nl.txt",
                    "Hallo, wereld!", true),
            new Plan("Add the Finnish greeting", 3, List.of("i18n", "europe"), "src/greetings/fi.txt",
                    "Hei, maailma!", true),
            new Plan("Add the Indonesian greeting", 4, List.of("i18n", "asia"), "src/greetings/id.txt",
                    "Halo, dunia!", true));

    private DemoTasks() {
    }

    /**
     * {@code count} tasks: the catalogue, then numbered extras. The first (most urgent) is the one the agents race
     * for; the second, when there is one, does not ask for the "Tests:" line and is rejected once.
     */
    static List<Plan> plans(int count) {
        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (i < CATALOGUE.size()) {
                plans.add(CATALOGUE.get(i));
            } else {
                int n = i + 1;
                plans.add(new Plan("Add greeting number " + n, 4, List.of("extra"), "src/greetings/extra-" + n + ".txt",
                        "Hello again, world! (" + n + ")", true));
            }
        }
        if (count == 1) {
            Plan only = plans.get(0);
            plans.set(0, new Plan(only.title(), only.priority(), only.labels(), only.file(), only.line(), false));
        }
        return plans;
    }
}
