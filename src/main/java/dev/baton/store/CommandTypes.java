package dev.baton.store;

import dev.baton.core.Approve;
import dev.baton.core.Cancel;
import dev.baton.core.Claim;
import dev.baton.core.Command;
import dev.baton.core.DepAdd;
import dev.baton.core.DepRemove;
import dev.baton.core.Edit;
import dev.baton.core.Release;
import dev.baton.core.Requeue;
import dev.baton.core.Reserve;
import dev.baton.core.SetRoles;
import dev.baton.core.SpawnBatch;
import dev.baton.core.Done;
import dev.baton.core.Fail;
import dev.baton.core.Merge;
import dev.baton.core.Reap;
import dev.baton.core.Reject;
import dev.baton.core.Retry;
import dev.baton.core.Spawn;
import dev.baton.core.Start;
import java.util.Map;

/** The command records by the name recorded in the Baton-Command trailer. */
final class CommandTypes {

    static final Map<String, Class<? extends Command>> BY_NAME = Map.ofEntries(
            Map.entry("spawn", Spawn.class),
            Map.entry("claim", Claim.class),
            Map.entry("start", Start.class),
            Map.entry("done", Done.class),
            Map.entry("reject", Reject.class),
            Map.entry("approve", Approve.class),
            Map.entry("merge", Merge.class),
            Map.entry("cancel", Cancel.class),
            Map.entry("fail", Fail.class),
            Map.entry("retry", Retry.class),
            Map.entry("reap", Reap.class),
            Map.entry("dep-add", DepAdd.class),
            Map.entry("dep-rm", DepRemove.class),
            Map.entry("edit", Edit.class),
            Map.entry("spawn-batch", SpawnBatch.class),
            Map.entry("roles-set", SetRoles.class),
            Map.entry("reserve", Reserve.class),
            Map.entry("release", Release.class),
            Map.entry("requeue", Requeue.class));

    private CommandTypes() {
    }
}
