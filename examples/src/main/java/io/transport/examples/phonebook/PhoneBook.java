package io.transport.examples.phonebook;

import io.transport.annotations.Cid;
import io.transport.store.SharedLock;
import io.transport.store.Store;
import io.transport.workers.Isolation;
import io.transport.workers.Task;
import io.transport.workers.WorkerContext;
import io.transport.workers.Zone;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Napa's synchronized-loading tutorial on this library: a phone book that the first worker
 * needing it loads into a {@link Store}, once, under a {@link SharedLock}, and that every worker
 * of a PROCESS zone then reads from shared memory.
 *
 * <pre>{@code
 * try (Store book = Store.create(PhoneBook.STORE);          // lives as long as this JVM needs it
 *     SharedLock loading = SharedLock.create();
 *     Zone zone = Zone.builder().workers(4).isolation(Isolation.PROCESS).build()) {
 *   Task<Entry> alice = zone.execute(PhoneBook::lookup, "Alice", loading, file.toString());
 * }
 * }</pre>
 */
public final class PhoneBook {
  /** The name of the store; it belongs to this JVM and the workers of its zones. */
  public static final String STORE = "phone-book";
  /** The key that says who loaded the book. */
  static final String LOADED = "@loaded";
  /** The key that counts the loads: there should be one. */
  static final String LOADS = "@loads";

  private PhoneBook() {}

  /**
   * A phone number.
   *
   * @param name whose
   * @param number the number
   */
  @Cid("phonebook.Entry")
  public record Entry(String name, String number) {}

  /**
   * Who loaded the book, and how many entries it had.
   *
   * @param pid the process of the worker that loaded it
   * @param workerId that worker's id in its zone
   * @param entries the entries loaded
   */
  @Cid("phonebook.Loaded")
  public record Loaded(long pid, int workerId, int entries) {}

  /**
   * Looks a name up, in a worker: loads the book into the store first if no worker has yet.
   * The check under the lock makes the loading happen once, however many workers need the
   * book at the same moment; the check before it keeps the lock off the path once it is loaded.
   *
   * @param name the name to look up
   * @param loading the lock that guards the loading
   * @param file the phone book, one {@code name,number} a line
   * @return the entry, or null if the book has no such name
   * @throws Exception if the book cannot be read or the lock cannot be taken
   */
  public static Entry lookup(String name, SharedLock loading, String file) throws Exception {
    try (Store book = Store.open(STORE)) {
      if (!book.has(LOADED)) {
        loading.guard(() -> {
          if (!book.has(LOADED)) {
            int entries = load(book, Path.of(file));
            book.set(LOADED, new Loaded(ProcessHandle.current().pid(),
                WorkerContext.current().workerId(), entries));
            book.compute(LOADS, Integer.class, (key, n) -> n == null ? 1 : n + 1);
          }
          return null;
        });
      }
      return book.get(name, Entry.class);
    }
  }

  /** Reads the file into the store; returns the entries read. */
  private static int load(Store book, Path file) throws IOException {
    int n = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int comma = line.indexOf(',');
      if (comma > 0) {
        String name = line.substring(0, comma).trim();
        book.set(name, new Entry(name, line.substring(comma + 1).trim()));
        n++;
      }
    }
    return n;
  }

  /**
   * Writes a phone book of made-up entries: {@code Person 1} to {@code Person n}, plus Alice
   * and Bob.
   *
   * @param file where
   * @param entries how many made-up entries
   * @throws IOException if it cannot be written
   */
  public static void writeSample(Path file, int entries) throws IOException {
    List<String> lines = new ArrayList<>(List.of("Alice,555-0100", "Bob,555-0199"));
    for (int i = 1; i <= entries; i++) {
      lines.add("Person " + i + ",555-" + String.format("%04d", i % 10_000));
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /**
   * Runs the tutorial: starts a zone, looks every name up on its workers at once, and prints
   * the answers and which worker loaded the book.
   *
   * @param workers the zone's workers
   * @param file the phone book
   * @param names the names to look up
   * @param out where to print
   * @return the number of times the book was loaded: 1
   * @throws Exception if a lookup fails
   */
  public static int run(int workers, Path file, List<String> names, PrintStream out)
      throws Exception {
    try (Store book = Store.create(STORE);
        SharedLock loading = SharedLock.create();
        Zone zone = Zone.builder().name("phone-book").workers(workers)
            .isolation(Isolation.PROCESS).build()) {
      out.println("looking up " + names.size() + " names on " + workers + " worker processes");
      List<Task<Entry>> answers = new ArrayList<>();
      for (String name : names) {
        answers.add(zone.execute(PhoneBook::lookup, name, loading, file.toString()));
      }
      for (int i = 0; i < names.size(); i++) {
        Task<Entry> task = answers.get(i);
        Entry e = task.get(60, TimeUnit.SECONDS);
        out.println("  " + names.get(i) + ": " + (e == null ? "not in the book" : e.number())
            + "   (worker " + task.workerId() + ")");
      }
      Loaded loaded = book.get(LOADED, Loaded.class);
      int loads = book.get(LOADS, Integer.class);
      out.println("the book (" + loaded.entries() + " entries) was loaded " + loads + " time(s),"
          + " by worker " + loaded.workerId() + " (pid " + loaded.pid() + "); the store holds "
          + book.size() + " keys");
      return loads;
    }
  }
}
