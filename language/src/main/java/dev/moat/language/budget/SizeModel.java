package dev.moat.language.budget;

/**
 * The documented, deterministic size model used for the memory budget. Sizes approximate a 64-bit JVM
 * with compressed references; what matters is that they are the same on every run and machine.
 * <ul>
 * <li>table: 64 bytes + 16 per array slot + 32 per hash entry</li>
 * <li>a key added to an existing table (assignment, rawset): 32 bytes, whichever part stores it</li>
 * <li>string: 32 bytes + 1 per byte, for every string produced (a..b is charged its full result, as Lua
 * allocates it; a chain a..b..c is charged once)</li>
 * <li>closure: 32 bytes + 24 per upvalue (cell)</li>
 * <li>coroutine: 512 bytes</li>
 * <li>suspended coroutine stack: 1024 bytes per Lua call level, charged when a coroutine yields deeper
 * (counted from its body) than it ever yielded before, since its frames are then kept on the heap</li>
 * </ul>
 */
public final class SizeModel {
    private SizeModel() {
    }

    public static long table(int arraySlots, int hashEntries) {
        return 64L + 16L * arraySlots + 32L * hashEntries;
    }

    public static long arraySlots(long n) {
        return 16L * n;
    }

    public static long hashEntries(long n) {
        return 32L * n;
    }

    public static long string(long bytes) {
        return 32L + bytes;
    }

    public static long closure(int upvalues) {
        return 32L + 24L * upvalues;
    }

    public static final long COROUTINE = 512;

    /** A key added to an existing table by assignment or rawset. */
    public static final long NEW_ENTRY = 32;

    public static final long SUSPENDED_CALL_LEVEL = 1024;
}
