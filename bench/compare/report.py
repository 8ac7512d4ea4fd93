#!/usr/bin/env python3
"""Summarise compare.sh results: results.md (tables) and ratios.png (chart).

usage: report.py RESULTS_DIR OUTPUT_DIR
Ratios are relative to LuaJIT (time / luajit time; higher = slower).
"""
import json
import math
import os
import re
import statistics
import sys

REF = "luajit"
rcs = {}
CHECK_REF = "lua5.4"


def read(path, default=None):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return default


def last_line(text):
    lines = [l for l in (text or "").splitlines() if l.strip()]
    return lines[-1].strip() if lines else ""


def geomean(xs):
    xs = [x for x in xs if x and x > 0]
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def steady_of_best_process(res, impl, p):
    """(median of the last half of the iterations, iterations) of the fastest steady-state process, or None.

    One file per process (steady-IMPL-PROG.procK.txt; steady-IMPL-PROG.txt from runs before STEADY_PROCS).
    The best process, not the mean: a process can run in a slower mode for its whole life (LuaJIT's towers
    takes 0.22 or 0.41 s from one process to the next), and the best is what the implementation can do.
    """
    names = [n for n in os.listdir(res)
             if re.fullmatch(re.escape(f"steady-{impl}-{p}") + r"(\.proc\d+)?\.txt", n)]
    results = []
    for name in names:
        st = read(os.path.join(res, name))
        ts = [float(l.split()[2]) for l in (st or "").splitlines() if l.startswith("iteration ")]
        if ts:
            half = ts[len(ts) // 2:]  # last half: after warm-up
            results.append((statistics.median(half), len(ts)))
    return min(results) if results else None


def load(res):
    impls, missing = [], []
    for line in (read(os.path.join(res, "impls.tsv"), "") or "").splitlines():
        parts = line.split("\t")
        (impls if parts[1] == "OK" else missing).append(parts[0])
    progs = [p for p in read(os.path.join(res, "programs.txt"), "").split() if p]
    whole, steady, outs, ok = {}, {}, {}, {}
    global rcs
    for impl in impls:
        for p in progs:
            key = (impl, p)
            rc = read(os.path.join(res, f"rc-{impl}-{p}.txt"))
            if rc is None:
                continue  # not run (yet)
            outs[key] = last_line(read(os.path.join(res, f"out-{impl}-{p}.txt")))
            ok[key] = rc.strip() == "0"
            rcs[key] = rc.strip()
            hf = read(os.path.join(res, f"hf-{impl}-{p}.json"))
            if hf and ok[key]:
                r = json.loads(hf)["results"][0]
                whole[key] = (r["mean"], r.get("stddev") or 0.0)
            if ok[key]:
                best = steady_of_best_process(res, impl, p)
                if best:
                    steady[key] = best
    return impls, missing, progs, whole, steady, outs, ok


def status(impl, p, outs, ok):
    if (impl, p) not in ok:
        return ""
    if not ok[(impl, p)]:
        rc = rcs.get((impl, p), "?")
        return "TIMEOUT" if rc in ("124", "137", "143") else f"FAIL (exit {rc})"
    ref = outs.get((CHECK_REF, p))
    if ref is not None and outs.get((impl, p)) != ref:
        return "MISMATCH"
    return ""


def table(title, impls, progs, data, outs, ok, note):
    ref_ok = REF in impls
    lines = [f"### {title}", "", note, ""]
    lines.append("| program | " + " | ".join(impls) + " |")
    lines.append("|---|" + "---:|" * len(impls))
    ratios = {i: [] for i in impls}
    times = {i: [] for i in impls}
    for p in progs:
        cells = []
        ref = data.get((REF, p))
        for i in impls:
            v = data.get((i, p))
            st = status(i, p, outs, ok)
            if v is None:
                cells.append(st or "–")
                continue
            t = v[0]
            times[i].append(t)
            cell = f"{t:.3f}"
            if ref_ok and ref and ref[0] > 0:
                r = t / ref[0]
                ratios[i].append(r)
                cell += f" ({r:.2f}×)"
            if st:
                cell += f" **{st}**"
            cells.append(cell)
        lines.append(f"| {p} | " + " | ".join(cells) + " |")
    gm = []
    for i in impls:
        g, gt = geomean(ratios[i]), geomean(times[i])
        if g is not None:
            gm.append(f"{gt:.3f} ({g:.2f}×)")
        elif gt is not None:
            gm.append(f"{gt:.3f}")
        else:
            gm.append("–")
    lines.append("| **geomean** | " + " | ".join(gm) + " |")
    lines.append("")
    return "\n".join(lines), ratios


def png_matplotlib(path, impls, progs, ratios_by_impl):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(max(8, len(progs) * 0.9), 5))
    w = 0.8 / max(1, len(impls))
    for k, i in enumerate(impls):
        xs = [j + k * w for j in range(len(progs))]
        ax.bar(xs, [ratios_by_impl[i].get(p, 0) for p in progs], w, label=i)
    ax.set_xticks([j + w * (len(impls) - 1) / 2 for j in range(len(progs))])
    ax.set_xticklabels(progs, rotation=45, ha="right")
    ax.set_yscale("log")
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.set_ylabel(f"time / {REF} time (whole process, log scale)")
    ax.set_title("Lua implementations relative to LuaJIT (lower is faster)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)


def png_plain(path, impls, progs, ratios_by_impl):
    """Dependency-free fallback: grouped bars on a log scale, no text.
    Colours (in implementation order): blue, orange, green, red, purple."""
    import struct
    import zlib
    colours = [(31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189)]
    W, H, pad = 60 * max(1, len(progs)) + 40, 400, 20
    img = [[(255, 255, 255)] * W for _ in range(H)]
    vals = [v for i in impls for v in ratios_by_impl[i].values() if v > 0] or [1.0]
    lo, hi = math.log10(min(min(vals), 1.0) / 1.5), math.log10(max(max(vals), 1.0) * 1.5)

    def y_of(v):
        return int(H - pad - (math.log10(v) - lo) / (hi - lo) * (H - 2 * pad))

    for x in range(W):
        img[y_of(1.0)][x] = (0, 0, 0)
    bw = max(1, 48 // max(1, len(impls)))
    for j, p in enumerate(progs):
        for k, i in enumerate(impls):
            v = ratios_by_impl[i].get(p)
            if not v:
                continue
            x0 = 30 + j * 60 + k * bw
            y0, yb = sorted((y_of(v), H - pad))
            for y in range(max(0, y0), min(H, yb)):
                for x in range(x0, min(W, x0 + bw - 1)):
                    img[y][x] = colours[k % len(colours)]
    raw = b"".join(b"\x00" + bytes(c for px in row for c in px) for row in img)

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))


