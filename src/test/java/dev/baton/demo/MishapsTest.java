package dev.baton.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which tasks the demo's staged trouble happens to, and what tells the stand-in agent. */
class MishapsTest {

    @Test
    void theFirstFourTasksEachGetOneMishapAndTheRejectedOneIsTheOneWhoseSpecForgetsTheRule() {
        List<DemoTasks.Plan> plans = DemoTasks.plans(6);
        List<Task> tasks = tasks(plans);

        Mishaps m = Mishaps.stage(tasks, plans);

        assertThat(m.fails()).isSameAs(tasks.get(0));
        assertThat(m.rejected()).isSameAs(tasks.get(1));
        assertThat(plans.get(1).asksForTests()).isFalse();
        assertThat(m.crashes()).isSameAs(tasks.get(2));
        assertThat(m.hangs()).isSameAs(tasks.get(3));
        assertThat(m.env()).containsOnlyKeys("DEMO_FAILS", "DEMO_CRASHES", "DEMO_HANGS")
                .containsEntry("DEMO_FAILS", "T-0").containsEntry("DEMO_CRASHES", "T-2")
                .containsEntry("DEMO_HANGS", "T-3");
        assertThat(m.plan("6s", "8s", "1s")).hasSize(4);
    }

    @Test
    void withOneTaskItFailsOnceAndIsRejectedOnceAndNothingElseIsStaged() {
        List<DemoTasks.Plan> plans = DemoTasks.plans(1);
        List<Task> tasks = tasks(plans);

        Mishaps m = Mishaps.stage(tasks, plans);

        assertThat(m.fails()).isSameAs(tasks.get(0));
        assertThat(m.rejected()).isSameAs(tasks.get(0));
        assertThat(m.crashes()).isNull();
        assertThat(m.hangs()).isNull();
        assertThat(m.env()).containsOnlyKeys("DEMO_FAILS");
        assertThat(m.plan("6s", "8s", "1s")).hasSize(2);
    }

    private static List<Task> tasks(List<DemoTasks.Plan> plans) {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            tasks.add(Task.builder("T-" + i, plans.get(i).title()).spec(plans.get(i).spec()).build());
        }
        return tasks;
    }
}
