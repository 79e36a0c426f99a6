package dev.baton.cli;

/** A one-line progress bar on stderr, shown only when stderr is a terminal. */
final class Progress {

    private static final boolean TERMINAL = System.console() != null;

    private final String label;
    private final long total;
    private int shown = -1;

    private Progress(String label, long total) {
        this.label = label;
        this.total = total;
    }

    static Progress onTerminal(String label, long total) {
        return new Progress(label, total);
    }

    /** A line of its own on a terminal. */
    static void note(String text) {
        if (TERMINAL) {
            System.err.println(text);
        }
    }

    void update(long done) {
        if (!TERMINAL || total <= 0) {
            return;
        }
        int pct = (int) Math.min(100, done * 100 / total);
        if (pct != shown) {
            shown = pct;
            int bars = pct / 4;
            System.err.print("\r" + label + " [" + "#".repeat(bars) + " ".repeat(25 - bars) + "] " + pct + "%");
        }
    }

    void done() {
        if (TERMINAL && shown >= 0) {
            System.err.println();
        }
    }
}
