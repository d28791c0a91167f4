package io.transport.it.model;

import io.transport.annotations.Cid;
import java.util.Objects;

/** A JavaBean: private fields with getters and setters, a transient cache, a self reference. */
@Cid("it.Person")
public class Person {
  private String name;
  private int age;
  private boolean admin;
  private Person friend;
  private transient String cache = "not marshalled";

  public Person() {}

  public Person(String name, int age) {
    this.name = name;
    this.age = age;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public int getAge() {
    return age;
  }

  public void setAge(int age) {
    this.age = age;
  }

  public boolean isAdmin() {
    return admin;
  }

  public void setAdmin(boolean admin) {
    this.admin = admin;
  }

  public Person getFriend() {
    return friend;
  }

  public void setFriend(Person friend) {
    this.friend = friend;
  }

  public String cache() {
    return cache;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Person p && p.getClass() == getClass() && Objects.equals(name, p.name)
        && age == p.age && admin == p.admin && Objects.equals(friend, p.friend);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, age, admin, friend);
  }
}
