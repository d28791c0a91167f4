package io.transport.it.model;

/** {@link GaugeFields} without {@code @Cid}, for {@code Transport.register}. */
public class PlainGauge extends GaugeFields {
  public PlainGauge() {}

  public PlainGauge(String broken) {
    super(broken);
  }
}
