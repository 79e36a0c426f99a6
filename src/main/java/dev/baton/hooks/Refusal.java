package dev.baton.hooks;

/** Why a hook refuses, in one line, and what to do about it: the hook prints both and fails. */
public final class Refusal extends RuntimeException {

    private final String hint;

    public Refusal(String reason, String hint) {
        super(reason, null, false, false);
        this.hint = hint;
    }

    public String reason() {
        return getMessage();
    }

    public String hint() {
        return hint;
    }
}
