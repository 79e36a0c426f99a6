package dev.baton.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.testing.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `baton hooks install|uninstall|status`: where the scripts go, idempotence, and chaining a hook already there. */
class InstallTest {

    @TempDir
    Path tmp;

    HookRepo repo;

    @BeforeEach
    void setUp() {
        repo = HookRepo.create(tmp);
    }

    @Test
    void installIsIdempotentAndUninstallRemovesOnlyBatonsScripts() throws Exception {
        Run first = repo.baton("hooks", "install").succeeds();
        Path hooks = repo.hooksDir();
        assertThat(first.out()).contains("pre-commit: installed (" + hooks.resolve("pre-commit") + ")");
        for (String h : HookInstaller.CLIENT_HOOKS) {
            assertThat(Files.isExecutable(hooks.resolve(h))).as(h).isTrue();
            assertThat(Files.readString(hooks.resolve(h))).contains(HookInstaller.MARKER + h)
                    .doesNotContain("\nbaton_cmd=baton\n"); // the command was recorded
        }
        byte[] script = Files.readAllBytes(hooks.resolve("pre-commit"));

        Run again = repo.baton("hooks", "install").succeeds();
        assertThat(again.out().lines()).hasSize(HookInstaller.CLIENT_HOOKS.size()).allMatch(l -> l.contains(": already installed"));
        assertThat(Files.readAllBytes(hooks.resolve("pre-commit"))).isEqualTo(script);
        assertThat(Files.list(hooks).map(p -> p.getFileName().toString()))
                .noneMatch(n -> n.endsWith(HookInstaller.CHAINED));

        JsonNode status = new ObjectMapper().readTree(repo.baton("hooks", "status", "--json").succeeds().out().lines()
                .findFirst().orElseThrow());
        assertThat(status.get("hook").asText()).isEqualTo("pre-commit");
        assertThat(status.get("installed").asBoolean()).isTrue();
        assertThat(status.get("current").asBoolean()).isTrue();
        assertThat(status.get("command").asText()).contains("dev.baton.cli.Main");

        Run other = repo.baton("hooks", "install", "--baton", "/opt/baton/bin/baton").succeeds();
        assertThat(other.out().lines()).allMatch(l -> l.contains(": updated"));
        assertThat(Files.readString(hooks.resolve("pre-commit"))).contains("\nbaton_cmd=/opt/baton/bin/baton\n");

        Files.writeString(hooks.resolve("pre-rebase"), "#!/bin/sh\nexit 0\n");
        repo.baton("hooks", "uninstall").succeeds();
        for (String h : HookInstaller.CLIENT_HOOKS) {
            assertThat(hooks.resolve(h)).doesNotExist();
        }
        assertThat(hooks.resolve("pre-rebase")).exists();
        assertThat(repo.baton("hooks", "status").succeeds().out().lines()).allMatch(l -> l.endsWith(": not installed"));
    }

    @Test
    void anExistingHookIsChainedRunsFirstAndIsRestoredByteForByte() throws Exception {
        Path hooks = repo.hooksDir();
        Path marker = tmp.resolve("theirs.log");
        String theirs = "#!/bin/sh\n# someone else's pre-commit\necho \"pre-commit $*\" >> '" + marker + "'\n"
                + "[ ! -e '" + tmp.resolve("block") + "' ]\n";
        Path preCommit = hooks.resolve("pre-commit");
        Files.writeString(preCommit, theirs);
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString("rwxr-x---");
        Files.setPosixFilePermissions(preCommit, mode);
        Path prePush = hooks.resolve("pre-push");
        Files.writeString(prePush, "#!/bin/sh\ncat >> '" + tmp.resolve("pushed.log") + "'\n");
        Files.setPosixFilePermissions(prePush, PosixFilePermissions.fromString("rwxr-xr-x"));

        Run install = repo.baton("hooks", "install").succeeds();
        assertThat(install.out()).contains("pre-commit: installed (" + preCommit + "); the hook that was there is kept "
                + "as pre-commit.pre-baton and runs first");
        assertThat(hooks.resolve("pre-commit.pre-baton")).hasContent(theirs);
        assertThat(repo.baton("hooks", "install").succeeds().out()).contains("pre-commit: already installed");
        assertThat(repo.baton("hooks", "status").succeeds().out()).contains("runs pre-commit.pre-baton first");

        String id = repo.spawn("lead", "chained");
        Path wt = repo.start("alice", id, null);
        repo.commit("alice", wt, "a.txt", "both hooks run").succeeds();
        assertThat(Files.readAllLines(marker)).containsExactly("pre-commit ");
        assertThat(repo.message(wt, "HEAD")).contains("Baton-Task: " + id);

        Files.writeString(tmp.resolve("block"), "");
        Run blocked = repo.commit("alice", wt, "b.txt", "their hook refuses").refused();
        assertThat(Files.readAllLines(marker)).hasSize(2);
        assertThat(blocked.err()).doesNotContain("baton:"); // refused by their hook, before baton's check
        Files.delete(tmp.resolve("block"));

        // pre-push reads the refs on stdin: the chained hook sees them too
        Path remote = tmp.resolve("remote.git");
        repo.git(tmp, "init", "-q", "--bare", remote.toString()).succeeds();
        repo.git(repo.dir, "remote", "add", "origin", remote.toString()).succeeds();
        repo.git(wt, "push", "-q", "origin", "task/" + id).succeeds();
        assertThat(Files.readString(tmp.resolve("pushed.log"))).startsWith("refs/heads/task/" + id + " ");

        Run uninstall = repo.baton("hooks", "uninstall").succeeds();
        assertThat(uninstall.out()).contains("pre-commit: removed; the hook that was there before is back");
        assertThat(Files.readString(preCommit)).isEqualTo(theirs);
        assertThat(Files.getPosixFilePermissions(preCommit)).isEqualTo(mode);
        assertThat(hooks.resolve("pre-commit.pre-baton")).doesNotExist();
        assertThat(hooks.resolve("commit-msg")).doesNotExist();
        assertThat(Files.readString(prePush)).startsWith("#!/bin/sh\ncat >> ");
    }

