package dev.patina.app.serve;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/** The Quartz job of one schedule key; never runs twice at once for the same key. */
@DisallowConcurrentExecution
public final class GroupRunJob implements Job {
  static final String SERVICE = "patina.service";
  static final String GROUP = "group";
  static final String CRON = "cron";

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    try {
      Service service = (Service) context.getScheduler().getContext().get(SERVICE);
      var data = context.getMergedJobDataMap();
      service.runScheduled(new ScheduleKey(data.getString(GROUP), data.getString(CRON)), context.getScheduledFireTime());
    } catch (SchedulerException e) {
      throw new JobExecutionException(e);
    }
  }
}
