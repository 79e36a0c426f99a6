package dev.baton.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Figures about how work flows, computed from the board's recorded events (oldest first) and the open tasks.
 *
 * <p>Time in a state is measured per task from the event that moved it into the state to the next event that moved
 * it out; an interval counts when it ends inside the window. Only the task an event is about is followed: a state
 * change made as a side effect of another task's transition (an epic completing with its last child, a dependent
 * cancelled by policy) has no event of its own, and the interval it ends is left out rather than guessed.
 *
 * @param since          start of the window (null: the whole history)
 * @param now            end of the window
 * @param completed      tasks that reached COMPLETED in the window
 * @param medianInState  per state, the median time tasks spent in it (intervals that ended in the window)
 * @param intervals      per state, how many intervals the median is taken over
 * @param rejections     reject events in the window, per task
 * @param reviewed       tasks handed in for review (done) in the window
 * @param reclaims       reap events in the window (leases that ran out)
 * @param deadLettered   of those, the ones that sent the task to FAILED
 * @param agents         per agent: the open tasks they hold now, and how many transitions they made in the window
 */
public record BoardStats(Instant since, Instant now, int completed, Map<TaskState, Duration> medianInState,
                         Map<TaskState, Integer> intervals, Map<String, Integer> rejections, int reviewed,
                         int reclaims, int deadLettered, Map<String, AgentWork> agents) {

    /** One agent's current work and activity. */
    public record AgentWork(List<Task> holding, int transitions) {
    }

    public int totalRejections() {
        return rejections.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Rejections per task handed in for review in the window (0 when none was). */
    public double rejectionsPerReviewedTask() {
        return reviewed == 0 ? 0 : (double) totalRejections() / reviewed;
    }

    private record Entered(TaskState state, Instant at) {
    }

    public static BoardStats compute(List<Event> oldestFirst, List<Task> open, Instant since, Instant now) {
        Map<String, Entered> current = new HashMap<>();
        Map<TaskState, List<Duration>> spans = new EnumMap<>(TaskState.class);
        Map<String, Integer> rejections = new TreeMap<>();
        java.util.Set<String> completed = new java.util.HashSet<>();
        java.util.Set<String> reviewed = new java.util.HashSet<>();
        Map<String, Integer> activity = new TreeMap<>();
        int reclaims = 0;
        int dead = 0;
        for (Event e : oldestFirst) {
            boolean inWindow = (since == null || !e.time().isBefore(since)) && !e.time().isAfter(now);
            boolean aboutTask = e.taskId() != null && e.to() != null; // board-wide events (roles) move no task
            Entered before = aboutTask ? current.get(e.taskId()) : null;
            if (aboutTask && (before == null || e.to() != before.state())) {
                if (before != null && e.from() == before.state() && inWindow) {
                    spans.computeIfAbsent(before.state(), s -> new ArrayList<>())
                            .add(Duration.between(before.at(), e.time()));
                }
                current.put(e.taskId(), new Entered(e.to(), e.time()));
            }
            if (!inWindow) {
                continue;
            }
            activity.merge(e.actor(), 1, Integer::sum);
            switch (e.command().name()) {
                case "reject" -> rejections.merge(e.taskId(), 1, Integer::sum);
                case "done" -> reviewed.add(e.taskId());
                case "reap" -> {
                    reclaims++;
                    if (e.to() == TaskState.FAILED) {
                        dead++;
                    }
                }
                default -> {
                }
            }
            if (e.to() == TaskState.COMPLETED && e.from() != TaskState.COMPLETED) {
                completed.add(e.taskId());
            }
        }
        Map<TaskState, Duration> medians = new EnumMap<>(TaskState.class);
        Map<TaskState, Integer> counts = new EnumMap<>(TaskState.class);
        spans.forEach((s, list) -> {
            medians.put(s, median(list));
            counts.put(s, list.size());
        });
        Map<String, AgentWork> agents = new TreeMap<>();
        Map<String, List<Task>> holding = new LinkedHashMap<>();
        for (Task t : open) {
            if (t.assignee() != null && (t.state() == TaskState.ASSIGNED || t.state() == TaskState.WORKING
                    || t.state() == TaskState.IN_REVIEW)) {
                holding.computeIfAbsent(t.assignee(), a -> new ArrayList<>()).add(t);
            }
        }
        java.util.Set<String> names = new java.util.TreeSet<>(holding.keySet());
        names.addAll(activity.keySet());
        for (String a : names) {
            agents.put(a, new AgentWork(List.copyOf(holding.getOrDefault(a, List.of())), activity.getOrDefault(a, 0)));
        }
        return new BoardStats(since, now, completed.size(), medians, counts, rejections, reviewed.size(), reclaims, dead,
                agents);
    }

    /** The median of some durations (the mean of the middle two for an even count). */
    static Duration median(List<Duration> values) {
        List<Duration> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        if (n == 0) {
            return Duration.ZERO;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    }
}
