package dev.moat.interpreter.api;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyHashMap;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Boundary conversions of the embedding API, by copy in both directions. Java values become proxies
 * the language copies into tables; guest results (already copied by the language) become plain Java
 * values. Cycles and nesting deeper than {@link #MAX_DEPTH} are rejected.
 */
final class Values {
    static final int MAX_DEPTH = 100;

    private Values() {
    }

    /** Java → a value the guest side copies (primitives, strings, proxies of lists and maps). */
    static Object toGuest(Object v) {
        return toGuest(v, new IdentityHashMap<>(), 0);
    }

    /**
     * A host function's result → a value the guest copies. Failures are worded without the host's class
     * names, since the script sees them (SECURITY.md N2).
     */
    static Object resultToGuest(Object v) {
        try {
            return toGuest(v);
        } catch (MoatException e) {
            throw new IllegalStateException(e.getMessage().startsWith("unsupported input type")
                    ? "returned a value of a type Moat does not copy"
                    : e.getMessage().replace("input", "result"));
        }
    }

    private static Object toGuest(Object v, IdentityHashMap<Object, Boolean> active, int depth) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double
                || v instanceof Integer || v instanceof Short || v instanceof Byte || v instanceof Float || v instanceof Character) {
            return v;
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
                return n.longValue();
            }
            return d;
        }
        if (depth >= MAX_DEPTH) {
            throw new MoatException(MoatException.Kind.RUNTIME, "input nested too deeply", List.of());
        }
        if (active.put(v, Boolean.TRUE) != null) {
            throw new MoatException(MoatException.Kind.RUNTIME, "input contains a cycle", List.of());
        }
        try {
            if (v instanceof List<?> list) {
                Object[] items = new Object[list.size()];
                for (int i = 0; i < items.length; i++) {
                    items[i] = toGuest(list.get(i), active, depth + 1);
                }
                return ProxyArray.fromArray(items);
            }
            if (v.getClass().isArray()) {
                int n = Array.getLength(v);
                Object[] items = new Object[n];
                for (int i = 0; i < n; i++) {
                    items[i] = toGuest(Array.get(v, i), active, depth + 1);
                }
                return ProxyArray.fromArray(items);
            }
            if (v instanceof Map<?, ?> map) {
                Map<Object, Object> copy = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    copy.put(toGuest(e.getKey(), active, depth + 1), toGuest(e.getValue(), active, depth + 1));
                }
                return ProxyHashMap.from(copy);
            }
            if (v instanceof Record r) {
                Map<Object, Object> copy = new LinkedHashMap<>();
                for (RecordComponent c : r.getClass().getRecordComponents()) {
                    try {
                        copy.put(c.getName(), toGuest(c.getAccessor().invoke(r), active, depth + 1));
                    } catch (ReflectiveOperationException e) {
                        throw new MoatException(MoatException.Kind.RUNTIME, "unreadable record component " + c.getName(), List.of());
                    }
                }
                return ProxyHashMap.from(copy);
            }
        } finally {
            active.remove(v);
        }
        throw new MoatException(MoatException.Kind.RUNTIME, "unsupported input type " + v.getClass().getSimpleName(), List.of());
    }

    /** A guest value (copied by the language) → plain Java. */
    static Object toJava(Value v) {
        return toJava(v, 0);
    }

    private static Object toJava(Value v, int depth) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isString()) {
            return v.asString();
        }
        if (v.isNumber()) {
            if (v.fitsInLong() && isIntegerSubtype(v)) {
                return v.asLong();
            }
            return v.asDouble();
        }
        if (depth > MAX_DEPTH) {
            throw new MoatException(MoatException.Kind.RUNTIME, "result nested too deeply", List.of());
        }
        if (v.hasArrayElements() && v.getArraySize() > 0) {
            List<Object> list = new ArrayList<>();
            for (long i = 0; i < v.getArraySize(); i++) {
                list.add(toJava(v.getArrayElement(i), depth + 1));
            }
            return list;
        }
        if (v.hasHashEntries()) {
            Map<Object, Object> map = new LinkedHashMap<>();
            Value it = v.getHashEntriesIterator();
            while (it.hasIteratorNextElement()) {
                Value pair = it.getIteratorNextElement();
                map.put(toJava(pair.getArrayElement(0), depth + 1), toJava(pair.getArrayElement(1), depth + 1));
            }
            return map;
        }
        if (v.canExecute()) {
            throw new MoatException(MoatException.Kind.RUNTIME, "a function cannot be returned to the host", List.of());
        }
        throw new MoatException(MoatException.Kind.RUNTIME, "unsupported result value", List.of());
    }

    private static boolean isIntegerSubtype(Value v) {
        String s = v.toString();
        return s.indexOf('.') < 0 && s.indexOf('e') < 0 && s.indexOf('n') < 0;
    }
}
