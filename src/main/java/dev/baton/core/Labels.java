package dev.baton.core;

import java.util.regex.Pattern;

/** Labels: short words that group tasks ({@code backend}, {@code area/auth}). */
public final class Labels {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}");

    private Labels() {
    }

    public static boolean isValid(String label) {
        return label != null && VALID.matcher(label).matches();
    }
}
