package io.transport.it.model;

import io.transport.TransportableObject;
import io.transport.annotations.Cid;

/** Marshals itself by hand. */
@Cid("it.Money")
public final class Money extends TransportableObject {
  private long cents;
  private String currency;

  public Money() {}

  public Money(long cents, String currency) {
    this.cents = cents;
    this.currency = currency;
  }

  @Override
  public void save(Output out) {
    out.put("cents", cents).put("currency", currency);
  }

  @Override
  public void load(Input in) {
    cents = in.get("cents", long.class);
    currency = in.get("currency", String.class);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Money m && m.cents == cents && m.currency.equals(currency);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(cents) * 31 + currency.hashCode();
  }
}
