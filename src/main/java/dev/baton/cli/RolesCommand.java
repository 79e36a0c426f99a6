package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.BatonException;
import dev.baton.core.Role;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "roles", description = {
    "Who may do what. With no roles file everyone may do everything; `roles set` creates it, and from then on",
    "roles are enforced by the state machine (so by every clone and by the server's validator too)."},
        subcommands = {RolesCommand.Show.class, RolesCommand.Set.class})
final class RolesCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say `roles show` or `roles set`");
    }

    @Command(name = "show", description = "Print the roles file.")
    static final class Show extends BaseCommand {
        @Override
        protected int run() {
            var roles = session().board().roles();
            ObjectNode node = Json.MAPPER.createObjectNode();
            roles.ifPresent(r -> r.agents().forEach((agent, rs) ->
                    rs.forEach(x -> node.withArray(agent).add(x.name().toLowerCase(java.util.Locale.ROOT)))));
            out().object(node);
            if (roles.isEmpty()) {
                out().text("no roles file: everyone may do everything");
            } else {
                roles.get().agents().forEach((agent, rs) -> out().text(agent + ": " + String.join(", ",
                        rs.stream().map(x -> x.name().toLowerCase(java.util.Locale.ROOT)).toList())));
            }
            return 0;
        }
    }

    @Command(name = "set", description = "Give <agent> exactly these roles (worker, reviewer, merger, admin); none removes it.")
    static final class Set extends BaseCommand {
        @Parameters(index = "0", paramLabel = "<agent>")
        String agent;

        @Parameters(index = "1..*", arity = "0..*", paramLabel = "<role>")
        List<String> roles = new ArrayList<>();

        @Override
        protected int run() {
            List<Role> parsed = new ArrayList<>();
            for (String r : roles) {
                try {
                    parsed.add(Role.parse(r));
                } catch (IllegalArgumentException e) {
                    throw BatonException.usage(e.getMessage());
                }
            }
            boolean changed = session().transitions().setRoles(agent, parsed);
            out().result(changed ? agent + ": " + (parsed.isEmpty() ? "removed from the roles file"
                    : String.join(", ", roles)) : "no change", Json.MAPPER.createObjectNode()
                    .put("agent", agent).put("changed", changed));
            return 0;
        }
    }
}
