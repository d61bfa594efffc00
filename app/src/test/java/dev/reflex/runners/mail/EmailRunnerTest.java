package dev.reflex.runners.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.reflex.runners.RunContext;
import dev.reflex.runners.RunOutcome;
import dev.reflex.runners.RunRequest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The email runner against GreenMail's real SMTP server on loopback. */
class EmailRunnerTest {

    private GreenMail mail;
    private EmailRunner runner;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        runner = new EmailRunner(SmtpConfig.plain("127.0.0.1", mail.getSmtp().getPort(), "reflex@example.org"));
    }

    @AfterEach
    void stop() {
        mail.stop();
    }

    private RunOutcome send(EmailRunner with, Map<String, Object> params, RunContext context) {
        return with.run(RunRequest.of("e1", "core.sendmail").withRunnerParameters(params), context);
    }

    @Test
    void sendsToCcAndBccWithSubjectBodyAndTheClocksDate() throws Exception {
        Instant at = Instant.parse("2026-11-21T10:15:30Z");
        RunOutcome outcome = send(runner, Map.of("to", "ops@example.org, dev@example.org", "cc", "lead@example.org",
                "bcc", List.of("audit@example.org"), "subject", "[SENSU] web-01 - check_load ✓",
                "message", "load is high"), RunContext.standalone(Clock.systemUTC()).withClock(Clock.fixed(at, ZoneOffset.UTC)));

        assertThat(outcome).isInstanceOf(RunOutcome.Succeeded.class);
        assertThat(outcome.result()).containsEntry("succeeded", true).containsEntry("return_code", 0)
                .containsEntry("stdout", "Successfully sent mail to ops@example.org, dev@example.org")
                .containsKey("message_id");
        assertThat((List<?>) outcome.result().get("recipients")).hasSize(4);
        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).hasSize(4);
        MimeMessage first = received[0];
        assertThat(first.getSubject()).isEqualTo("[SENSU] web-01 - check_load ✓");
        assertThat(first.getFrom()[0].toString()).isEqualTo("reflex@example.org");
        assertThat(Arrays.stream(first.getRecipients(Message.RecipientType.TO)).map(Object::toString))
                .containsExactly("ops@example.org", "dev@example.org");
        assertThat(first.getHeader("Bcc")).isNull();
        assertThat(first.getSentDate().toInstant()).isEqualTo(at);
        assertThat(first.getContentType()).startsWith("text/plain").contains("UTF-8");
        assertThat(GreenMailUtil.getBody(first)).isEqualTo("load is high");
    }

    @Test
    void htmlAndAttachmentsAndMissingAttachmentWarning() throws Exception {
        Path report = Files.writeString(dir.resolve("report.txt"), "lsof output");
        RunOutcome outcome = send(runner, Map.of("to", "ops@example.org", "from", "bot@example.org", "subject", "report",
                "body", "<b>see attached</b>", "content_type", "text/html",
                "attachments", report + "," + dir.resolve("missing.txt")), RunContext.standalone(Clock.systemUTC()));
        assertThat(outcome).isInstanceOf(RunOutcome.Succeeded.class);
        assertThat((String) outcome.result().get("stderr")).isEqualTo("Warning: attachment " + dir.resolve("missing.txt")
                + " not found, skipping");
        MimeMessage received = mail.getReceivedMessages()[0];
        MimeMultipart parts = (MimeMultipart) received.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/html");
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo("<b>see attached</b>");
        assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("report.txt");
        assertThat(GreenMailUtil.getBody(parts.getBodyPart(1))).isEqualTo("lsof output");
    }

    @Test
    void emptyBodyIsSkippedOnlyWhenAsked() {
        RunOutcome skipped = send(runner, Map.of("to", "ops@example.org", "message", "   ", "send_empty_body", false),
                RunContext.standalone(Clock.systemUTC()));
        assertThat(skipped.result()).containsEntry("stdout", "Nothing to send").containsEntry("succeeded", true);
        assertThat(mail.getReceivedMessages()).isEmpty();
        send(runner, Map.of("to", "ops@example.org", "message", ""), RunContext.standalone(Clock.systemUTC()));
        assertThat(mail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void loginWithPasswordFromTheSecretsLookupAndRefusedLoginWithoutThePassword() {
        mail.setUser("ops@example.org", "ops", "right-pw");
        EmailRunner authed = new EmailRunner(SmtpConfig.plain("127.0.0.1", mail.getSmtp().getPort(), "ops@example.org")
                .withLogin("ops", "kv:smtp_password"));
        RunOutcome ok = send(authed, Map.of("to", "someone@example.org", "message", "hi"),
                RunContext.standalone(Clock.systemUTC()).withSecrets(name -> name.equals("smtp_password") ? Optional.of("right-pw") : Optional.empty()));
        assertThat(ok).isInstanceOf(RunOutcome.Succeeded.class);

        EmailRunner wrong = new EmailRunner(SmtpConfig.plain("127.0.0.1", mail.getSmtp().getPort(), "ops@example.org")
                .withLogin("ops", "wrong-pw-123"));
        RunOutcome refused = send(wrong, Map.of("to", "someone@example.org", "message", "hi"), RunContext.standalone(Clock.systemUTC()));
        assertThat(refused).isInstanceOf(RunOutcome.Failed.class);
        assertThat(refused.result()).containsEntry("return_code", 2);
        assertThat((String) refused.result().get("error")).startsWith("Failed to send mail to someone@example.org");
        assertThat(refused.result().toString()).doesNotContain("wrong-pw-123");
        assertThat(wrong.toString() + SmtpConfig.plain("h", 1, "f").withLogin("u", "wrong-pw-123")).doesNotContain("wrong-pw-123");
    }

    @Test
    void unreachableServerAndBadAddressFail() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        RunOutcome down = send(new EmailRunner(SmtpConfig.plain("127.0.0.1", closed, "a@example.org")),
                Map.of("to", "b@example.org", "message", "x"), RunContext.standalone(Clock.systemUTC()));
        assertThat(down).isInstanceOf(RunOutcome.Failed.class);
        assertThat((String) down.result().get("error")).contains("127.0.0.1");
        RunOutcome missing = send(runner, Map.of("message", "x"), RunContext.standalone(Clock.systemUTC()));
        assertThat(missing.result().get("error")).asString().contains("\"to\" is required");
    }

    @Test
    void implicitTlsWithATrustedSelfSignedServer() {
        GreenMail smtps = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        smtps.start();
        try {
            SmtpConfig tls = SmtpConfig.plain("127.0.0.1", smtps.getSmtps().getPort(), "reflex@example.org");
            RunOutcome untrusted = send(new EmailRunner(tls.withSecurity(SmtpConfig.Security.TLS, List.of())),
                    Map.of("to", "ops@example.org", "message", "over tls"), RunContext.standalone(Clock.systemUTC()));
            assertThat(untrusted).isInstanceOf(RunOutcome.Failed.class);
            assertThat(smtps.getReceivedMessages()).isEmpty();

            RunOutcome trusted = send(new EmailRunner(tls.withSecurity(SmtpConfig.Security.TLS, List.of("127.0.0.1"))),
                    Map.of("to", "ops@example.org", "message", "over tls"), RunContext.standalone(Clock.systemUTC()));
            assertThat(trusted).isInstanceOf(RunOutcome.Succeeded.class);
            assertThat(smtps.getReceivedMessages()).hasSize(1);
        } finally {
            smtps.stop();
        }
    }
}
