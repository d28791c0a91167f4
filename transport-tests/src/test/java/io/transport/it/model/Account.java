package io.transport.it.model;

import io.transport.annotations.Cid;

/** Immutable, built through the constructor marked as creator. */
@Cid("it.Account")
public final class Account {
  public final String id;
  public final long cents;
  String note;

  @Cid.Creator
  public Account(String id, long cents) {
    if (cents < 0) {
      throw new IllegalArgumentException("negative balance: " + cents);
    }
    this.id = id;
    this.cents = cents;
  }

  public String note() {
    return note;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Account a && a.id.equals(id) && a.cents == cents
        && java.util.Objects.equals(note, a.note);
  }

  @Override
  public int hashCode() {
    return id.hashCode() * 31 + Long.hashCode(cents);
  }
}
