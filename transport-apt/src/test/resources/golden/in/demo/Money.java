package demo;

import io.transport.TransportableObject;
import io.transport.annotations.Cid;

@Cid("demo.Money")
public final class Money extends TransportableObject {
  private long cents;

  public Money() {}

  @Override
  public void save(Output out) {
    out.put("cents", cents);
  }

  @Override
  public void load(Input in) {
    cents = in.get("cents", Long.class);
  }
}
