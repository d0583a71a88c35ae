"""The simulation kernel: the department's counts for R runs at once and the monthly steps.

State (runs on the last, contiguous axis): ``S`` (L + 1, F, R) holds the individual
contributors of each function in ``S[0]`` and the managers of function level ``l`` in
``S[l + 1]``, so a level and the level it manages are neighbouring slices (``N = S[:la]``
reports to ``M = S[1:la + 1]``) and every level is measured in one operation; ``d``
(G, R) holds the director levels. The rules are those of :mod:`orglib.sim._driver`'s
docstring; this module only makes them fast:

* **measure** computes every level's over/under counts without a division
  (``over = clip(n - max·m, 0, m)``, ``under = clip(min·m - n, 0, m)`` for ``n`` reports
  spread over ``m`` managers) and the smallest/largest span from the extreme ratios;
* **restructure** runs the first pass over all runs and the further passes only over the
  runs the previous pass changed (a pass that changes nothing in a run changes nothing in
  the next one), keeping the one cross-run coupling of the rules exact: a pass walks the
  function levels up to the deepest level of *any* run;
* the binomial draws stay ``Generator.binomial`` calls over whole arrays in a fixed
  order, so the same seed gives the same numbers.
"""

from __future__ import annotations

import math

import numpy as np

from .._core import OrgInputError
from ._policy import SpanPolicy
from ._start import StartState

__all__ = ["Kernel", "rank_factor"]


COUNT = np.int32
"""dtype of the counts: half the memory traffic of int64; bounded by MAX_HEADCOUNT × the
largest span (10**7 × 100 < 2**31), so no product of the rules overflows."""


def rank_factor(step: float, rank: int) -> float:
    """``step ** rank``, or ``inf`` past the float range (a chain of ~2,100 layers at 1.4).

    >>> rank_factor(1.4, 2), rank_factor(1.4, 5000)
    (1.9599999999999997, inf)
    """
    try:
        return step ** rank
    except OverflowError:
        return math.inf


