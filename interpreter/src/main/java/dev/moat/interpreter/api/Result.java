package dev.moat.interpreter.api;

import java.time.Duration;
import java.util.List;

/**
 * What a run produced: the returned values (copied to plain Java values: null, Boolean, Long, Double,
 * String, List, Map), the output written by print/io.write, and the meters.
 */
public record Result(List<Object> values, String output, long instructions, long bytesAllocated, Duration duration) {
    /** The first returned value, or null. */
    public Object value() {
        return values.isEmpty() ? null : values.get(0);
    }
}
