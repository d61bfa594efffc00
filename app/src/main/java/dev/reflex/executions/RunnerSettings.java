package dev.reflex.executions;

import dev.reflex.runners.chat.ChatSettings;
import dev.reflex.runners.local.LocalRunnerConfig;
import dev.reflex.runners.mail.SmtpConfig;
import dev.reflex.runners.remote.RemoteRunnerConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How the runners Reflex ships are configured, and the engine settings.
 *
 * @param local     the local shell runners
 * @param remote    the SSH runners (known hosts, default user and key)
 * @param smtp      the SMTP server of the email runner
 * @param execution the execution engine's settings
 * @param chat      where the chat runner posts ({@link ChatSettings#none()} when chat is not configured)
 */
public record RunnerSettings(LocalRunnerConfig local, RemoteRunnerConfig remote, SmtpConfig smtp,
                             ExecutionSettings execution, ChatSettings chat) {

    public RunnerSettings {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(smtp, "smtp");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(chat, "chat");
    }

    /**
     * StackStorm-like defaults: commands see Reflex's environment, SSH checks {@code ~/.ssh/known_hosts},
     * mail goes to {@code localhost:25} from {@code stanley@<host>}, chat is not configured.
     */
    public static RunnerSettings defaults() {
        ExecutionSettings execution = ExecutionSettings.defaults();
        Path knownHosts = Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
        return new RunnerSettings(LocalRunnerConfig.defaults(), RemoteRunnerConfig.defaults(knownHosts),
                SmtpConfig.plain("localhost", 25, "stanley@" + execution.hostname()), execution, ChatSettings.none());
    }

    /** The same settings with another SSH configuration. */
    public RunnerSettings withRemote(RemoteRunnerConfig config) {
        return new RunnerSettings(local, config, smtp, execution, chat);
    }

    /** The same settings with another SMTP server. */
    public RunnerSettings withSmtp(SmtpConfig config) {
        return new RunnerSettings(local, remote, config, execution, chat);
    }

    /** The same settings with other engine settings. */
    public RunnerSettings withExecution(ExecutionSettings settings) {
        return new RunnerSettings(local, remote, smtp, settings, chat);
    }

    /** The same settings with another chat configuration. */
    public RunnerSettings withChat(ChatSettings config) {
        return new RunnerSettings(local, remote, smtp, execution, config);
    }
}
