package io.transport.benchmarks.pipes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Proves the pipe benchmarks run: every state sets up, each benchmark method runs a few times,
 * and the tear-down checks that every byte written was read. Measures nothing.
 */
@Timeout(120)
class PipeBenchmarksSmokeTest {
  private final PipeBenchmark benchmark = new PipeBenchmark();

  @Test
  void threadPipeAndItsPeer() throws Exception {
    for (int size : new int[] {65536, 64}) {
      PipeBenchmark.ThreadPipe pipe = new PipeBenchmark.ThreadPipe();
      pipe.size = size;
      pipe.setUp();
      for (int i = 0; i < 20; i++) {
        assertEquals(size, benchmark.threadPipe(pipe));
      }
      pipe.tearDown();
      PipeBenchmark.NioPipe nio = new PipeBenchmark.NioPipe();
      nio.size = size;
      nio.setUp();
      for (int i = 0; i < 20; i++) {
        assertEquals(size, benchmark.nioPipe(nio));
      }
      nio.tearDown();
    }
  }

  @Test
  void processPipeAndItsPeer() throws Exception {
    PipeBenchmark.ProcessPipe pipe = new PipeBenchmark.ProcessPipe();
    pipe.size = 65536;
    pipe.setUp();
    for (int i = 0; i < 20; i++) {
      assertEquals(65536, benchmark.processPipe(pipe));
    }
    pipe.tearDown();
    PipeBenchmark.Socket socket = new PipeBenchmark.Socket();
    socket.size = 64;
    socket.setUp();
    for (int i = 0; i < 20; i++) {
      assertEquals(64, benchmark.socket(socket));
    }
    socket.tearDown();
  }

  @Test
  void chainAndItsSlowestStage() throws Exception {
    PipeChainBenchmark chain = new PipeChainBenchmark();
    chain.mib = 1;
    chain.setUp();
    try {
      assertEquals(1 << 20, chain.chain());
      assertEquals(1 << 20, chain.slowestStage());
    } finally {
      chain.tearDown();
    }
  }

  @Test
  void idlePipeCpuIsMeasured() throws Exception {
    io.transport.workers.Pipe pipe = io.transport.workers.Pipe.open();
    long cpu = IdlePipeCpu.blockedReaderCpu(pipe.source(), 200_000_000L);
    assertEquals(true, cpu >= 0, "CPU time " + cpu);
    pipe.sink().close();
  }
}
