package dev.baton.core;

import java.util.random.RandomGenerator;

/**
 * Task ids: {@code T-} and eight characters of a lower-case base-32 alphabet without look-alikes (no i, l, o, u):
 * 40 random bits, so two spawns collide about once in a trillion; a collision is refused and the caller draws again.
 */
public final class TaskIds {

    public static final String PREFIX = "T-";
    public static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
    public static final int LENGTH = 8;

    private TaskIds() {
    }

    /** A new id drawn from {@code random} (the caller owns the randomness; the core stays deterministic). */
    public static String random(RandomGenerator random) {
        char[] c = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            c[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return PREFIX + new String(c);
    }

    public static boolean isValid(String id) {
        if (id == null || id.length() != PREFIX.length() + LENGTH || !id.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < id.length(); i++) {
            if (ALPHABET.indexOf(id.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Normalises what a user typed as an id or id prefix: "4k2p", "t-4k2p" and "T-4K2P" all give "T-4k2p". */
    public static String normalizePrefix(String typed) {
        String s = typed.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.startsWith("t-")) {
            s = s.substring(2);
        }
        return PREFIX + s;
    }
}
