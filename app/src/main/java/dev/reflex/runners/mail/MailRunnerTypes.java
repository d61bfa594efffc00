package dev.reflex.runners.mail;

import dev.reflex.actions.ParameterSpec;
import dev.reflex.actions.ParameterType;
import dev.reflex.runners.RunnerType;

import java.util.List;

/** The metadata of the {@code email} runner (StackStorm has no such runner; the names follow {@code core.sendmail}). */
public final class MailRunnerTypes {

    /** {@code email}. */
    public static final RunnerType EMAIL = RunnerType.of("email", "Sends an email through the configured SMTP server.", List.of(
            ParameterSpec.of("to", ParameterType.STRING).asRequired()
                    .withDescription("Recipients, comma-separated (a list also works)."),
            ParameterSpec.of("cc", ParameterType.STRING).withDescription("Copy recipients, comma-separated."),
            ParameterSpec.of("bcc", ParameterType.STRING).withDescription("Blind copy recipients, comma-separated."),
            ParameterSpec.of("from", ParameterType.STRING).withDescription("Sender; the configured sender when unset."),
            ParameterSpec.of("subject", ParameterType.STRING).withDefault("").withDescription("Subject line."),
            ParameterSpec.of("message", ParameterType.STRING).withDescription("The message text."),
            ParameterSpec.of("body", ParameterType.STRING).withDescription("Another name for message, as core.sendmail calls it."),
            ParameterSpec.of("content_type", ParameterType.STRING).withDefault("text/plain")
                    .withDescription("Content type of the text, without charset (UTF-8 is used)."),
            ParameterSpec.of("attachments", ParameterType.ARRAY)
                    .withDescription("Paths of files to attach (a comma-separated string also works); missing files are skipped with a warning."),
            ParameterSpec.of("send_empty_body", ParameterType.BOOLEAN).withDefault(true)
                    .withDescription("Sends the message even when its text is empty.")));

    private MailRunnerTypes() {
    }
}
