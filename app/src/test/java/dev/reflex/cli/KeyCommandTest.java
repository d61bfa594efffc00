package dev.reflex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.app.App;
import dev.reflex.app.ReflexCommand;
import dev.reflex.config.ReflexConfig;
import dev.reflex.testkit.EmbeddedReflex;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code reflex key …} against a real server: tables, --json, exit codes, masking. */
class KeyCommandTest {

    @TempDir
    static Path data;
    static App app;
    static String url;

    @BeforeAll
    static void start() throws Exception {
        app = EmbeddedReflex.startWithKeys(data, List.of(new ReflexConfig.ApiKey("admin", "adm1n", true)));
        url = "http://127.0.0.1:" + app.httpPort();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = ReflexCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run key(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "key";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--url";
        all[args.length + 2] = url;
        all[args.length + 3] = "--api-key";
        all[args.length + 4] = "adm1n";
        return run(all);
    }

    @Test
    void set_get_list_delete() {
        assertThat(key("set", "cli.greeting", "hello world").code()).isZero();
        Run get = key("get", "cli.greeting");
        assertThat(get.code()).isZero();
        assertThat(get.out()).contains("| cli.greeting").contains("hello world").startsWith("+--");
        Run json = key("get", "cli.greeting", "--json");
        assertThat(json.out()).contains("\"value\" : \"hello world\"");
        assertThat(key("list", "--prefix", "cli.").out()).contains("cli.greeting");
        Run del = key("delete", "cli.greeting");
        assertThat(del.code()).isZero();
        Run gone = key("get", "cli.greeting");
        assertThat(gone.code()).isEqualTo(1);
        assertThat(gone.err()).contains("error 404").contains("no key named 'cli.greeting'");
    }

    @Test
    void secrets_are_masked_unless_decrypted_with_an_admin_key() {
        assertThat(key("set", "cli.secret", "t0ps3cret", "--secret").out()).doesNotContain("t0ps3cret");
        assertThat(key("list").out()).contains("cli.secret").doesNotContain("t0ps3cret");
        assertThat(key("get", "cli.secret", "--decrypt").out()).contains("t0ps3cret");
        Run noKey = run("key", "get", "cli.secret", "--decrypt", "--url", url);
        assertThat(noKey.code()).isEqualTo(1);
        assertThat(noKey.err()).contains("error 401");
    }

    @Test
    void usage_errors_exit_2_and_unreachable_servers_exit_1() {
        assertThat(run("key", "set", "only-a-name").code()).isEqualTo(2);
        assertThat(run("key").code()).isEqualTo(2);
        assertThat(run("key").err()).contains("a subcommand is required: set, get, list or delete");
        assertThat(run("trigger").err()).contains("a subcommand is required: list");
        Run down = run("key", "list", "--url", "http://127.0.0.1:1");
        assertThat(down.code()).isEqualTo(1);
        assertThat(down.err()).contains("cannot reach Reflex at http://127.0.0.1:1");
    }
}
