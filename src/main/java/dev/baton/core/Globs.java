package dev.baton.core;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Path globs for reservations: {@code **} matches across directories, {@code *} and {@code ?} within one; a glob
 * without wildcards names a file or a whole directory. Overlap between two globs with wildcards is judged on their
 * fixed leading parts, which may refuse a pair that could never touch the same file, never the reverse.
 */
public final class Globs {

    private Globs() {
    }

    /** Why {@code glob} is not usable, or empty. */
    public static Optional<String> invalid(String glob) {
        if (glob == null || glob.isBlank()) {
            return Optional.of("a reservation needs a path or glob");
        }
        if (glob.startsWith("/") || glob.contains("..") || glob.contains("\\") || glob.contains("\n")) {
            return Optional.of("'" + glob + "' must be a path relative to the repository, without '..'");
        }
        return Optional.empty();
    }

    public static boolean matches(String glob, String path) {
        return regex(glob).matcher(path).matches();
    }

    public static boolean overlap(String a, String b) {
        boolean wildA = hasWildcard(a);
        boolean wildB = hasWildcard(b);
        if (!wildA) {
            return matches(b, strip(a)) || matches(a, strip(b)) || under(strip(b), strip(a));
        }
        if (!wildB) {
            return matches(a, strip(b)) || under(strip(a), strip(b));
        }
        String pa = fixedPart(a);
        String pb = fixedPart(b);
        return pa.startsWith(pb) || pb.startsWith(pa);
    }

    private static boolean under(String inner, String dir) {
        return inner.startsWith(dir + "/");
    }

    private static boolean hasWildcard(String g) {
        return g.contains("*") || g.contains("?") || g.contains("[");
    }

    private static String strip(String g) {
        return g.endsWith("/") ? g.substring(0, g.length() - 1) : g;
    }

    private static String fixedPart(String g) {
        int i = 0;
        while (i < g.length() && "*?[".indexOf(g.charAt(i)) < 0) {
            i++;
        }
        return g.substring(0, i);
    }

    private static Pattern regex(String glob) {
        String g = strip(glob);
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*') {
                if (i + 1 < g.length() && g.charAt(i + 1) == '*') {
                    re.append(".*");
                    i++;
                    if (i + 1 < g.length() && g.charAt(i + 1) == '/') {
                        i++;
                        re.append("(?:/|)");
                    }
                } else {
                    re.append("[^/]*");
                }
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (!hasWildcard(g)) {
            re.append("(?:/.*)?"); // a plain path also covers everything under it
        }
        return Pattern.compile(re.toString());
    }
}
