package geo;

import io.transport.annotations.Cid;
import java.util.List;
import java.util.Map;

@Cid
public record Box<T, N extends Number>(T value, N number, List<T> items, Map<String, N> byName,
    T[] array) {}
