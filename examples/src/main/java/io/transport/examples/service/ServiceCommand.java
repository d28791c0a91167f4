package io.transport.examples.service;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code service}: runs {@link Service}. */
@Command(name = "service", mixinStandardHelpOptions = true, version = "0.1.0-SNAPSHOT",
    header = "A long-running service task on a worker process, with typed pipes in and out, "
        + "suspended, resumed and cancelled from the main program.")
public final class ServiceCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    Service.run(System.out::println);
    return 0;
  }
}