def _ceil_div(a: np.ndarray, b: int | np.ndarray) -> np.ndarray:
    return -((-a) // b)


# --------------------------------------------------------------------- kernel
class Kernel:
    """Vectorized state of R runs; methods mutate it in place.

    ``ic`` (F, R) and ``m`` (L, F, R) are views of ``S`` (L + 1, F, R); ``d`` (G, R).
    """

    G = 8

    def __init__(self, st: StartState, runs: int, policy: SpanPolicy, levels: int,
                 rng: np.random.Generator):
        self.R, self.F = runs, len(st.functions)
        self.L = levels
        self.pol = policy
        self.rng = rng
        self.h = st.head
        self.h_eff = max(st.head, 1)
        self.flat0 = st.functions["flat"].to_numpy(dtype=bool)[:, None]
        self.S = np.zeros((levels + 1, self.F, runs), dtype=COUNT)
        self.S[0] = st.ic[:, None]
        self.S[1:1 + st.m.shape[1]] = st.m.T[:, :, None]
        self.ic = self.S[0]
        self.m = self.S[1:]
        self.d = np.zeros((self.G, runs), dtype=COUNT)
        self.promoted = np.zeros(runs, dtype=np.int64)
        self.ext = np.zeros(runs, dtype=np.int64)
        self.rows = np.arange(runs)
        self.hi = max(1, st.m.shape[1])  # levels at or above hi are zero in every run
        self._update_active()

    # --- active levels
    @staticmethod
    def _top(arr: np.ndarray) -> int:
        """1 + the highest index along axis 0 with a non-zero entry (0 if none)."""
        k = arr.shape[0]
        if k == 0:
            return 0
        has = arr.reshape(k, -1).any(axis=1)
        nz = np.flatnonzero(has)
        return int(nz[-1]) + 1 if nz.size else 0

    def _update_active(self) -> None:
        self.la = self._top(self.m[: self.hi])
        self.hi = max(self.la, 1)
        self.ga = self._top(self.d)

    @staticmethod
    def _top_per_run(m: np.ndarray) -> np.ndarray:
        """Per run: 1 + its highest function level with managers (0 if none)."""
        L = m.shape[0]
        has = m.any(axis=1)  # (L, R)
        top = L - np.argmax(has[::-1], axis=0)
        return np.where(has.any(axis=0), top, 0)

    # --- filling posts
    def _want(self, k: np.ndarray) -> np.ndarray:
        """``floor(k * promote_share + 0.5)``: posts to fill by promotion (integer paths for 0, ½, 1)."""
        ps = self.pol.promote_share
        if ps == 0.5:
            return (k + 1) >> 1
        if ps == 1.0:
            return k
        if ps == 0.0:
            return np.zeros_like(k)
        return np.floor(k * ps + 0.5).astype(np.int64)

    def _fill_posts(self, k: np.ndarray, ic: np.ndarray, prom: np.ndarray, ext: np.ndarray) -> None:
        """Fill ``k`` new/vacated manager posts per (function, run): promote, else hire."""
        p = np.minimum(self._want(k), ic)
        ic -= p
        prom += p.sum(axis=0)
        ext += (k - p).sum(axis=0)

    def _fill_dept(self, k: np.ndarray, ic: np.ndarray, rows: np.ndarray, prom: np.ndarray,
                   ext: np.ndarray) -> None:
        """Fill ``k`` department-level posts per run from the largest function."""
        if self.F == 0:
            ext += k
            return
        f = np.argmax(ic, axis=0)
        avail = ic[f, rows]
        p = np.minimum(self._want(k), avail)
        ic[f, rows] -= p
        prom += p
        ext += k - p

    def _return_dept(self, k: np.ndarray, ic: np.ndarray, rows: np.ndarray) -> None:
        if self.F == 0:
            return
        f = np.argmax(ic, axis=0)
        ic[f, rows] += k

    @staticmethod
    def _top_counts(S: np.ndarray, la: int, has: np.ndarray | None = None) -> np.ndarray:
        """People reporting to the head or the lowest director level, per (function, run).

        ``has`` is ``S[1:la + 1] > 0`` when the caller has it.
        """
        cnt = S[0].copy()
        for lv in range(1, la + 1):
            ml = S[lv]
            np.copyto(cnt, ml, where=ml > 0 if has is None else has[lv - 1])
        return cnt

    def top_counts(self) -> np.ndarray:
        return self._top_counts(self.S, self.la)

    # --- monthly steps
    def attrition(self, a: float) -> np.ndarray:
        """Leavers per run; vacated manager posts are filled at once."""
        if a <= 0:
            return np.zeros(self.R, dtype=np.int64)
        rng = self.rng
        ic_left = rng.binomial(self.ic, a)
        self.ic -= ic_left
        mg = self.S[1:self.la + 1].sum(axis=0)
        mg_left = rng.binomial(mg, a)
        dept = self.h + self.d[: self.ga].sum(axis=0)
        dept_left = rng.binomial(dept, a)
        self._fill_posts(mg_left, self.ic, self.promoted, self.ext)
        self._fill_dept(dept_left, self.ic, self.rows, self.promoted, self.ext)
        return ic_left.sum(axis=0) + mg_left.sum(axis=0) + dept_left

    def _apply(self, new: np.ndarray, mm: np.ndarray, ic: np.ndarray, prom: np.ndarray,
               ext: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray | None:
        """Set level ``mm`` to ``new``; the runs that changed (None if none did)."""
        delta = new - mm
        if rows is None:
            per_run = delta.any(axis=0)
        else:
            per_run = delta != 0
        if not per_run.any():
            return None
        mm[...] = new
        if rows is not None:
            self._return_dept(np.maximum(-delta, 0), ic, rows)
            self._fill_dept(np.maximum(delta, 0), ic, rows, prom, ext)
        else:
            ic += np.maximum(-delta, 0)
            self._fill_posts(np.maximum(delta, 0), ic, prom, ext)
        return per_run

    def _pass(self, S: np.ndarray, d: np.ndarray, grew: np.ndarray, grew_d: np.ndarray,
              prom: np.ndarray, ext: np.ndarray, rows: np.ndarray, la_floor: int) -> np.ndarray:
        """One restructuring pass over the runs held in ``S``/``d``; the runs it changed.

        ``la_floor`` is the deepest level of the runs *not* held here: a pass walks the
        function levels up to the deepest level of any run, as the rules say.
        """
        pol = self.pol
        mx, mn, t = pol.max, pol.min, pol.target
        L = self.L
        ic, m = S[0], S[1:]
        changed = np.zeros(S.shape[2], dtype=bool)

        def mark(c: np.ndarray | None) -> None:
            if c is not None:
                changed[c] = True

        # front line (level 0)
        n, mm = ic, m[0]
        flat = mm == 0
        nflat = ~flat
        create = flat & ((n > mx) | (~self.flat0 & (n >= 2)))
        split = nflat & (n > mm * mx)
        merge = nflat & (mm > 1) & (n < mm * mn) & ~grew
        up = create | split
        if up.any() or merge.any():
            new = mm.copy()
            grew |= up
            new[up] = _ceil_div(n[up], t)
            new[merge] = np.maximum(1, _ceil_div(n[merge] + mm[merge], t + 1))
            mark(self._apply(new, mm, ic, prom, ext))
        # upper levels of each function
        la = max(la_floor, self._top(m[: self.hi]))
        for lv in range(1, min(L - 1, la) + 1):
            n, mm = m[lv - 1], m[lv]
            n_gt1 = n > 1
            has = mm > 0
            collapse = ~n_gt1 & has & ~grew
            create = ~has & n_gt1 & (~self.flat0 | (n > mx))
            split = has & n_gt1 & (n > mm * mx)
            merge = (mm > 1) & n_gt1 & (n < mm * mn) & ~grew
            up = create | split
            if not (collapse.any() or up.any() or merge.any()):
                continue
            new = mm.copy()
            new[collapse] = 0
            grew |= up
            new[up] = _ceil_div(n[up], t)
            new[create & (n <= mx)] = 1  # one head holds them
            new[merge] = np.maximum(1, _ceil_div(n[merge], t))
            mark(self._apply(new, mm, ic, prom, ext))
            self.hi = max(self.hi, lv + 1)
        la = max(la_floor, self._top(m[: self.hi]))
        if m[L - 1].max(initial=0) > 1:
            raise OrgInputError(en="the department needs more layers than the simulation holds",
                                zh="所需管理层级超出模拟上限")
        # director levels above the functions
        ga = self._top(d)
        n = self._top_counts(S, la).sum(axis=0)
        h_eff = self.h_eff
        for g in range(self.G):
            mm = d[g]
            if g >= ga and not (n > h_eff * mx).any():
                break
            collapse = (mm > 0) & ((n <= 1) | ((n <= h_eff * t) & ~grew_d))
            create = (mm == 0) & (n > h_eff * mx)
            split = (mm > 0) & ~collapse & (n > mm * mx)
            merge = (mm > 1) & ~collapse & (n < mm * mn) & ~grew_d
            new = mm.copy()
            new[collapse] = 0
            up = create | split
            grew_d |= up
            new[up] = _ceil_div(n[up], t)
            new[merge] = np.maximum(1, _ceil_div(n[merge], t))
            mark(self._apply(new, mm, ic, prom, ext, rows=rows))
            n = mm.copy()  # a level exists only above an existing one (n = 0 collapses it)
        else:  # pragma: no cover - needs > 8 director levels
            raise OrgInputError(en="the department needs more director levels than the simulation holds",
                                zh="所需总监层级超出模拟上限")
        return changed

    def restructure(self, max_passes: int = 12) -> None:
        """Split, merge, add and remove layers until stable (at most ``max_passes`` passes)."""
        # the maximum is a hard rule, the minimum a soft one: a function (or the director
        # levels of a run) that split in this review does not merge back in it
        grew = np.zeros((self.F, self.R), dtype=bool)
        grew_d = np.zeros(self.R, dtype=bool)
        changed = self._pass(self.S, self.d, grew, grew_d, self.promoted, self.ext, self.rows, 0)
        idx = np.flatnonzero(changed)
        if idx.size:
            top = self._top_per_run(self.m[: self.hi])
            outside = np.ones(self.R, dtype=bool)
            for _ in range(max_passes - 1):
                if not idx.size:
                    break
                outside[idx] = False
                la_floor = int(top[outside].max(initial=0))
                outside[idx] = True
                S, d = self.S[:, :, idx], self.d[:, idx]
                g, gd = grew[:, idx], grew_d[idx]
                prom, ext = self.promoted[idx], self.ext[idx]
                c = self._pass(S, d, g, gd, prom, ext, np.arange(idx.size), la_floor)
                self.S[:, :, idx] = S
                self.d[:, idx] = d
                grew[:, idx] = g
                grew_d[idx] = gd
                self.promoted[idx] = prom
                self.ext[idx] = ext
                top[idx] = self._top_per_run(S[1:1 + self.hi])
                idx = idx[c]
        self._update_active()

    # --- measurement
    def measure(self, cost_ic: float, step: float, out: np.ndarray, keys: dict[str, int]) -> None:
        """Write this month's metrics of every run into ``out[keys[name]]``."""
        pol = self.pol
        R = self.R
        S, d = self.S, self.d
        la, ga = self.la, self.ga
        mx, mn = pol.max, pol.min
        N, M = S[:la], S[1:la + 1]  # reports, managers of every function level
        has = M > 0
        ic = S[0]
        ics = ic.sum(axis=0)
        if la:
            ax = (0, 1)
            # spans in float32: exact floor/ceil for counts below 2**24 (MAX_HEADCOUNT is 10**7);
            # an empty level gives inf (n > 0) or nan (n = 0), which fmin ignores
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = N.astype(np.float32) / M.astype(np.float32)
            smin = np.fmin.reduce(ratio, axis=ax).astype(np.float64)
            ratio[~has] = 0
            smax = ratio.max(axis=ax).astype(np.float64)
            tmp = M * mx
            np.subtract(N, tmp, out=tmp)
            np.maximum(tmp, 0, out=tmp)
            np.minimum(tmp, M, out=tmp)
            over = tmp.sum(axis=ax)
            np.multiply(M, mn, out=tmp)
            tmp -= N
            np.maximum(tmp, 0, out=tmp)
            np.minimum(tmp, M, out=tmp)
            under = tmp.sum(axis=ax)
            reports = (N * has).sum(axis=ax)
            mf = M.sum(axis=1)  # (la, R) managers per level
            managers = mf.sum(axis=0)
            nlev = has.sum(axis=0)  # (F, R)
        else:
            smax = np.full(R, np.nan)
            smin = np.full(R, np.nan)
            over = np.zeros(R, dtype=np.int64)
            under = np.zeros(R, dtype=np.int64)
            reports = np.zeros(R, dtype=np.int64)
            managers = np.zeros(R, dtype=np.int64)
            mf = np.zeros((0, R), dtype=np.int64)
            nlev = np.zeros((self.F, R), dtype=np.int64)
        # director levels and the head: one group of n reports under mm managers per run
        below = self._top_counts(S, la, has).sum(axis=0)
        groups = []
        for g in range(ga):
            groups.append((below, d[g]))
            below = np.where(d[g] > 0, d[g], below)
        groups.append((below, np.full(R, self.h, dtype=np.int64)))
        for n, mm in groups:
            valid = mm > 0
            nv = np.where(valid, n, 0)
            r = np.divide(nv, mm, out=np.full(R, np.nan), where=valid)
            np.fmax(smax, r, out=smax)
            np.fmin(smin, r, out=smin)
            over += np.minimum(np.maximum(n - mx * mm, 0), mm)
            under += np.minimum(np.maximum(mn * mm - n, 0), mm)
            reports += nv
            managers += mm
        smin = np.floor(smin)
        smax = np.ceil(smax)
        g_act = (d[:ga] > 0).sum(axis=0)
        headcount = ics + (mf.sum(axis=0) if la else 0) + d[:ga].sum(axis=0) + self.h
        layers = 1 + g_act + ((nlev + (ic > 0)).max(axis=0) if self.F else 0)
        # cost by rank
        mcost = np.zeros(R)
        for lv in range(la):
            with np.errstate(over="ignore", invalid="ignore"):
                mcost += mf[lv] * rank_factor(step, lv + 1)
        base_rank = nlev.max(axis=0) if self.F else np.zeros(R, dtype=np.int64)
        for g in range(ga):
            with np.errstate(over="ignore"):
                mcost = mcost + d[g] * np.power(step, (base_rank + g + 1).astype(float))
        with np.errstate(over="ignore"):
            mcost = mcost + self.h * np.power(step, (base_rank + g_act + 1).astype(float))
        with np.errstate(over="ignore", invalid="ignore"):
            mcost = mcost * cost_ic
            total = mcost + ics * cost_ic
        none = managers == 0
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.where(total > 0, mcost / np.where(total > 0, total, 1), 0.0)
            safe = np.where(none, 1, managers)
            span_mean = np.where(none, np.nan, reports / safe)
            in_pol = np.where(none, np.nan, 1.0 - (over + under) / safe)
        smin[none] = np.nan
        smax[none] = np.nan
        for key, v in (("headcount", headcount), ("ics", ics), ("managers", managers),
                       ("layers", layers), ("span_mean", span_mean), ("span_min", smin),
                       ("span_max", smax), ("over_max", over), ("under_min", under),
                       ("in_policy", in_pol), ("mgmt_cost_share", share), ("cost", total)):
            out[keys[key]] = v

    def snapshot(self, r: int) -> dict[str, np.ndarray]:
        """One run's counts: ``ic`` (F,), ``m`` (F, L), ``d`` (G,)."""
        return {"ic": self.ic[:, r].copy(), "m": self.m[:, :, r].T.copy(), "d": self.d[:, r].copy()}
