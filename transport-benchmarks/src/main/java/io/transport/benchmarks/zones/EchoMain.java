package io.transport.benchmarks.zones;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The other end of the raw socket peer ({@link EchoPeer}): a JVM that connects to a Unix domain
 * socket and answers every {@value EchoPeer#FRAME}-byte frame {@code [int length = 4][int x]}
 * with {@code [4][x + 1]} on the thread that read it, until the stream ends. It is what a zone's
 * round trip would cost with no framework at all: one blocking read and one write per side.
 */
public final class EchoMain {
  private EchoMain() {}

  /**
   * Runs the echo.
   *
   * @param args the socket path
   * @throws IOException if the socket cannot be reached
   */
  public static void main(String[] args) throws IOException {
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(args[0]))) {
      ByteBuffer frame = ByteBuffer.allocateDirect(EchoPeer.FRAME);
      while (true) {
        frame.clear();
        while (frame.hasRemaining()) {
          if (channel.read(frame) < 0) {
            return;
          }
        }
        frame.putInt(Integer.BYTES, frame.getInt(Integer.BYTES) + 1).flip();
        while (frame.hasRemaining()) {
          channel.write(frame);
        }
      }
    }
  }
}
