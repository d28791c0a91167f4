package geo;

import io.transport.annotations.Cid;

@Cid("geo.Square")
public record Square(Point corner, double side) implements Shape {}
