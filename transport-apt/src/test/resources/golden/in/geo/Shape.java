package geo;

import io.transport.annotations.Cid;

@Cid
public sealed interface Shape permits Circle, Square {}
