package io.transport.benchmarks.zones;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A raw Unix-domain-socket ping-pong with a second JVM running {@link EchoMain}: the floor under
 * a PROCESS zone's round trip. Not thread-safe; one caller at a time.
 */
final class EchoPeer implements AutoCloseable {
  /** Bytes of a frame: {@code [int length][int value]}, as small as a zone's header. */
  static final int FRAME = 2 * Integer.BYTES;

  private final Path directory;
  private final Process process;
  private final SocketChannel channel;
  private final ByteBuffer frame = ByteBuffer.allocateDirect(FRAME);

  private EchoPeer(Path directory, Process process, SocketChannel channel) {
    this.directory = directory;
    this.process = process;
    this.channel = channel;
  }

  /** Starts the echo JVM with this JVM's class path and waits until it connected. */
  static EchoPeer start() throws IOException, InterruptedException {
    Path directory = Files.createTempDirectory("transport-echo-");
    Path socket = directory.resolve("echo.sock");
    Process process = null;
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      server.configureBlocking(false);
      process = new ProcessBuilder(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"),
          EchoMain.class.getName(), socket.toString()))
          .inheritIO()
          .start();
      long deadline = System.nanoTime() + 30_000_000_000L;
      SocketChannel channel = server.accept();
      while (channel == null) {
        if (!process.isAlive()) {
          throw new IOException("the echo JVM exited with code " + process.exitValue());
        }
        if (System.nanoTime() > deadline) {
          throw new IOException("the echo JVM did not connect within 30 s");
        }
        Thread.sleep(5);
        channel = server.accept();
      }
      channel.configureBlocking(true);
      return new EchoPeer(directory, process, channel);
    } catch (IOException | InterruptedException | RuntimeException e) {
      if (process != null) {
        process.destroyForcibly();
      }
      throw e;
    } finally {
      Files.deleteIfExists(socket);
    }
  }

  /** Sends {@code x} and returns the echo's answer, {@code x + 1}. */
  int call(int x) throws IOException {
    frame.clear();
    frame.putInt(Integer.BYTES).putInt(x).flip();
    while (frame.hasRemaining()) {
      channel.write(frame);
    }
    frame.clear();
    while (frame.hasRemaining()) {
      if (channel.read(frame) < 0) {
        throw new IOException("the echo JVM closed the connection");
      }
    }
    return frame.getInt(Integer.BYTES);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    channel.close();
    if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    Files.deleteIfExists(directory);
  }
}
