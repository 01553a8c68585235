package dev.patina.sim;

import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.scp.server.ScpCommandFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/** Wires a Linux host: exec over {@link LinuxCommands}, SFTP and SCP over the same root folder. */
final class LinuxHost {
  private LinuxHost() {}

  static void configure(SshServer sshd, Path root, LinuxCommands commands, Faults faults,
      Journal journal) {
    sshd.setCommandFactory(new ScpCommandFactory.Builder()
        .withDelegate((channel, line) -> new LinuxExec(commands, faults, line, journal))
        .build());
    sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
    sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
  }
}
