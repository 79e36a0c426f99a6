package dev.baton.core;

/** An accepted heartbeat: the lease to write. */
public record Renewal(Lease lease) implements Outcome {
}
