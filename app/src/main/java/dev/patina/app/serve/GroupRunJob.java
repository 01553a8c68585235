package dev.patina.app.serve;

import java.text.ParseException;
import java.util.Date;
import org.quartz.CronExpression;
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
      ScheduleKey key = new ScheduleKey(data.getString(GROUP), data.getString(CRON));
      Date scheduled = context.getScheduledFireTime();
      Date previous = context.getPreviousFireTime();
      Date period = scheduled;
      int missed = 0;
      if (scheduled != null && previous != null) {
        CronExpression cron = new CronExpression(key.cron());
        if (!cron.isSatisfiedBy(scheduled)) {
          // a late firing: Quartz fires a schedule that missed its time once, now (FireAndProceed),
          // for every period that began since the last firing; it is the run of the latest of them
          int n = 0;
          for (Date t = cron.getTimeAfter(previous); t != null && !t.after(scheduled) && n < 100_000;
              t = cron.getTimeAfter(t)) {
            period = t;
            n++;
          }
          missed = Math.max(0, n - 1);
        }
      }
      service.runScheduled(key, period, missed, scheduled);
    } catch (SchedulerException | ParseException e) {
      throw new JobExecutionException(e);
    }
  }
}