def main():
    res, outdir = sys.argv[1], sys.argv[2]
    impls, missing, progs, whole, steady, outs, ok = load(res)
    machine = read(os.path.join(res, "machine.txt"), "").strip()
    md = ["# Moat benchmark comparison", "", "```", machine, "```", ""]
    if missing:
        md += [f"Not available (skipped): {', '.join(missing)}", ""]
    t1, ratios = table("Whole process (hyperfine mean, seconds)", impls, progs, whole, outs, ok,
                       f"Includes start-up. Ratio in parentheses = time / {REF} time. "
                       f"MISMATCH = output line differs from {CHECK_REF}; FAIL = non-zero exit.")
    t2, _ = table("Steady state (median of the last half of in-process iterations, best of the processes, os.clock seconds)",
                  impls, progs, steady, outs, ok,
                  "Each program runs run(N) several times in one process (arg[2]), in STEADY_PROCS "
                  "processes; start-up and early (interpreted/warming) iterations are excluded, and the "
                  "fastest process counts.")
    md += [t1, t2]
    bad = [(i, p, outs.get((i, p)), outs.get((CHECK_REF, p))) for i in impls for p in progs
           if status(i, p, outs, ok)]
    if bad:
        md += ["### Output problems", ""]
        for i, p, got, want in bad:
            md.append(f"- {i} {p}: got `{got}`, expected `{want}`")
        md.append("")
    with open(os.path.join(outdir, "results.md"), "w") as f:
        f.write("\n".join(md))
    by_impl = {i: {} for i in impls}
    for (i, p), (t, _) in whole.items():
        ref = whole.get((REF, p))
        if ref and ref[0] > 0:
            by_impl[i][p] = t / ref[0]
    png = os.path.join(outdir, "ratios.png")
    try:
        png_matplotlib(png, impls, progs, by_impl)
    except ImportError:
        png_plain(png, impls, progs, by_impl)
    print("\n".join(md))


if __name__ == "__main__":
    main()