    @Test
    void aHookThatIsNotBatonsIsLeftAloneWhenItsChainedNameIsTaken() throws Exception {
        Path hooks = repo.hooksDir();
        Files.createDirectories(hooks);
        Files.writeString(hooks.resolve("pre-commit"), "#!/bin/sh\nexit 0\n");
        Files.writeString(hooks.resolve("pre-commit.pre-baton"), "#!/bin/sh\nexit 1\n");

        Run r = repo.baton("hooks", "install");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("pre-commit.pre-baton exist and neither is baton's");
        assertThat(hooks.resolve("commit-msg")).doesNotExist(); // nothing was changed
        assertThat(hooks.resolve("pre-commit")).hasContent("#!/bin/sh\nexit 0\n");
    }

    @Test
    void coreHooksPathIsRespectedAndLinkedWorktreesShareIt() throws Exception {
        Path shared = tmp.resolve("shared-hooks");
        repo.git(repo.dir, "config", "core.hooksPath", shared.toString()).succeeds();
        repo.baton("hooks", "install").succeeds();
        assertThat(shared.resolve("pre-commit")).exists();
        assertThat(repo.dir.resolve(".git/hooks/pre-commit")).doesNotExist();

        String id = repo.spawn("lead", "hooks path");
        Path wt = repo.start("alice", id, null);
        assertThat(repo.commit("bob", wt, "a.txt", "not bob's").refused().err()).contains("is owned by alice");
        repo.git(wt, "reset", "-q").succeeds();
        repo.commit("alice", wt, "a.txt", "alice's").succeeds();
        assertThat(repo.message(wt, "HEAD")).contains("Baton-Task: " + id);
    }

    @Test
    void aRelativeHooksPathIsFollowedWithAWarningForLinkedWorktrees() {
        repo.git(repo.dir, "config", "core.hooksPath", ".githooks").succeeds();
        Run r = repo.baton("hooks", "install").succeeds();
        assertThat(repo.dir.resolve(".githooks/pre-commit")).exists();
        assertThat(r.err()).contains("baton: warning: core.hooksPath is relative (.githooks)");
    }

    @Test
    void theServerValidatorIsInstalledInABareRepository() throws Exception {
        Path bare = tmp.resolve("server.git");
        repo.git(tmp, "init", "-q", "--bare", bare.toString()).succeeds();
        Run r = repo.baton("hooks", "install", "--server", bare.toString()).succeeds();
        assertThat(r.out()).isEqualTo("update: installed (" + bare.resolve("hooks/update") + ")\n");
        assertThat(Files.isExecutable(bare.resolve("hooks/update"))).isTrue();
        assertThat(bare.resolve("hooks/pre-commit")).doesNotExist();
        assertThat(repo.baton("hooks", "status", "--server", bare.toString()).succeeds().out()).startsWith("update: installed");
        repo.baton("hooks", "uninstall", "--server", bare.toString()).succeeds();
        assertThat(bare.resolve("hooks/update")).doesNotExist();
    }

    @Test
    void theScriptsInTheJarAreTheOnesInTheHooksFolder() throws Exception {
        for (String h : List.of("pre-commit", "pre-merge-commit", "commit-msg", "post-commit", "pre-push", "update")) {
            Path source = Path.of("hooks", h);
            assertThat(HookInstaller.template(h)).as(h).isEqualTo(Files.readString(source));
            assertThat(Files.isExecutable(source)).as(h).isTrue();
        }
        assertThat(HookInstaller.render("pre-commit", "java -cp '/a b' Main")).contains(
                "\nbaton_cmd='java -cp '\\''/a b'\\'' Main'\n");
        assertThat(HookInstaller.quote("/usr/local/bin/baton")).isEqualTo("/usr/local/bin/baton");
    }
}
