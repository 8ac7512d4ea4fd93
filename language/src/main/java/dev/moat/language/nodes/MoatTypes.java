package dev.moat.language.nodes;

import com.oracle.truffle.api.dsl.TypeSystem;

/**
 * The primitive types nodes specialise on: Lua integers are {@code long}, floats {@code double}.
 * There are no implicit casts: Lua compares integers and floats exactly, so mixed cases are written out
 * as their own specializations.
 */
@TypeSystem({long.class, double.class, boolean.class})
public abstract class MoatTypes {
}
