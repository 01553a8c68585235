package dev.patina.app.serve;

import dev.patina.inventory.Device;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Devices that share one cron schedule: a group (or "default") with its effective cron expression. */
public record ScheduleKey(String group, String cron) {
  /** The unique job name Quartz knows it by: the group and its cron expression. */
  public String jobName() {
    return group + " [" + cron + "]";
  }

  /** Splits the inventory by (group, effective schedule), keeping inventory order. */
  public static Map<ScheduleKey, List<Device>> split(List<Device> devices, String defaultCron) {
    Map<ScheduleKey, List<Device>> out = new LinkedHashMap<>();
    for (Device d : devices) {
      ScheduleKey key = new ScheduleKey(d.group() == null ? "default" : d.group(),
          d.schedule() != null ? d.schedule() : defaultCron);
      out.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
    }
    return out;
  }
}
