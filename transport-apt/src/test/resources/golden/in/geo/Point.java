package geo;

import io.transport.annotations.Cid;

@Cid
public record Point(double x, double y) {}
