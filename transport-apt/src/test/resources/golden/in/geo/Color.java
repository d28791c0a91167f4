package geo;

import io.transport.annotations.Cid;

@Cid("geo.Color")
public enum Color { RED, GREEN, BLUE }
