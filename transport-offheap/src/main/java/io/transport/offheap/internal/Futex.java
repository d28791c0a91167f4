package io.transport.offheap.internal;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * Parks threads of any process on a 32-bit word of shared memory until another thread, of any
 * process, wakes them: Linux's {@code futex(2)} with {@code FUTEX_WAIT} and {@code FUTEX_WAKE},
 * without the private flag, so the kernel keys the word by the file and offset it maps and a
 * waiter sleeps in the kernel, costing no CPU, until it is woken or its time runs out. Called
 * through JNR, which Chronicle's POSIX calls already bring.
 *
 * <p>The native code loads on a daemon thread ({@value #THREAD_NAME}) when a pipe first asks
 * for it (see {@link #warmUp()}), because loading takes up to a second or two on a busy machine.
 * Until it is loaded, and on systems without futexes (not Linux, or no native calls), a waiter
 * parks for at most {@link #FALLBACK_NANOS} at a time instead and {@link #wake} does nothing:
 * slower to answer, still not spinning. Callers must therefore always wait with a time limit and
 * look again at what they wait for when they return.
 *
 * <p>Thread-safe.
 */
public final class Futex {
  static final String THREAD_NAME = "transport-offheap-futex-loader";
  /** How long a waiter parks at most while futexes are not available. */
  public static final long FALLBACK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private static final System.Logger LOG = System.getLogger(Futex.class.getName());
  private static final int FUTEX_WAIT = 0;
  private static final int FUTEX_WAKE = 1;

  private enum State { IDLE, LOADING, READY, UNSUPPORTED }

  private static volatile State state = State.IDLE;
  private static volatile Native lib;

  private Futex() {}

  /** The C library's {@code syscall}, every argument a machine word. */
  public interface LibC {
    /**
     * Calls the kernel.
     *
     * @param number the system call
     * @param a1 argument 1
     * @param a2 argument 2
     * @param a3 argument 3
     * @param a4 argument 4
     * @param a5 argument 5
     * @param a6 argument 6
     * @return the result, -1 on error
     */
    long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);
  }

  /** The loaded library, the system call's number and each thread's timespec. */
  private record Native(LibC c, long futex, ThreadLocal<Pointer> timespec) {}

  /** Starts loading the native code in the background unless that has begun. */
  public static void warmUp() {
    if (state != State.IDLE) {
      return;
    }
    synchronized (Futex.class) {
      if (state != State.IDLE) {
        return;
      }
      state = State.LOADING;
      Thread t = new Thread(Futex::load, THREAD_NAME);
      t.setDaemon(true);
      t.start();
    }
  }

  /**
   * Returns whether waits sleep in the kernel and wakes reach them.
   *
   * @return true once loaded on Linux
   */
  public static boolean available() {
    return state == State.READY;
  }

  /**
   * Waits until the word at {@code address} is woken by {@link #wake}, no longer holds
   * {@code expected} (checked atomically by the kernel as it goes to sleep), the time runs out or
   * a signal arrives. Spurious returns are possible: look again at what you wait for.
   *
   * @param address a 4-byte aligned address inside a shared mapping
   * @param expected the value the word holds when the caller decided to wait
   * @param timeoutNanos the longest wait, positive
   */
  public static void await(long address, int expected, long timeoutNanos) {
    Native n = lib;
    if (n == null) {
      warmUp();
      LockSupport.parkNanos(Math.min(timeoutNanos, FALLBACK_NANOS));
      return;
    }
    Pointer ts = n.timespec().get();
    ts.putLong(0, timeoutNanos / 1_000_000_000L);
    ts.putLong(8, timeoutNanos % 1_000_000_000L);
    // EAGAIN (the word changed), EINTR and ETIMEDOUT all mean: look again.
    n.c().syscall(n.futex(), address, FUTEX_WAIT, expected, ts.address(), 0, 0);
  }

  /**
   * Wakes every thread, of any process, waiting on the word at {@code address}.
   *
   * @param address the address the waiters passed to {@link #await}
   */
  public static void wake(long address) {
    Native n = lib;
    if (n != null) {
      n.c().syscall(n.futex(), address, FUTEX_WAKE, Integer.MAX_VALUE, 0, 0, 0);
    }
  }

  private static void load() {
    try {
      long number = syscallNumber();
      if (number < 0) {
        LOG.log(Level.INFO, "no futex on {0} {1}: pipes that cross processes poll every"
            + " millisecond while they wait", System.getProperty("os.name"),
            System.getProperty("os.arch"));
        state = State.UNSUPPORTED;
        return;
      }
      LibC c = LibraryLoader.create(LibC.class).failImmediately().load("c");
      Runtime runtime = Runtime.getRuntime(c);
      ThreadLocal<Pointer> timespec = ThreadLocal.withInitial(
          () -> Memory.allocateDirect(runtime, 16, true));
      // A wake of a word nobody waits on answers 0: proof that the call works here.
      Pointer probe = Memory.allocateDirect(runtime, 8, true);
      if (c.syscall(number, probe.address(), FUTEX_WAKE, 1, 0, 0, 0) != 0) {
        throw new IllegalStateException("futex(FUTEX_WAKE) failed");
      }
      lib = new Native(c, number, timespec);
      state = State.READY;
    } catch (LinkageError | RuntimeException e) {
      LOG.log(Level.INFO, "native calls are not available: pipes that cross processes poll"
          + " every millisecond while they wait", e);
      state = State.UNSUPPORTED;
    }
  }

  /** The number of {@code futex} on this machine, or -1. */
  private static long syscallNumber() {
    if (!System.getProperty("os.name", "").startsWith("Linux")) {
      return -1;
    }
    return switch (System.getProperty("os.arch", "")) {
      case "amd64", "x86_64" -> 202;
      case "aarch64", "riscv64" -> 98;
      default -> -1;
    };
  }

  /**
   * Loads the native code on this thread and waits for it, for tests.
   *
   * @return whether futexes are available
   */
  static boolean loadNow() {
    warmUp();
    while (state == State.LOADING) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    return available();
  }
}
