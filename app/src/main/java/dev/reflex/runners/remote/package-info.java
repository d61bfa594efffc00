/**
 * The remote shell runners {@code remote-shell-cmd} and {@code remote-shell-script}: run a command
 * or an uploaded script on one or more hosts over SSH, with Apache MINA SSHD as the client, or
 * through the host's connected Reflex agent when there is one ({@link dev.reflex.runners.remote.AgentRoutes},
 * implemented by the agents' hub). Host keys are checked against a known_hosts file by default;
 * sessions are pooled per user, host, port and credentials and reused until idle; results are keyed
 * by host exactly as StackStorm's, each entry saying whether it ran over SSH or through an agent.
 */
package dev.reflex.runners.remote;
