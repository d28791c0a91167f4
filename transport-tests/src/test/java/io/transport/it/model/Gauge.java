package io.transport.it.model;

import io.transport.annotations.Cid;

/** {@link GaugeFields} with generated code. */
@Cid("it.Gauge")
public class Gauge extends GaugeFields {
  public Gauge() {}

  public Gauge(String broken) {
    super(broken);
  }
}
