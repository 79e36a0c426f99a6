package dev.baton.hooks;

import dev.baton.BatonException;
import dev.baton.ExitCode;

/**
 * Why a hook refuses, in one line, and what to do about it: the hook prints both and fails with
 * {@link ExitCode#REFUSED}.
 */
public final class Refusal extends BatonException {

    private final String hint;

    public Refusal(String reason, String hint) {
        super(ExitCode.REFUSED, reason, false);
        this.hint = hint;
    }

    public String reason() {
        return getMessage();
    }

    public String hint() {
        return hint;
    }
}
