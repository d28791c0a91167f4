package io.transport.workers;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;

/**
 * A function that reads one stream and writes another: one stage of {@link Zone#go} or
 * {@link Zone#chain}. It travels to a worker like {@code Fn0}..{@code Fn4}, as a static method
 * reference or a lambda whose captured values are marshalled with it.
 *
 * <pre>{@code
 * StreamFn upper = (in, out) -> {
 *   byte[] b = in.readAllBytes();
 *   out.write(new String(b, UTF_8).toUpperCase().getBytes(UTF_8));
 * };
 * zone.go(upper, Files.newInputStream(src), Files.newOutputStream(dst)).get();
 * }</pre>
 *
 * <p>The streams are the worker's ends of pipes ({@link Pipe.Source} and {@link Pipe.Sink}). The
 * function need not close them: when it returns, the zone closes its output (the next stage
 * reads the end of the stream after the last byte); when it throws, the next stage reads an
 * {@link java.io.IOException} naming this stage and the cause instead.
 */
@FunctionalInterface
public interface StreamFn extends Serializable {

  /**
   * Reads {@code in} and writes {@code out}.
   *
   * @param in the input, to be read up to its end or as far as needed
   * @param out the output
   * @throws Exception any failure, which fails the stage
   */
  void run(InputStream in, OutputStream out) throws Exception;
}
