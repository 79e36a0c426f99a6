package dev.baton.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.hooks.HookInstaller;
import dev.baton.store.Trailers;
import java.io.File;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "hooks", description = {
    "Install baton's git hooks. In a clone: pre-commit (a task worktree takes commits only while its task is WORKING",
    "and yours at the current epoch, and not on paths another task reserved; baton.protectBase guards the base",
    "branch), pre-merge-commit (baton.protectBase also refuses `git merge` commits on the base), commit-msg",
    "(" + Trailers.TASK + " and " + Trailers.EPOCH + " trailers), post-commit (a commit is a heartbeat) and pre-push (task branches only",
    "while WORKING or IN_REVIEW; refs/baton/* only when baton pushes). With --server <bare>: the update hook that",
    "checks every commit pushed to refs/baton/board. `git commit --no-verify` skips them."},
        subcommands = {HooksCommand.Install.class, HooksCommand.Uninstall.class, HooksCommand.Status.class})
final class HooksCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "say `hooks install`, `hooks uninstall` or `hooks status`");
    }

    /** What the hooks subcommands share: which repository, and which hooks. */
    abstract static class Target extends BaseCommand {
        @Option(names = "--server", paramLabel = "<bare repo>",
                description = "The bare repository agents push to: its update hook, the board's validator.")
        File server;

        File repository() {
            return server != null ? server : workDir();
        }

        List<String> hooks() {
            return server != null ? HookInstaller.SERVER_HOOKS : HookInstaller.CLIENT_HOOKS;
        }

        void report(List<HookInstaller.Change> changes) {
            for (HookInstaller.Change c : changes) {
                out().result(c.hook() + ": " + describe(c), Json.MAPPER.createObjectNode().put("hook", c.hook())
                        .put("action", c.action().name().toLowerCase(Locale.ROOT)).put("path", c.path().getPath()));
            }
        }

        private static String describe(HookInstaller.Change c) {
            return switch (c.action()) {
                case INSTALLED -> "installed (" + c.path() + ")";
                case CHAINED -> "installed (" + c.path() + "); the hook that was there is kept as " + c.hook()
                        + HookInstaller.CHAINED + " and runs first";
                case UPDATED -> "updated (" + c.path() + ")";
                case UNCHANGED -> "already installed (" + c.path() + ")";
                case REMOVED -> "removed";
                case RESTORED -> "removed; the hook that was there before is back";
                case NOT_OURS -> "not baton's; left alone (" + c.path() + ")";
                case ABSENT -> "not installed";
            };
        }
    }

    @Command(name = "install", description = {
        "Install the hooks (again: nothing changes unless they differ). A hook already there is kept as",
        "<name>.pre-baton and run first. The hooks run the baton command recorded now; $BATON overrides it."})
    static final class Install extends Target {
        @Option(names = "--baton", paramLabel = "<command>",
                description = "The command the hooks run (default: $BATON, else this baton's launcher).")
        String command;

        @Override
        protected int run() {
            File repo = repository();
            HookInstaller installer = HookInstaller.forRepository(repo);
            String cmd = command != null && !command.isBlank() ? command.strip() : HookInstaller.defaultCommand();
            report(installer.install(hooks(), cmd));
            if (server == null) {
                HookInstaller.worktreeWarning(repo).ifPresent(w -> spec.commandLine().getErr()
                        .println("baton: warning: " + w));
            }
            return 0;
        }
    }

    @Command(name = "uninstall", description = "Remove baton's hooks and put back the hooks they had chained.")
    static final class Uninstall extends Target {
        @Override
        protected int run() {
            report(HookInstaller.forRepository(repository()).uninstall(hooks()));
            return 0;
        }
    }

    @Command(name = "status", description = "Show which hooks are installed, what they run, and what they chain.")
    static final class Status extends Target {
        @Override
        protected int run() {
            for (HookInstaller.State s : HookInstaller.forRepository(repository()).status(hooks())) {
                ObjectNode node = Json.MAPPER.createObjectNode().put("hook", s.hook()).put("path", s.path().getPath())
                        .put("installed", s.installed()).put("current", s.current()).put("chained", s.chained())
                        .put("foreign", s.foreign());
                if (s.command() != null) {
                    node.put("command", s.command());
                }
                String text;
                if (s.installed()) {
                    text = "installed" + (s.current() ? "" : " (out of date: run `baton hooks install`)")
                            + ", runs " + s.command() + (s.chained() ? "; runs " + s.hook() + HookInstaller.CHAINED
                            + " first" : "");
                } else if (s.foreign()) {
                    text = "a hook that is not baton's is there (" + s.path() + ")";
                } else {
                    text = "not installed";
                }
                out().result(s.hook() + ": " + text, node);
            }
            return 0;
        }
    }
}
