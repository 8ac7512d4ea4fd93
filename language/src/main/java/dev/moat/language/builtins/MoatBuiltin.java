package dev.moat.language.builtins;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a builtin function: the node class implements it with typed specializations. A fixed-arity
 * builtin gets one argument child per specialization parameter (missing arguments read as nil); a
 * variadic one gets a single {@code Object[]} of all arguments, for functions that need to know how
 * many were passed or take any number.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MoatBuiltin {
    String name();

    boolean variadic() default false;

    /**
     * A function no global or library field holds (ipairs' iterator): Lua names it '?' in argument errors
     * when no call site names it, as luaL_argerror finds no global name for it.
     */
    boolean anonymous() default false;
}
