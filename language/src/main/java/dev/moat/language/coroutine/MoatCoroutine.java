package dev.moat.language.coroutine;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import dev.moat.language.runtime.MoatCoroutineMarker;
import dev.moat.language.runtime.MoatError;
import dev.moat.language.runtime.MoatFunction;

import java.util.concurrent.Semaphore;

/**
 * A coroutine ("thread" in Lua). Each one runs its body on its own Truffle virtual thread — never a
 * platform thread per coroutine — and control passes between resumer and coroutine by a strict
 * handoff on two semaphores, so exactly one of them runs at any time and all guest code stays
 * single-threaded in effect. See {@link Coroutines} for resume/yield.
 */
@ExportLibrary(InteropLibrary.class)
public final class MoatCoroutine implements TruffleObject, MoatCoroutineMarker {
    public enum Status {
        SUSPENDED("suspended"), RUNNING("running"), NORMAL("normal"), DEAD("dead");

        public final String luaName;

        Status(String luaName) {
            this.luaName = luaName;
        }
    }

    final MoatFunction body;
    volatile Status status = Status.SUSPENDED;
    Thread thread;
    /** Values passed by resume (in) or by yield/return (out). */
    volatile Object[] transfer;
    /** The error the body ended with: a MoatError or a non-catchable exception to re-raise. */
    volatile Throwable failure;
    /** The error this coroutine died with, until coroutine.close reports it. */
    MoatError deathError;
    volatile boolean killed;
    volatile boolean killRunsClose;
    final Semaphore toCoroutine = new Semaphore(0);
    final Semaphore toResumer = new Semaphore(0);
    /** Guest call depth saved while this coroutine is not running. */
    int savedDepth;
    MoatCoroutine resumer;
    final boolean isMain;

    MoatCoroutine(MoatFunction body, boolean isMain) {
        this.body = body;
        this.isMain = isMain;
        if (isMain) {
            status = Status.RUNNING;
        }
    }

    /** How many builtin-to-Lua calls (C-call boundaries) are active in this coroutine. */
    private int nonYieldable;

    public void enterNonYieldable() {
        nonYieldable++;
    }

    public void exitNonYieldable() {
        nonYieldable--;
    }

    /** lua_isyieldable: a coroutine, not inside a callback from a builtin. */
    public boolean isYieldable() {
        return !isMain && nonYieldable == 0;
    }

    public Status getStatus() {
        return status;
    }

    public boolean isMain() {
        return isMain;
    }

    @ExportMessage
    Object toDisplayString(boolean allowSideEffects) {
        return "thread";
    }
}
