# The reference bounds of accum.clopper_pearson_large_n (tests/unit/test_accum.c), worked with
# mpmath at 35 digits: the binomial tails summed term by term, the roots by the Illinois method.
# Run: python3 tests/unit/clopper_pearson_reference.py (about ten minutes; needs mpmath).
import sys
import mpmath as mp

mp.mp.dps = 35

def cdf(m, n, p):
    """P(X <= m) for X ~ Binomial(n, p), every term."""
    t = mp.exp(n * mp.log1p(-p))
    s = t
    r = p / (1 - p)
    for j in range(1, m + 1):
        t *= (n - j + 1) * r / j
        s += t
    return s

def solve(f, target, a, b):
    return mp.findroot(lambda p: f(p) - target, (a, b), solver='illinois', tol=mp.mpf(10) ** -60, maxsteps=200)

def clopper_pearson(k, n):
    n = mp.mpf(n)
    ph = mp.mpf(k) / n
    sd = mp.sqrt(ph * (1 - ph) / n) + 1 / n
    lo = 0 if k == 0 else solve(lambda p: cdf(k - 1, n, p), mp.mpf('0.975'), max(ph - 8 * sd, ph / 100), ph)
    hi = solve(lambda p: cdf(k, n, p), mp.mpf('0.025'), ph, ph + 8 * sd)
    return lo, hi

for k, n in [(1000, 100001), (1000, 10**6), (1000, 10**9), (19999, 100001), (19999, 10**6), (19999, 10**9), (19999, 10**15)]:
    lo, hi = clopper_pearson(k, n)
    print(k, n, mp.nstr(lo, 20), mp.nstr(hi, 20))
    sys.stdout.flush()
