/**
 * Simulated devices for tests, benchmarks and the demo: MINA SSHD servers on loopback.
 *
 * <ul>
 *   <li>{@link dev.patina.sim.Capture}: an Oxidized {@code simulation.yaml} recording.
 *   <li>{@link dev.patina.sim.SimDevice#replay}: shell and exec replay of a recording;
 *       commands the recording lacks get the vendor's CLI error and the prompt; an ordered
 *       recording is enforced only at "Press any key", pager and single-key steps.
 *   <li>{@link dev.patina.sim.SimDevice#linuxHost}: exec, SFTP and SCP over a folder.
 *   <li>{@link dev.patina.sim.Fault}: disconnect or stall mid-output, slow replies;
 *       {@link dev.patina.sim.SimDevice#newHostKey()} for a changed host key;
 *       {@link dev.patina.sim.SimDevice#legacySsh()} for old switches;
 *       {@link dev.patina.sim.SimDevice#pager(int)} for {@code --More--} paging.
 *   <li>{@link dev.patina.sim.SimFleet}: many devices on one shared IO thread pool.
 *   <li>{@link dev.patina.sim.SimMain}: {@code --capture FILE} or {@code --linux DIR}.
 * </ul>
 *
 * <pre>{@code
 * try (SimDevice ios = SimDevice.replay(Capture.load(file)).start()) {
 *   ios.replaceInReplies("hostname R1", "hostname R2");   // a config change between runs
 *   ios.fault(Fault.disconnectAfterBytes(2_000));           // cut the next output short
 * }
 * }</pre>
 */
package dev.patina.sim;
