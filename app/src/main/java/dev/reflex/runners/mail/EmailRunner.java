package dev.reflex.runners.mail;

import dev.reflex.runners.Cancellation;
import dev.reflex.runners.ParameterValues;
import dev.reflex.runners.RunContext;
import dev.reflex.runners.RunOutcome;
import dev.reflex.runners.RunRequest;
import dev.reflex.runners.Runner;
import dev.reflex.runners.RunnerType;
import dev.reflex.runners.Secrets;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The {@code email} runner: builds one MIME message (UTF-8 subject and text, attachments as a
 * {@code multipart/mixed}), stamps it with the context's clock and sends it through the configured
 * SMTP server. The result keeps the shape of StackStorm's {@code core.sendmail} execution,
 * {@code {failed, succeeded, return_code, stdout, stderr}}, plus {@code message_id} and
 * {@code recipients}; a refused message or an unreachable server fails with return code 2 and an
 * {@code error}. The SMTP password never appears in results or logs.
 */
public final class EmailRunner implements Runner {

    private final SmtpConfig config;

    /** A runner sending through {@code config}. */
    public EmailRunner(SmtpConfig config) {
        this.config = config;
    }

    @Override
    public RunnerType type() {
        return MailRunnerTypes.EMAIL;
    }

    @Override
    public RunOutcome run(RunRequest request, RunContext context) {
        if (context.cancellation().isCancelled()) {
            return new RunOutcome.Canceled(Map.of("failed", true, "succeeded", false, "error", "canceled before start"));
        }
        ParameterValues p = new ParameterValues(type(), request);
        List<String> warnings = new ArrayList<>();
        String to;
        MimeMessage message;
        Session session = session();
        try {
            to = String.join(", ", addresses(p, "to"));
            if (to.isEmpty()) {
                throw new IllegalArgumentException("runner parameter \"to\" is required");
            }
            String text = p.string("message").or(() -> p.string("body")).orElse("");
            if (!p.bool("send_empty_body") && text.replace(" ", "").isEmpty()) {
                return new RunOutcome.Succeeded(result(true, "Nothing to send", "", Optional.empty(), List.of()));
            }
            message = compose(session, p, to, text, warnings, context);
        } catch (IllegalArgumentException | MessagingException | IOException e) {
            return failed("Failed to send mail: " + describe(e), "");
        }
        try {
            deliver(session, message, context);
            List<String> recipients = Arrays.stream(message.getAllRecipients()).map(Address::toString).toList();
            return new RunOutcome.Succeeded(result(true, "Successfully sent mail to " + to, String.join("\n", warnings),
                    Optional.ofNullable(message.getMessageID()), recipients));
        } catch (MessagingException e) {
            if (context.cancellation().isCancelled()) {
                return new RunOutcome.Canceled(Map.of("failed", true, "succeeded", false,
                        "error", "Action was canceled: " + context.cancellation().reason().orElse("canceled")));
            }
            return failed("Failed to send mail to " + to + ": " + describe(e), String.join("\n", warnings));
        }
    }

