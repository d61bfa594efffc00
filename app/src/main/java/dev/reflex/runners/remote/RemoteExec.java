package dev.reflex.runners.remote;

import dev.reflex.runners.Cancellation;
import dev.reflex.runners.OutputSink;
import dev.reflex.runners.OutputType;
import dev.reflex.runners.shell.LineCollector;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.util.buffer.Buffer;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one command on one SSH session: opens an exec channel (with a pseudo-terminal if asked),
 * writes the optional standard input then end-of-file, collects stdout and stderr (passing lines to
 * the sink), and waits, without polling, for the channel to close, the timeout, or cancellation.
 *
 * <p>To be able to stop the command, the command first prints its shell's process id (which sshd
 * made a session and process-group leader) as a marker line that is taken out of the output. On
 * timeout or cancellation the runner sends the SSH {@code signal KILL} request (OpenSSH answers it
 * with {@code killpg}, but refuses it for root logins), then kills that process group from a second
 * channel, then closes the channel.
 */
final class RemoteExec {

    private static final String MARKER_PREFIX = "@@reflex-pgid:";
    private static final Pattern MARKER = Pattern.compile("@@reflex-pgid:(\\d+)@@");
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    /** How the command ended. */
    enum Ending { EXITED, TIMED_OUT, CANCELED }

    /**
     * What the command left behind.
     *
     * @param exitStatus the exit status, or -1 when the command died of a signal or sent none
     */
    record Completed(Ending ending, int exitStatus, String stdout, String stderr) {
    }

    /**
     * How to run a command.
     *
     * @param pty         whether to ask for a pseudo-terminal (sudo without password, as StackStorm does)
     * @param stdin       bytes written to the command's input before end-of-file
     * @param timeout     how long the command may run; zero or negative for no limit
     * @param openTimeout how long opening the channel may take
     * @param killCommand the command that kills a process group, given its id
     */
    record Options(boolean pty, Optional<byte[]> stdin, Duration timeout, Duration openTimeout,
                   LongFunction<String> killCommand) {
    }

    /** The channel could not be opened, so the command did not start (typically a pooled session that went away). */
    static final class NotStarted extends IOException {
        private static final long serialVersionUID = 1L;

        NotStarted(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private RemoteExec() {
    }

    /** {@code kill -9 -<pgid>}, the kill command for a command that does not use sudo. */
    static String plainKill(long pgid) {
        return "kill -9 -" + pgid;
    }

    @SuppressWarnings("try") // the registration is only closed, never used
    static Completed run(ClientSession session, String command, Options options, Cancellation cancellation,
                         OutputSink sink) throws IOException {
        AtomicLong pgid = new AtomicLong(-1);
        LineCollector out = new LineCollector(line -> sink.line(OutputType.STDOUT, line), line -> marker(line, pgid));
        LineCollector err = new LineCollector(line -> sink.line(OutputType.STDERR, line), line -> marker(line, pgid));
        String marked = "printf '" + MARKER_PREFIX + "%s@@\\n' \"$$\" >&2; " + command;
        ChannelExec channel;
        try {
            channel = session.createExecChannel(marked);
        } catch (IOException e) {
            throw new NotStarted(e);
        }
        channel.setUsePty(options.pty());
        channel.setOut(out);
        channel.setErr(err);
        AtomicBoolean canceled = new AtomicBoolean();
        try (Cancellation.Registration ignored = cancellation.onCancel(() -> {
            canceled.set(true);
            Thread.ofVirtual().name("ssh-cancel").start(() -> kill(session, channel, pgid.get(), options));
        })) {
            try {
                channel.open().verify(options.openTimeout());
            } catch (IOException e) {
                throw new NotStarted(e);
            }
            try (OutputStream in = channel.getInvertedIn()) {
                if (options.stdin().isPresent()) {
                    in.write(options.stdin().get());
                    in.flush();
                }
            } catch (IOException e) {
                // the command exited without reading its input
            }
            long waitMillis = options.timeout().isPositive() ? options.timeout().toMillis() : Duration.ofDays(365).toMillis();
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), waitMillis);
            Ending ending = Ending.EXITED;
            if (canceled.get()) {
                ending = Ending.CANCELED;
                channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), KILL_WAIT.toMillis());
            } else if (!events.contains(ClientChannelEvent.CLOSED)) {
                ending = Ending.TIMED_OUT;
                kill(session, channel, pgid.get(), options);
            }
            out.close();
            err.close();
            Integer status = channel.getExitStatus();
            return new Completed(ending, ending == Ending.EXITED && status != null ? status : -1, out.text(), err.text());
        } finally {
            channel.close(true);
        }
    }

    private static boolean marker(String line, AtomicLong pgid) {
        Matcher m = MARKER.matcher(line);
        if (pgid.get() < 0 && m.matches()) {
            pgid.set(Long.parseLong(m.group(1)));
            return true;
        }
        return false;
    }

    /** Signals the process group (request, then a kill command on a second channel) and closes the channel. */
    private static void kill(ClientSession session, ChannelExec channel, long pgid, Options options) {
        try {
            if (channel.isOpen() && !channel.isClosing()) {
                Buffer request = session.createBuffer(SshConstants.SSH_MSG_CHANNEL_REQUEST, 32);
                request.putUInt(channel.getRecipient());
                request.putString("signal");
                request.putBoolean(false);
                request.putString("KILL");
                channel.writePacket(request);
            }
        } catch (IOException | RuntimeException e) {
            // the kill command below still runs
        }
        if (pgid > 1 && session.isOpen()) {
            try (ChannelExec killer = session.createExecChannel(options.killCommand().apply(pgid))) {
                killer.setUsePty(options.pty());
                killer.setOut(OutputStream.nullOutputStream());
                killer.setErr(OutputStream.nullOutputStream());
                killer.open().verify(options.openTimeout());
                try (OutputStream in = killer.getInvertedIn()) {
                    if (options.stdin().isPresent()) {
                        in.write(options.stdin().get());
                    }
                }
                killer.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), KILL_WAIT.toMillis());
            } catch (IOException | RuntimeException e) {
                // nothing more can be done from here; the channel is closed below
            }
        }
        channel.close(false);
    }
}
