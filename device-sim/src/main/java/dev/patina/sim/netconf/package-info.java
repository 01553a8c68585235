/** A simulated NETCONF server (MINA SSHD {@code netconf} subsystem) with framing and reply faults. */
package dev.patina.sim.netconf;
