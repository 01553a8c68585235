package dev.patina.collector;

import dev.patina.inventory.Device;
import dev.patina.collector.ssh.ShellSession;

/** After the first prompt: enable mode (with the enable password) when the model needs it, then the login commands. */
final class Login {
  private final DeviceSession device;
  private final ShellSession shell;

  Login(DeviceSession device, ShellSession shell) {
    this.device = device;
    this.shell = shell;
  }

  /**
   * {@code candidate}: the first prompt, unconfirmed (see {@link ShellSession}). Should the
   * confirmed prompt differ (the candidate was a piece of a banner), enable mode is decided again
   * on the confirmed one.
   */
  void run(String candidate) throws CollectException {
    Model model = device.model();
    boolean enabled = needsEnable(candidate);
    if (enabled) {
      enable();
    }
    for (String command : model.login()) {
      ShellSession.Reply reply = shell.runSetting(command, null).reply();
      if (model.rejected(reply.lines()) != null) {
        device.note("login command \"" + command + "\" rejected: " + model.rejected(reply.lines()));
      }
    }
    if (!model.login().isEmpty()) {
      shell.confirmWith(model.login().getLast()); // a session setting, harmless to repeat
    }
    String prompt = shell.confirmed() ? shell.prompt() : shell.confirmPrompt();
    if (!enabled && !prompt.equals(candidate) && needsEnable(prompt)) {
      enable();
    }
  }

  private boolean needsEnable(String prompt) {
    Model.Enable enable = device.model().enable();
    return enable != null && (enable.when() == null || dev.patina.regex.BoundedRegex.find(enable.when(), prompt));
  }

  private void enable() throws CollectException {
    Device t = device.target();
    Model.Enable enable = device.model().enable();
    ShellSession.Step step = shell.runSetting(enable.command(), enable.passwordPrompt());
    String now;
    if (step.reply() == null) {
      if (t.enablePassword() == null) {
        throw new CollectException(FailureKind.AUTH, t.name() + ": \"" + enable.command()
            + "\" asks for a password; set enable-password for the device in devices.yaml");
      }
      now = shell.answerSecret(t.enablePassword().value(), "the enable password").prompt();
    } else {
      now = step.reply().prompt();
    }
    if (enable.when() != null && dev.patina.regex.BoundedRegex.find(enable.when(), now)) {
      throw new CollectException(FailureKind.AUTH, t.name() + ": enable mode refused (prompt still \""
          + now.strip() + "\"); check the device's enable-password in devices.yaml");
    }
  }
}
