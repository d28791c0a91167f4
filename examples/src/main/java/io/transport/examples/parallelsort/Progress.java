package io.transport.examples.parallelsort;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of one phase, shown as a progress bar on the terminal once the phase has taken more
 * than a second; never shown when the output is not a terminal. Counting is a single atomic add,
 * so the sort's threads can report freely. Also used by the pipeline example.
 */
public final class Progress implements LongConsumer, AutoCloseable {
  private static final long DELAY_MILLIS = 1000;
  private static final long REFRESH_MILLIS = 200;

  private final AtomicLong done = new AtomicLong();
  private final ScheduledExecutorService timer;
  private final ScheduledFuture<?> tick;
  private ProgressBar bar; // touched only by the timer thread, and by close() after it stopped

  private Progress(String name, long total, boolean show) {
    if (!show) {
      timer = null;
      tick = null;
      return;
    }
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "progress");
      t.setDaemon(true);
      return t;
    });
    tick = timer.scheduleAtFixedRate(() -> {
      if (bar == null) {
        bar = new ProgressBarBuilder()
            .setTaskName(name)
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis((int) REFRESH_MILLIS)
            .setConsumer(new ConsoleProgressBarConsumer(System.err))
            .build();
      }
      bar.stepTo(done.get());
    }, DELAY_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts tracking a phase.
   *
   * @param name what the bar says
   * @param total the count at which the phase is complete
   * @param enabled false to never show a bar
   * @return the progress, which the caller closes when the phase ends
   */
  public static Progress start(String name, long total, boolean enabled) {
    return new Progress(name, total, enabled && System.console() != null);
  }

  @Override
  public void accept(long count) {
    done.addAndGet(count);
  }

  @Override
  public void close() {
    if (timer == null) {
      return;
    }
    tick.cancel(false);
    timer.shutdown();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (bar != null) {
      bar.stepTo(done.get());
      bar.close();
    }
  }
}
