package dev.moat.language.runtime;

/**
 * What {@code collectgarbage} reports to a script. Moat has no guest collector of its own (guest objects
 * live on the host heap, which a script must never steer, SECURITY.md B8), so the options only update
 * this per-context record and answer as Lua 5.4 would: deterministic, and with no effect on the host.
 */
public final class GuestGcState {
    public boolean running = true;
    /** lua5.4 (the standalone interpreter) switches to generational mode at startup. */
    public String mode = "generational";
    public long pause = 200;
    public long stepMultiplier = 100;
}
