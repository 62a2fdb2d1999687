#!/usr/bin/env python3
"""Fits the timing plugin's costs to measured times (least squares, non-negative).

usage: plugins/timing-fit.py WEIGHTS_OUT FEATURES_FILE SECONDS [FEATURES_FILE SECONDS ...]

Each FEATURES_FILE is what the timing plugin wrote with features=FILE for one program run;
SECONDS is how long that program took on the machine to model (a board, or this host). The
events are grouped (integer, memory, multiply/divide, floating point, instruction-side misses,
data-side misses), each group's default costs scaled by one fitted factor, plus a constant
per run (start-up), which minimise the squared relative errors of the estimates; WEIGHTS_OUT
gets seconds per event (and "start") for weights=FILE.
Prints each program's estimate and error, and the errors when each program is left out of its
own fit (what to expect of a program the fit has not seen)."""
import sys

# the plugin's default costs (cycles) and the group each event's factor belongs to
DEFAULT = {"load": 1, "store": 1, "branch": 1, "jump": 2, "integer": 1, "multiply": 3, "divide": 20,
           "atomic": 10, "fp load": 1, "fp store": 1, "fp arith": 4, "fp fused": 5, "fp divide": 20,
           "fp convert": 3, "fence": 5, "system": 10, "other": 1, "icache miss": 20, "dcache miss": 20,
           "itlb miss": 30, "dtlb miss": 30}
GROUP = {"integer": 0, "branch": 0, "jump": 0, "other": 0, "fence": 0, "system": 0,
         "load": 1, "store": 1, "atomic": 1, "fp load": 1, "fp store": 1,
         "multiply": 2, "divide": 2, "fp arith": 3, "fp fused": 3, "fp divide": 3, "fp convert": 3,
         "icache miss": 4, "itlb miss": 4, "dcache miss": 5, "dtlb miss": 5}
NGROUPS = 7  # the last: a constant per run (process start-up and exit, which no event counts)


def read_features(path):
    feats = {}
    for line in open(path):
        name, _, count = line.rstrip("\n").rpartition("\t")
        feats[name] = int(count)
    missing = set(DEFAULT) - set(feats)
    if missing:
        raise ValueError("%s lacks %s" % (path, ", ".join(sorted(missing))))
    return feats


def row(feats):
    """per group: the program's default-cost cycles in it"""
    r = [0.0] * NGROUPS
    for name, cycles in DEFAULT.items():
        r[GROUP[name]] += cycles * feats[name]
    r[NGROUPS - 1] = 1.0
    return r


def solve(a, b):
    """least squares of a small full system by its normal equations; None when singular"""
    n = len(a[0])
    m = [[sum(r[i] * r[j] for r in a) for j in range(n)] + [sum(r[i] * y for r, y in zip(a, b))] for i in range(n)]
    for c in range(n):
        p = max(range(c, n), key=lambda k: abs(m[k][c]))
        if abs(m[p][c]) < 1e-300:
            return None
        m[c], m[p] = m[p], m[c]
        for k in range(n):
            if k != c:
                f = m[k][c] / m[c][c]
                m[k] = [x - f * y for x, y in zip(m[k], m[c])]
    return [m[i][n] / m[i][i] for i in range(n)]


def nnls(a, b):
    """non-negative least squares (Lawson and Hanson's active set, for a handful of unknowns)"""
    n = len(a[0])
    x, free = [0.0] * n, set()
    for _ in range(10 * n):
        resid = [y - sum(r[j] * x[j] for j in range(n)) for r, y in zip(a, b)]
        grad = [sum(r[j] * e for r, e in zip(a, resid)) for j in range(n)]
        cand = [j for j in range(n) if j not in free and grad[j] > 1e-12 * (1 + abs(grad[j]))]
        if not cand:
            break
        free.add(max(cand, key=lambda j: grad[j]))
        while True:
            cols = sorted(free)
            z = solve([[r[j] for j in cols] for r in a], b) or [0.0] * len(cols)
            if all(v > 0 for v in z):
                for j, v in zip(cols, z):
                    x[j] = v
                break
            alpha = min(x[j] / (x[j] - v) for j, v in zip(cols, z) if v <= 0 and x[j] - v > 0) if any(
                v <= 0 and x[j] - v > 0 for j, v in zip(cols, z)) else 0.0
            for j, v in zip(cols, z):
                x[j] += alpha * (v - x[j])
            free = {j for j in free if x[j] > 1e-15}
            if not free:
                break
    return x


def fit(rows, seconds):
    """group factors (seconds per default cycle) minimising the squared relative errors"""
    return nnls([[v / t for v in r] for r, t in zip(rows, seconds)], [1.0] * len(rows))


def estimate(factors, r):
    return sum(f * v for f, v in zip(factors, r))


def weights(factors):
    w = {name: factors[GROUP[name]] * cycles for name, cycles in DEFAULT.items()}
    w["start"] = factors[NGROUPS - 1]
    return w


def main(argv):
    if len(argv) < 4 or len(argv) % 2:
        sys.exit(__doc__)
    out, pairs = argv[1], [(argv[i], float(argv[i + 1])) for i in range(2, len(argv), 2)]
    rows = [row(read_features(p)) for p, _ in pairs]
    secs = [t for _, t in pairs]
    factors = fit(rows, secs)
    with open(out, "w") as f:
        for name, w in weights(factors).items():
            f.write("%s\t%.6e\n" % (name, w))
    loo = []
    for i, (p, t) in enumerate(pairs):
        others = [k for k in range(len(pairs)) if k != i]
        e = estimate(factors, rows[i])
        if len(others) >= NGROUPS:
            f_i = fit([rows[k] for k in others], [secs[k] for k in others])
            loo.append(abs(estimate(f_i, rows[i]) - t) / t)
        print("%-40s measured %.4f s, estimate %.4f s (%+.1f%%)" % (p, t, e, 100 * (e - t) / t))
    if loo:
        print("left-out error: mean %.1f%%, worst %.1f%%" % (100 * sum(loo) / len(loo), 100 * max(loo)))


if __name__ == "__main__":
    main(sys.argv)
