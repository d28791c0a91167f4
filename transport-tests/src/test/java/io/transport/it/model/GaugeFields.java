package io.transport.it.model;

import java.util.List;
import java.util.Optional;

/**
 * Members whose getters fail on demand: the member named by {@code broken} throws. Shared by
 * {@link Gauge} (generated marshaller) and {@link PlainGauge} (registered at run time).
 */
public abstract class GaugeFields {
  private int id;
  private String reading;
  private List<String> tags;
  private Optional<String> note;
  private String label;
  private transient String broken;

  GaugeFields() {}

  GaugeFields(String broken) {
    this.id = 7;
    this.reading = "12.5";
    this.tags = List.of("a");
    this.note = Optional.of("calibrated");
    this.label = "main";
    this.broken = broken;
  }

  public int getId() {
    check("id");
    return id;
  }

  public void setId(int id) {
    this.id = id;
  }

  public String getReading() {
    check("reading");
    return reading;
  }

  public void setReading(String reading) {
    this.reading = reading;
  }

  public List<String> getTags() {
    check("tags");
    return tags;
  }

  public void setTags(List<String> tags) {
    this.tags = tags;
  }

  public Optional<String> getNote() {
    check("note");
    return note;
  }

  public void setNote(Optional<String> note) {
    this.note = note;
  }

  public String getLabel() {
    check("label");
    return label;
  }

  public void setLabel(String label) {
    this.label = label;
  }

  private void check(String member) {
    if (member.equals(broken)) {
      throw new IllegalStateException(member + " is broken");
    }
  }
}
