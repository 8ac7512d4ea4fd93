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
     * A thin builtin (a few type checks around one operation or one out-of-line call): its root is
     * {@link com.oracle.truffle.api.nodes.RootNode#isTrivial() trivial}, so Graal inlines it at every
     * compiled call site, in the first tier too and whatever the inlining budget has left. Without that,
     * a large loop that used up the budget (or any first-tier compilation) called {@code string.byte}
     * or {@code math.floor} out of line, and each new argument type seen by such a shared builtin
     * invalidated every compiled caller (Truffle's argument-type profile of the callee). Builtins that
     * loop over guest data or call guest functions as their main job (sort, concat, gsub, pcall) are not
     * trivial.
     */
    boolean trivial() default false;
}
