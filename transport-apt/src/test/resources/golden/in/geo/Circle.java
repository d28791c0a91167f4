package geo;

import io.transport.annotations.Cid;

@Cid
public record Circle(Point center, double radius) implements Shape {}
