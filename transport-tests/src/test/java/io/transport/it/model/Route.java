package io.transport.it.model;

import io.transport.annotations.Cid;
import java.util.List;

/**
 * Members that generated code reads and writes without the shared codecs: a nested final record,
 * an enum, and lists of records, enums and strings.
 */
@Cid("it.Route")
public record Route(Point start, Color color, List<Point> stops, List<Color> colors,
    List<String> tags) {}
