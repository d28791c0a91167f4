package io.transport.examples.channels;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code channels}: the command line of {@link ChannelsExample}. */
@Command(name = "channels", mixinStandardHelpOptions = true, version = "0.1.0-SNAPSHOT",
    description = {
        "Named channels across JVMs: this JVM exports \"prices\" and \"orders\" and starts two "
            + "importer JVMs that take prices (work-pulling) and answer with orders. It kills "
            + "one importer with prices in flight (they go to the other), then the other "
            + "(its next call reports how many prices were not delivered)."})
public final class ChannelsCommand implements Callable<Integer> {
  @Option(names = {"-n", "--prices"}, paramLabel = "N", defaultValue = "2000",
      description = "Prices sent before the last importer is killed (default: ${DEFAULT-VALUE}).")
  int prices;

  @Option(names = {"-c", "--credits"}, paramLabel = "C", defaultValue = "20",
      description = "Credits of each importer (default: ${DEFAULT-VALUE}).")
  int credits;

  @Override
  public Integer call() throws Exception {
    ChannelsExample.run(prices, credits, System.out);
    return 0;
  }
}
