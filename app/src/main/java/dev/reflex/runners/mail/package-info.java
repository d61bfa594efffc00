/**
 * The {@code email} runner: sends one message over SMTP (Jakarta Mail, Eclipse Angus) with
 * {@code to}, {@code cc}, {@code bcc}, {@code from}, {@code subject}, {@code message}/{@code body},
 * {@code content_type} and attachments; the server, port, TLS mode and login come from the runner
 * configuration. {@link dev.reflex.runners.mail.SendmailMapping} maps StackStorm's
 * {@code core.sendmail} parameters onto it.
 */
package dev.reflex.runners.mail;
