package io.transport.it.model;

import io.transport.annotations.Cid;
import java.util.Objects;

/** A subclass: inherited members come first. */
@Cid("it.Employee")
public class Employee extends Person {
  private String team;

  public Employee() {}

  public Employee(String name, int age, String team) {
    super(name, age);
    this.team = team;
  }

  public String getTeam() {
    return team;
  }

  public void setTeam(String team) {
    this.team = team;
  }

  @Override
  public boolean equals(Object o) {
    return super.equals(o) && Objects.equals(team, ((Employee) o).team);
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + Objects.hashCode(team);
  }
}
