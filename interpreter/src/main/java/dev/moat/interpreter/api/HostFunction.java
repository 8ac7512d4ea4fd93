package dev.moat.interpreter.api;

import java.util.List;

/**
 * A function the host exposes to scripts by name. It receives copies of the arguments as plain Java
 * values (null, Boolean, Long, Double, String, List, Map) and returns such a value (or a record, array,
 * List or Map of them). An exception becomes a catchable script error with the exception's message.
 */
@FunctionalInterface
public interface HostFunction {
    Object apply(List<Object> arguments) throws Exception;
}
