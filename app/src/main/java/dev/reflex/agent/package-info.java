/**
 * The agent, {@code reflex agent}: Sensu's client in the same jar.
 *
 * <p>It reads client and check definitions (Sensu JSON or YAML, through the strict loader), connects
 * to the server's WebSocket ({@link dev.reflex.agent.ServerLink}, reconnecting with back-off),
 * registers with a keepalive and sends one every 20 seconds, runs subscription checks on request and
 * standalone checks on its own schedule ({@link dev.reflex.agent.CheckRunner},
 * {@link dev.reflex.agent.ProcessRunner}), and accepts results from other programs on its local
 * sockets ({@link dev.reflex.agent.LocalSockets}). Every result is first written to the bounded
 * on-disk {@link dev.reflex.agent.ResultBuffer} and forgotten only when the server acknowledges it
 * as durable, so a broken connection or a server crash loses none.
 *
 * <p>{@link dev.reflex.agent.AgentMessage} is the wire protocol the server side shares.
 *
 * <p>One agent runs on every monitored host, so it is meant to stay under 64 MB resident (see the
 * launcher's {@code scripts/agent-jvm.options}). Every class it loads stays in its memory for its
 * whole life, so its path keeps to few: its own WebSocket client
 * ({@link dev.reflex.agent.WebSocketClient}) rather than {@code java.net.http}, JSON through
 * Jackson's streaming parser and generator rather than the object mapper, logging configured in
 * code, and a command line holding only the agent command.
 */
package dev.reflex.agent;
