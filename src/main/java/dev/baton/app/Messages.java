package dev.baton.app;

import dev.baton.BatonException;
import dev.baton.core.Address;
import dev.baton.core.Message;
import dev.baton.core.Task;
import dev.baton.core.TaskState;
import dev.baton.core.Threads;
import dev.baton.store.ChannelStore;
import dev.baton.worktree.TaskFile;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Messages between agents, for one actor: send to an inbox, a channel or a task's thread; read what is new (each
 * reader has its own cursor per channel); acknowledge; read a task's thread. The CLI goes through here, never to the
 * channel store directly.
 */
public final class Messages {

    private final Session session;
    private final ChannelStore channels;

    Messages(Session session) {
        this.session = session;
        this.channels = session.channelStore();
    }

    /** Turns what a user typed into an address: {@code @agent}, {@code #channel}, or a task id (or unique prefix). */
    public Address address(String typed) {
        Address a;
        try {
            a = Address.parse(typed);
        } catch (IllegalArgumentException e) {
            throw BatonException.usage(e.getMessage());
        }
        if (a.kind() == Address.Kind.TASK) {
            a = Address.task(session.board().resolve(typed));
        }
        ChannelStore.ref(a); // refused here when git would not take it as a ref name
        return a;
    }

    /** The actor's own inbox. */
    public Address inbox() {
        return Address.agent(session.actor());
    }

    /**
     * Sends {@code body} to {@code to}. A reply inherits the task and the trace of the message it answers unless
     * they are given.
     */
    public Message send(String to, String body, String replyTo, boolean ackRequired, String task) {
        Message.checkBody(body).ifPresent(problem -> {
            throw BatonException.usage(problem);
        });
        Address address = address(to);
        Message parent = replyTo == null ? null : message(replyTo);
        String taskId = address.kind() == Address.Kind.TASK ? address.name()
                : task != null ? session.board().resolve(task) : parent != null ? parent.task() : null;
        return session.writes().message(Message.draft(address, session.actor(), body, session.now(), taskId,
                parent == null ? null : parent.id(), traceOr(parent), ackRequired));
    }

    /** Acknowledges a message: an ack in its sender's inbox that answers it. */
    public Message ack(String typed) {
        Message m = message(typed);
        Message ack = Message.draft(Address.agent(m.from()), session.actor(), "ack " + m.id().substring(0, 10),
                session.now(), m.task(), m.id(), traceOr(m), false).asAckOf(m.id());
        return session.writes().message(ack);
    }

    /** The message with this id or unique id prefix (in remote mode, after fetching the channels). */
    public Message message(String typed) {
        channels.refresh(null);
        return channels.find(typed);
    }

    /** What was read from a channel, and the tip it was read up to. */
    public record Read(Address channel, List<Message> messages) {
    }

    /**
     * The messages on {@code channel} that the actor has not seen (all of them with {@code all}); unless {@code peek},
     * the actor's cursor moves past them.
     */
    public Read read(Address channel, boolean all, boolean peek) {
        String reader = session.actor();
        channels.refresh(channel);
        Optional<ObjectId> tip = channels.tip(channel);
        ObjectId after = all ? null : channels.cursor(reader, channel).orElse(null);
        List<Message> out = channels.between(after, tip.orElse(null));
        if (!peek && !out.isEmpty()) {
            session.writes().cursor(reader, channel, tip.get());
        }
        return new Read(channel, out);
    }

    /**
     * Delivers new messages on {@code channels} as they land, until {@code count} have been delivered (0: no limit)
     * or {@code timeout} passes (null: none). Each one moves the actor's cursor past it unless {@code peek}; with
     * {@code all}, what is already there comes first. Returns how many were delivered.
     */
    public int follow(List<Address> channels, boolean all, boolean peek, Consumer<Message> sink, int count,
                      Duration timeout) {
        String reader = session.actor();
        Map<Address, ObjectId> seen = new HashMap<>();
        for (Address a : channels) {
            seen.put(a, all ? null : this.channels.cursor(reader, a).orElse(null));
        }
        return Follow.loop(remaining -> {
            int delivered = 0;
            for (Address a : channels) {
                int left = remaining > 0 ? remaining - delivered : 0;
                if (remaining > 0 && left <= 0) {
                    break;
                }
                this.channels.refresh(a);
                Optional<ObjectId> tip = this.channels.tip(a);
                if (tip.isEmpty() || tip.get().equals(seen.get(a))) {
                    continue;
                }
                List<Message> fresh = this.channels.between(seen.get(a), tip.get());
                List<Message> shown = left > 0 && fresh.size() > left ? fresh.subList(0, left) : fresh;
                for (Message m : shown) {
                    sink.accept(m);
                    seen.put(a, ObjectId.fromString(m.id()));
                }
                if (!peek) {
                    session.writes().cursor(reader, a, seen.get(a));
                }
                delivered += shown.size();
            }
            return delivered;
        }, count, timeout);
    }

    /** A task's thread in conversation order: each message followed by its replies. */
    public List<Threads.Entry> thread(String taskId) {
        return Threads.arrange(channels.all(Address.task(taskId)));
    }

    /** Every message on one channel, oldest first; no cursor is read or moved. */
    public List<Message> all(Address channel) {
        channels.refresh(channel);
        return channels.all(channel);
    }

    /** The channels written to so far. */
    public List<Address> channels() {
        channels.refresh(null);
        return channels.channels();
    }

    /**
     * Posts what a transition left for the next reader (handoff, reason) to the task's thread, as the actor. Returns
     * empty when there was nothing to post (a done without a handoff).
     */
    public Optional<Message> postHandoff(Task t, String command) {
        String body = handoffText(t, command);
        if (body == null) {
            return Optional.empty();
        }
        Message draft = Message.draft(Address.task(t.id()), session.actor(), body, session.now(), t.id(), null,
                session.trace(), false).asHandoff(command);
        return Optional.of(session.writes().message(draft));
    }

    /** The text of a handoff post: a line saying what happened, the reason, and the handoff itself. */
    static String handoffText(Task t, String command) {
        boolean withHandoff = t.handoff() != null && !t.handoff().isEmpty()
                && !command.equals("reject") && !(command.equals("reap") && t.state() == TaskState.FAILED);
        boolean withReason = t.reason() != null && (command.equals("fail") || command.equals("reject")
                || (command.equals("reap") && t.state() == TaskState.FAILED));
        if (!withHandoff && !withReason) {
            return null;
        }
        StringBuilder sb = new StringBuilder(command).append(": ").append(t.id()).append(" is ").append(t.state());
        if (t.assignee() != null) {
            sb.append(" (").append(t.assignee()).append(", epoch ").append(t.epoch()).append(')');
        }
        sb.append("\n\n");
        if (withReason) {
            sb.append("Reason: ").append(t.reason().strip()).append("\n\n");
        }
        if (withHandoff) {
            sb.append(TaskFile.handoff(t.handoff()));
        }
        return sb.toString().strip();
    }

    private String traceOr(Message parent) {
        String own = session.trace();
        return own != null ? own : parent == null ? null : parent.trace();
    }
}
