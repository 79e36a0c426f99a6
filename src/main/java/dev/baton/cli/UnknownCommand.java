package dev.baton.cli;

import picocli.CommandLine;

/** What baton says of a command name it does not know: that, and the nearest name when one is close. */
final class UnknownCommand {

    private UnknownCommand() {
    }

    /**
     * Whether {@code e} is a word where a command name was expected: the first argument {@code cl} did not match,
     * not an option, and {@code cl} has subcommands.
     */
    static boolean is(CommandLine.ParameterException e) {
        return e instanceof CommandLine.UnmatchedArgumentException u && !u.isUnknownOption()
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")
                && !e.getCommandLine().getSubcommands().isEmpty();
    }

    /** The one line for {@code name}, unknown among {@code cl}'s subcommands. */
    static String message(CommandLine cl, String name) {
        String qualified = cl.getCommandSpec().qualifiedName();
        String nearest = nearest(cl, name);
        return "unknown command '" + name + "'" + (qualified.equals("baton") ? "" : " of `" + qualified + "`")
                + (nearest == null ? "" : "; did you mean `" + nearest + "`?");
    }

    /** The name closest to {@code name}, if close enough to be a slip: within a third of its length, at least 1. */
    static String nearest(CommandLine cl, String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String typed = name.toLowerCase(java.util.Locale.ROOT);
        for (String candidate : cl.getSubcommands().keySet()) {
            int d = distance(typed, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(1, Math.max(typed.length(), best.length()) / 3) ? best : null;
    }

    /** The edit distance (Damerau–Levenshtein, adjacent swaps counted once) between {@code a} and {@code b}. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
