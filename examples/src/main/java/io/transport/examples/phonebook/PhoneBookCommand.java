package io.transport.examples.phonebook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code phonebook}: runs {@link PhoneBook}. */
@Command(name = "phonebook", mixinStandardHelpOptions = true,
    description = "A phone book loaded once into a store by the first worker that needs it, "
        + "read by every worker of a PROCESS zone (Napa's synchronized-loading tutorial).")
public final class PhoneBookCommand implements Callable<Integer> {
  @Option(names = {"-w", "--workers"}, defaultValue = "4",
      description = "Worker processes (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = {"-f", "--file"},
      description = "The phone book, one name,number a line (default: a made-up one).")
  Path file;

  @Option(names = {"-n", "--entries"}, defaultValue = "10000",
      description = "Entries of the made-up book (default: ${DEFAULT-VALUE}).")
  int entries;

  @Parameters(arity = "0..*", description = "Names to look up (default: Alice, Bob, Carol, "
      + "Person 42, and one per worker more).")
  List<String> names;

  @Override
  public Integer call() throws Exception {
    if (workers < 1) {
      throw new IllegalArgumentException("--workers must be at least 1");
    }
    Path book = file;
    if (book == null) {
      book = Files.createTempFile("phone-book-", ".csv");
      book.toFile().deleteOnExit();
      PhoneBook.writeSample(book, entries);
    }
    List<String> lookups = names;
    if (lookups == null || lookups.isEmpty()) {
      lookups = new java.util.ArrayList<>(List.of("Alice", "Bob", "Carol", "Person 42"));
      for (int i = 0; i < workers; i++) {
        lookups.add("Person " + (1000 + i));
      }
    }
    PhoneBook.run(workers, book, lookups, System.out);
    return 0;
  }
}
