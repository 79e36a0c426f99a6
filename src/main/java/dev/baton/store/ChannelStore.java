package dev.baton.store;

import dev.baton.BatonException;
import dev.baton.core.Address;
import dev.baton.core.Message;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Channels as append-only logs: {@code refs/baton/channels/<path>} points at the newest message; each message is one
 * commit with the empty tree whose parent is the message before it. An append reads the tip, commits on it and moves
 * the ref only if it still points at that tip (compare-and-swap), retrying ({@link CasRetry}) when another sender got
 * there first, so no message is ever lost and every reader sees one order.
 *
 * <p>Readers keep cursors: {@code refs/baton/cursors/<reader>/<path>} points at the last message that reader has
 * seen on that channel.
 */
public final class ChannelStore {

    public static final String PREFIX = "refs/baton/channels/";
    public static final String CURSORS = "refs/baton/cursors/";

    /** A message that landed, and how many attempts its append took. */
    public record Appended(Message message, int attempts) {
    }

    private final Repository repo;
    private final RefCas cas;
    private final CasRetry retry;
    private final BoardTransport transport;

    /**
     * @param transport where the shared channel refs live: appends are published through it (a compare-and-swap on
     *                  the remote in remote mode) and reads can refresh from it; cursors stay in this repository
     */
    public ChannelStore(Repository repo, Backoff backoff, BoardTransport transport) {
        this.repo = repo;
        this.cas = new RefCas(repo);
        this.retry = new CasRetry(backoff, cas.recovery());
        this.transport = transport;
    }

    /** Brings the local copy of a channel (null: of every channel) up to date with the shared one. */
    public void refresh(Address a) {
        transport.refresh(a == null ? PREFIX + "*" : ref(a));
    }

    /** The ref of a channel, refused (exit 2) when git would not accept it as a ref name. */
    public static String ref(Address a) {
        return checked(PREFIX + a.path(), a.toString());
    }

    /** The ref holding {@code reader}'s cursor on channel {@code a}. */
    private static String cursorRef(String reader, Address a) {
        return checked(CURSORS + reader + "/" + a.path(), a + " (as read by " + reader + ")");
    }

    private static String checked(String ref, String what) {
        if (!Repository.isValidRefName(ref)) {
            throw BatonException.usage("'" + what + "' is not a name git accepts for a ref (" + ref + ")");
        }
        return ref;
    }

    // ---- writing ---------------------------------------------------------------------------------------------

    /** Appends {@code draft} to its channel; returns it with its id. */
    public Appended append(Message draft) {
        String ref = ref(draft.to());
        String text = MessageCodec.encode(draft);
        try (ObjectInserter inserter = repo.newObjectInserter()) {
            ObjectId emptyTree = inserter.insert(Constants.OBJ_TREE, new byte[0]);
            return retry.run(ref, "appending to", attempt -> {
                transport.refresh(ref);
                Optional<ObjectId> tip = tip(ref);
                ObjectId commit = Commits.insert(inserter, emptyTree, tip.orElse(null), draft.from(), draft.time(), text);
                inserter.flush();
                if (publish(ref, tip.orElse(ObjectId.zeroId()), commit)) {
                    return CasRetry.done(new Appended(draft.withId(commit.name()), attempt.number()));
                }
                // another sender moved the channel or holds its lock: read the tip again
                return CasRetry.lostRace();
            });
        } catch (IOException e) {
            throw BatonException.environment("cannot append to " + ref + ": " + e.getMessage(), e);
        }
    }

    /** One compare-and-swap of the channel; true when {@code commit} is now its tip. */
    private boolean publish(String ref, ObjectId expected, ObjectId commit) throws IOException {
        try {
            return transport.publish(ref, expected, commit, false) == BoardTransport.Published.DONE;
        } catch (BoardTransport.OutcomeUnknown e) {
            transport.refresh(ref); // the connection broke after the push may have landed: look before trying again
            return tip(ref).filter(commit::equals).isPresent();
        }
    }

    // ---- reading ---------------------------------------------------------------------------------------------

    /** The newest message commit of a channel ref, or empty when nobody has written to it yet. */
    public Optional<ObjectId> tip(String ref) {
        try {
            Ref r = repo.exactRef(ref);
            return r == null || r.getObjectId() == null ? Optional.empty() : Optional.of(r.getObjectId());
        } catch (IOException e) {
            throw BatonException.environment("cannot read " + ref + ": " + e.getMessage(), e);
        }
    }

    public Optional<ObjectId> tip(Address a) {
        return tip(ref(a));
    }

