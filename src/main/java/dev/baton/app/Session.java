package dev.baton.app;

import dev.baton.BatonException;
import dev.baton.ExitCode;
import dev.baton.git.GitRemoteTransport;
import dev.baton.store.Backoff;
import dev.baton.store.BoardLayout;
import dev.baton.store.BoardStore;
import dev.baton.store.BoardTransport;
import dev.baton.store.ChannelStore;
import dev.baton.store.LeaseStore;
import dev.baton.store.OfflineTransport;
import dev.baton.store.Snapshot;
import dev.baton.worktree.Worktrees;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.jgit.lib.Repository;

/**
 * One actor working in one repository: who acts, by which clock, with which settings, and where the shared refs live
 * (this repository, a remote, or a remote's local copy with {@code --offline}). The services by area hang off it:
 * {@link #board()} reads, {@link #transitions()}, {@link #leases()}, {@link #merging()}, {@link #messages()} and
 * {@link #maintenance()} change things, each through the one {@link WritePath}.
 */
public final class Session implements AutoCloseable {

    private final Repository repo;
    private final Clock clock;
    private final String actor;
    private final boolean offline;
    private final Settings settings;
    private final BoardTransport transport;
    private final BoardStore store;
    private final LeaseStore leaseStore;
    private final ChannelStore channelStore;
    private final Worktrees worktrees;
    private final WritePath writes;
    private String trace;
    private boolean fresh;
    private Consumer<String> warnings = w -> System.err.println("baton: warning: " + w);

    public Session(Repository repo, Clock clock, String actor) {
        this(repo, clock, actor, false);
    }

    /**
     * @param offline read the local copy of a remote board without fetching (remote mode only); writes are refused
     */
    public Session(Repository repo, Clock clock, String actor, boolean offline) {
        this.repo = repo;
        this.clock = clock;
        this.actor = actor;
        BoardTransport shared = Remotes.transportFor(repo);
        this.offline = offline && shared instanceof GitRemoteTransport;
        this.transport = this.offline ? new OfflineTransport(shared) : shared;
        this.settings = Settings.from(repo.getConfig());
        this.store = new BoardStore(repo, clock, Backoff.configured(), transport);
        this.leaseStore = new LeaseStore(repo, transport);
        this.channelStore = new ChannelStore(repo, Backoff.configured(), transport);
        this.worktrees = new Worktrees(repo);
        this.writes = new WritePath(this);
    }

    /**
     * Opens the repository at (or above) {@code dir} for {@code asked} (--as or $BATON_AGENT; null: git config
     * user.email, else nobody, and then only reads work).
     */
    public static Session open(java.io.File dir, Clock clock, String asked, boolean offline) {
        Repository repo = Repositories.open(dir);
        try {
            return new Session(repo, clock, actorFor(repo, asked), offline);
        } catch (RuntimeException e) {
            repo.close();
            throw e;
        }
    }

    private static String actorFor(Repository repo, String asked) {
        String who = asked != null && !asked.isBlank() ? asked : repo.getConfig().getString("user", null, "email");
        who = who == null || who.isBlank() ? null : who;
        if (who != null && !dev.baton.core.Actors.isValid(who)) {
            throw BatonException.usage("'" + who + "' is not a valid agent name; use letters, digits and . _ @ + -");
        }
        return who;
    }

    // ---- services ------------------------------------------------------------------------------------------------

    /** Reading the board: tasks, the ready queue, ids, the log. */
    public BoardQueries board() {
        return new BoardQueries(this);
    }

    /** Changing tasks through the state machine. */
    public Transitions transitions() {
        return new Transitions(this);
    }

    /** Heartbeats and taking back expired leases. */
    public Leases leases() {
        return new Leases(this);
    }

    /** Landing approved work on its base. */
    public Merging merging() {
        return new Merging(this);
    }

    /** Messages and channels, for this actor. */
    public Messages messages() {
        return new Messages(this);
    }

    /** Setting up, checking and repairing the board. */
    public Maintenance maintenance() {
        return new Maintenance(this);
    }

    // ---- who, when, where ------------------------------------------------------------------------------------------