    private MimeMessage compose(Session session, ParameterValues p, String to, String text, List<String> warnings,
                                RunContext context) throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(p.string("from").filter(s -> !s.isBlank()).orElse(config.defaultFrom())));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, false));
        List<String> cc = addresses(p, "cc");
        if (!cc.isEmpty()) {
            message.setRecipients(Message.RecipientType.CC, InternetAddress.parse(String.join(", ", cc), false));
        }
        List<String> bcc = addresses(p, "bcc");
        if (!bcc.isEmpty()) {
            message.setRecipients(Message.RecipientType.BCC, InternetAddress.parse(String.join(", ", bcc), false));
        }
        message.setSubject(p.string("subject").orElse(""), "UTF-8");
        message.setSentDate(Date.from(context.clock().instant()));
        String contentType = p.string("content_type").filter(s -> !s.isBlank()).orElse("text/plain") + "; charset=UTF-8";
        List<Path> files = new ArrayList<>();
        for (Object entry : p.array("attachments")) {
            Path file = Path.of(String.valueOf(entry).trim());
            if (Files.isRegularFile(file)) {
                files.add(file);
            } else {
                warnings.add("Warning: attachment " + file + " not found, skipping");
            }
        }
        if (files.isEmpty()) {
            message.setContent(text, contentType);
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart textPart = new MimeBodyPart();
            textPart.setContent(text, contentType);
            textPart.setDisposition(MimeBodyPart.INLINE);
            mixed.addBodyPart(textPart);
            for (Path file : files) {
                MimeBodyPart part = new MimeBodyPart();
                part.attachFile(file.toFile());
                mixed.addBodyPart(part);
            }
            message.setContent(mixed);
        }
        message.saveChanges();
        return message;
    }

    @SuppressWarnings("try") // the registration is only closed, never used
    private void deliver(Session session, MimeMessage message, RunContext context) throws MessagingException {
        Cancellation cancellation = context.cancellation();
        Transport transport = session.getTransport(config.security() == SmtpConfig.Security.TLS ? "smtps" : "smtp");
        try (Cancellation.Registration ignored = cancellation.onCancel(() -> {
            try {
                transport.close();
            } catch (MessagingException e) {
                // the send fails with its own error
            }
        })) {
            String password = config.password().map(pw -> Secrets.resolve(pw, context.secrets())).orElse(null);
            transport.connect(config.host(), config.port(), config.username().orElse(null), password);
            transport.sendMessage(message, message.getAllRecipients());
        } catch (IllegalArgumentException e) {
            throw new MessagingException(e.getMessage());
        } finally {
            transport.close();
        }
    }

    private Session session() {
        String protocol = config.security() == SmtpConfig.Security.TLS ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        Properties props = new Properties();
        props.put(prefix + "host", config.host());
        props.put(prefix + "port", String.valueOf(config.port()));
        props.put(prefix + "auth", String.valueOf(config.username().isPresent()));
        props.put(prefix + "connectiontimeout", String.valueOf(config.timeout().toMillis()));
        props.put(prefix + "timeout", String.valueOf(config.timeout().toMillis()));
        props.put(prefix + "writetimeout", String.valueOf(config.timeout().toMillis()));
        boolean trusted = config.trustedHosts().contains(config.host()) || config.trustedHosts().contains("*");
        props.put(prefix + "ssl.checkserveridentity", String.valueOf(!trusted));
        switch (config.security()) {
            case NONE -> { }
            case STARTTLS -> props.put(prefix + "starttls.enable", "true");
            case STARTTLS_REQUIRED -> {
                props.put(prefix + "starttls.enable", "true");
                props.put(prefix + "starttls.required", "true");
            }
            case TLS -> props.put(prefix + "ssl.enable", "true");
        }
        if (!config.trustedHosts().isEmpty()) {
            props.put(prefix + "ssl.trust", String.join(" ", config.trustedHosts()));
        }
        return Session.getInstance(props);
    }

    private static List<String> addresses(ParameterValues p, String name) {
        List<String> out = new ArrayList<>();
        for (Object value : p.array(name)) {
            String text = String.valueOf(value).trim();
            if (!text.isEmpty()) {
                out.add(text);
            }
        }
        return out;
    }

    private static Map<String, Object> result(boolean succeeded, String stdout, String stderr, Optional<String> messageId,
                                              List<String> recipients) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("failed", !succeeded);
        result.put("succeeded", succeeded);
        result.put("return_code", succeeded ? 0 : 2);
        result.put("stdout", stdout);
        result.put("stderr", stderr);
        messageId.ifPresent(id -> result.put("message_id", id));
        if (!recipients.isEmpty()) {
            result.put("recipients", recipients);
        }
        return result;
    }

    private static RunOutcome failed(String error, String stderr) {
        Map<String, Object> result = result(false, "", stderr, Optional.empty(), List.of());
        result.put("error", error);
        return new RunOutcome.Failed(result);
    }

    private static String describe(Exception e) {
        if (e instanceof AddressException address) {
            return "bad address: " + address.getMessage();
        }
        Throwable cause = e;
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            text.append(": ").append(cause.getMessage());
        }
        return text.toString().trim();
    }
}
