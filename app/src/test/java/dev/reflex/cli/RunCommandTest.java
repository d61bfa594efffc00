package dev.reflex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.reflex.app.App;
import dev.reflex.app.ReflexCommand;
import dev.reflex.executions.RunnerSettings;
import dev.reflex.runners.mail.SmtpConfig;
import dev.reflex.runners.remote.RemoteRunnerConfig;
import dev.reflex.testkit.EmbeddedReflex;
import dev.reflex.testkit.OpenSshServer;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code reflex run}, {@code reflex action} and {@code reflex execution} against a whole Reflex whose
 * runners talk to real servers: an OpenSSH server, a local HTTP server and GreenMail's SMTP server.
 */
class RunCommandTest {

    @TempDir
    static Path data;
    static App app;
    static String url;
    static OpenSshServer ssh;
    static GreenMail mail;
    static HttpServer web;

    @BeforeAll
    static void start() throws Exception {
        ssh = OpenSshServer.start();
        Path knownHosts = ssh.directory().resolve("known_hosts");
        Files.writeString(knownHosts, ssh.knownHostsLine() + "\n");
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/status", exchange -> {
            byte[] body = "{\"ok\": true, \"path\": \"status\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        web.start();
        RunnerSettings settings = RunnerSettings.defaults()
                .withRemote(RemoteRunnerConfig.defaults(knownHosts).withDefaultPrivateKey(ssh.userKey()))
                .withSmtp(SmtpConfig.plain("127.0.0.1", mail.getSmtp().getPort(), "reflex@example.org"));
        app = new App(EmbeddedReflex.config(data), Clock.systemUTC(), settings).start();
        url = "http://127.0.0.1:" + app.httpPort();
    }

    @AfterAll
    static void stop() {
        app.close();
        web.stop(0);
        mail.stop();
        ssh.close();
    }

    record Run(int code, String out, String err) {
    }

    static Run reflex(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--url");
        all.add(url);
        CommandLine cl = ReflexCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    static String id(Run run) {
        Matcher m = Pattern.compile("(?m)^id: ([0-9a-f]{24})$").matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        return m.group(1);
    }

    @Test
    void localCommand() {
        Run run = reflex("run", "core.local", "cmd=uname -a");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("action.ref: core.local").contains("context.user: stanley")
                .containsPattern("status: succeeded \\(\\d+s elapsed\\)").containsPattern("stdout: \"?Linux").contains("cmd: uname -a");
    }

    @Test
    void remoteCommandOverSsh() {
        Run run = reflex("run", "core.remote", "hosts=" + ssh.hostAndPort(), "cmd=echo hello from $(hostname -s)");
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("127.0.0.1:").contains("stdout: hello from").contains("succeeded: true");
    }

    @Test
    void httpRequest() {
        Run run = reflex("run", "core.http", "url=http://127.0.0.1:" + web.getAddress().getPort() + "/status");
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("status_code: 200").contains("ok: true").contains("path: status");
    }

    @Test
    void sendmailDeliversToTheSmtpServer() throws Exception {
        Run run = reflex("run", "core.sendmail", "to=ops@example.org", "subject=Disk full on db-01",
                "body=<b>/var</b> is at 99%");
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        MimeMessage received = List.of(mail.getReceivedMessages()).stream()
                .filter(m -> subject(m).equals("Disk full on db-01")).findFirst().orElseThrow();
        assertThat(received.getAllRecipients()[0].toString()).isEqualTo("ops@example.org");
        assertThat(received.getFrom()[0].toString()).startsWith("stanley@");
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(received)).contains("<b>/var</b> is at 99%");
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFailedExecutionExitsOneAndAsyncPrintsTheId() {
        Run failed = reflex("run", "core.error", "message=boom");
        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.out()).contains("status: failed").contains("stderr: boom");
        Run async = reflex("run", "core.noop", "-a");
        assertThat(async.code()).isZero();
        assertThat(async.out()).contains("reflex execution get ");
        Run bad = reflex("run", "core.local");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("'cmd' is a required property");
    }

    @Test
    void executionListGetReRunTailAndCancel() {
        String id = id(reflex("run", "core.local", "cmd=echo listed"));
        Run list = reflex("execution", "list", "-n", "5", "--action", "core.local");
        assertThat(list.code()).isZero();
        assertThat(list.out()).containsPattern("\\| id +\\| action\\.ref +\\| context\\.user +\\| status +\\| "
                + "start_timestamp +\\| end_timestamp +\\|").contains(id).containsPattern("succeeded \\(\\d+s elapsed\\)");
        assertThat(reflex("execution", "list", "--status", "failed", "--json").out()).doesNotContain(id);
        assertThat(reflex("execution", "get", id).out()).contains("stdout: listed");
        Run rerun = reflex("execution", "re-run", id, "cmd=echo rerun");
        assertThat(rerun.code()).isZero();
        assertThat(rerun.out()).contains("stdout: rerun");
        Run tail = reflex("execution", "tail", id);
        assertThat(tail.out()).contains("listed").contains("has completed (status=succeeded)");
        String running = id(new Run(0, "id: " + reflex("run", "core.local", "cmd=sleep 30", "-a", "--json").out()
                .replaceAll("(?s).*?\"id\" : \"([0-9a-f]{24})\".*", "$1"), ""));
        Run cancel = reflex("execution", "cancel", running);
        assertThat(cancel.code()).as(cancel.err()).isZero();
        assertThat(cancel.out()).contains("Action execution with id " + running);
        assertThat(reflex("execution", "cancel", id).err()).contains("cannot be canceled");
    }

    @Test
    void actionListAndGet() {
        Run list = reflex("action", "list", "--pack", "core");
        assertThat(list.out()).contains("core.local").contains("core.sendmail").contains("core.inject_trigger");
        assertThat(reflex("action", "get", "core.echo").out()).contains("local-shell-cmd");
    }
}
