/** Simulated devices: MINA SSHD shell/exec/SCP/SFTP/NETCONF, SNMP agent, replay of recorded sessions. */
package dev.patina.sim;