    /**
     * The messages of a channel after {@code after} (exclusive; null: from the first) up to {@code upTo}, oldest
     * first. Walks back from {@code upTo} only as far as {@code after}.
     */
    public List<Message> between(ObjectId after, ObjectId upTo) {
        List<Message> out = new ArrayList<>();
        if (upTo == null) {
            return out;
        }
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit c = walk.parseCommit(upTo);
            while (c != null && !c.equals(after)) {
                out.add(decode(c));
                c = c.getParentCount() == 0 ? null : walk.parseCommit(c.getParent(0));
            }
        } catch (IOException e) {
            throw BatonException.environment("cannot read a channel: " + e.getMessage(), e);
        }
        Collections.reverse(out);
        return out;
    }

    /** Every message of a channel, oldest first. */
    public List<Message> all(Address a) {
        return between(null, tip(a).orElse(null));
    }

    /** The channels that have been written to, sorted by path. */
    public List<Address> channels() {
        try {
            List<Address> out = new ArrayList<>();
            for (Ref r : repo.getRefDatabase().getRefsByPrefix(PREFIX)) {
                try {
                    out.add(Address.fromPath(r.getName().substring(PREFIX.length())));
                } catch (IllegalArgumentException ignored) {
                    // a ref baton did not make; not a channel
                }
            }
            out.sort(java.util.Comparator.comparing(Address::path));
            return out;
        } catch (IOException e) {
            throw BatonException.environment("cannot list the channels: " + e.getMessage(), e);
        }
    }

    /**
     * The message whose id is {@code typed} or starts with it (at least 4 hex digits).
     *
     * @throws BatonException a usage error when nothing or more than one message matches
     */
    public Message find(String typed) {
        String hex = typed == null ? "" : typed.strip().toLowerCase(java.util.Locale.ROOT);
        if (hex.length() < 4 || hex.length() > Constants.OBJECT_ID_STRING_LENGTH || !hex.chars().allMatch(
                c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw BatonException.usage("'" + typed + "' is not a message id (4 to 40 hex digits)");
        }
        List<Message> found = new ArrayList<>();
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            for (ObjectId id : reader.resolve(AbbreviatedObjectId.fromString(hex))) {
                if (!reader.has(id) || reader.open(id).getType() != Constants.OBJ_COMMIT) {
                    continue;
                }
                RevCommit c = walk.parseCommit(id);
                if (MessageCodec.isMessage(c.getFullMessage())) {
                    found.add(decode(c));
                }
            }
        } catch (IOException e) {
            throw BatonException.environment("cannot look up message " + typed + ": " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            throw BatonException.usage("no message " + typed);
        }
        if (found.size() > 1) {
            throw BatonException.usage("'" + typed + "' is ambiguous: it matches " + found.size()
                    + " messages; type more of the id");
        }
        return found.get(0);
    }

    private static Message decode(RevCommit c) {
        try {
            return MessageCodec.decode(c.name(), c.getFullMessage());
        } catch (FormatException e) {
            throw BatonException.environment("commit " + c.abbreviate(10).name() + " on a channel is not a baton "
                    + "message: " + e.getMessage());
        }
    }

    // ---- cursors ---------------------------------------------------------------------------------------------

    /** The last message {@code reader} has seen on {@code a}, or empty when it has read nothing there. */
    public Optional<ObjectId> cursor(String reader, Address a) {
        return tip(cursorRef(reader, a));
    }

    /**
     * Moves {@code reader}'s cursor on {@code a} forward to {@code seen}. Never moves it back: when another read of the
     * same reader has already gone further, it is left there.
     */
    public void advance(String reader, Address a, ObjectId seen) {
        String ref = cursorRef(reader, a);
        try (RevWalk walk = new RevWalk(repo)) {
            retry.run(ref, "moving", attempt -> {
                Optional<ObjectId> now = tip(ref);
                if (now.isPresent() && (now.get().equals(seen)
                        || walk.isMergedInto(walk.parseCommit(seen), walk.parseCommit(now.get())))) {
                    return CasRetry.done(null);
                }
                walk.reset();
                RefUpdate.Result r = cas.update(ref, now.orElse(ObjectId.zeroId()), seen, true);
                if (r == RefUpdate.Result.NEW || r == RefUpdate.Result.FAST_FORWARD || r == RefUpdate.Result.FORCED
                        || r == RefUpdate.Result.NO_CHANGE) {
                    return CasRetry.done(null);
                }
                if (r != RefUpdate.Result.LOCK_FAILURE) {
                    throw BatonException.environment("could not move " + ref + ": " + r);
                }
                return CasRetry.lostRace();
            });
        } catch (IOException e) {
            throw BatonException.environment("cannot move " + ref + ": " + e.getMessage(), e);
        }
    }
}