    /** The acting agent; refused when none was given. */
    public String actor() {
        if (actor == null) {
            throw new BatonException(ExitCode.USAGE, "who is acting? pass --as <agent>, set BATON_AGENT, "
                    + "or set git config user.email");
        }
        return actor;
    }

    public Settings settings() {
        return settings;
    }

    /** The time by this session's clock. */
    public Instant now() {
        return clock.instant();
    }

    /** Whether the board lives on a remote ({@code baton.remote}). */
    public boolean remoteMode() {
        return transport instanceof GitRemoteTransport || offline;
    }

    /** Whether this session only reads the local copy of a remote board ({@code --offline}). */
    public boolean offline() {
        return offline;
    }

    /** How old the local copy of a remote board is, for --offline reads: "fetched 3m ago", or empty otherwise. */
    public Optional<String> offlineAge() {
        if (!offline) {
            return Optional.empty();
        }
        return Optional.of(((GitRemoteTransport) Remotes.transportFor(repo)).lastFetch()
                .map(t -> "offline: the local copy of the board was fetched "
                        + Durations.format(Duration.between(t, now())) + " ago")
                .orElse("offline: the board has never been fetched from the remote"));
    }

    /** Records {@code id} (null: none) as the correlation id of every transition and message from now on. */
    public Session trace(String id) {
        if (id != null && !dev.baton.core.Message.isValidTrace(id)) {
            throw BatonException.usage("'" + id + "' is not a trace id: use up to 128 letters, digits and . _ : / @ + -");
        }
        this.trace = id;
        store.trace(id);
        return this;
    }

    /** The correlation id in force, or null. */
    public String trace() {
        return trace;
    }

    /** Where warnings go (something best-effort that did not work); stderr unless said otherwise. */
    public void onWarning(Consumer<String> sink) {
        this.warnings = sink;
    }

    /** Another session on the same repository and actor, for a second thread (a heartbeat beside a run). */
    public Session sibling() {
        repo.incrementOpen();
        return new Session(repo, clock, actor, offline).trace(trace);
    }

    @Override
    public void close() {
        repo.close();
    }

    /** Where baton keeps this repository's own files (worktree records, logs, caches): {@code <git-common-dir>/baton}. */
    public java.io.File stateDir() {
        return new java.io.File(repo.getCommonDirectory(), "baton");
    }

    // ---- for the services of this package --------------------------------------------------------------------------

    /** Reads the board now (fetching it first, once per session, in remote mode) and applies {@code query}. */
    <T> T read(Function<Snapshot, T> query) {
        if (!fresh) {
            transport.refresh(BoardLayout.REF);
            leaseStore.refresh();
        }
        fresh = true;
        try (Snapshot board = store.read()) {
            return query.apply(board);
        }
    }

    Repository repository() {
        return repo;
    }

    Worktrees worktrees() {
        return worktrees;
    }

    BoardTransport transport() {
        return transport;
    }

    BoardStore store() {
        return store;
    }

    LeaseStore leaseStore() {
        return leaseStore;
    }

    ChannelStore channelStore() {
        return channelStore;
    }

    dev.baton.store.BoardHistory history() {
        return new dev.baton.store.BoardHistory(repo);
    }

    /** In remote mode, fetches the board and the leases; locally, nothing. */
    void refreshBoard() {
        transport.refresh(BoardLayout.REF);
        leaseStore.refresh();
    }

    WritePath writes() {
        return writes;
    }

    void warn(String warning) {
        warnings.accept(warning);
    }

    /** The lease length asked for, else the configured one, in seconds. */
    long leaseSeconds(Duration lease) {
        return (lease == null ? settings.lease() : lease).getSeconds();
    }

    /**
     * The epoch a command on the owner's behalf carries: the one given, else the one this clone recorded when it
     * gave the actor the task's worktree.
     */
    Long epochFor(String id, Long given) {
        if (given != null) {
            return given;
        }
        return worktrees.workspace(id).filter(ws -> actor().equals(ws.agent()))
                .map(dev.baton.worktree.Workspace::epoch).orElse(null);
    }
}
