"""The matching search of tracks 1 and 2 (FORMAT.md §3.0 "Matching search").

This is *not* an optimal assignment; it is a depth-first search with the official pruning rules, reproduced
step by step:

1. if S or T is empty, the value is ``evaluate(pairs)`` (the document's overall F1, ignore rules included);
2. ``c`` = first of S; candidates = the t with ``m[c][t] == 1`` ("perfect") if any, else all t with
   ``m[c][t] > 0``, in T order;
3. a candidate t with ``m[c][t] < 1`` is skipped while some other remaining std object has ``m == 1`` with it;
   otherwise the search branches on the pair (c, t). ``A`` = the largest number, over scanned candidates (skipped
   ones too), of other remaining std objects with ``m != 0`` for that candidate;
4. the branch "c stays unmatched" is explored only if no candidate was branched on, or exactly one was, ``A > 0``
   and c had no perfect candidate;
5. the best value wins; on ties the first branch found is kept (candidates in T order, the unmatched branch last).

Pruning (same result, much faster): the recursion above keeps, at every node, the first child of maximal value;
globally that is the first leaf of maximal value in depth-first order. The search therefore keeps one incumbent
(replaced only by a strictly better leaf) and skips a subtree when ``upper_bound(pairs, S, T)`` shows that no leaf
below can be strictly better than the incumbent. :class:`F1UpperBound` gives such a bound for tracks 1 and 2, where
TP_test = TP_std and so F1 = 2 TP / (N_std + N_test).

A node budget guards against pathological inputs: once exceeded, a warning is issued and the best pairs found so
far are returned.
"""

from __future__ import annotations

import warnings
from typing import Callable, Sequence

__all__ = ["search_pairs", "F1UpperBound", "TIE_EPS", "SearchBudgetExceeded"]

TIE_EPS = 1e-12
DEFAULT_NODE_BUDGET = 500_000


class SearchBudgetExceeded(RuntimeWarning):
    pass


class F1UpperBound:
    """Upper bound of F1 = 2 TP / (N_std + N_test) over all leaves below a search node (tracks 1 and 2).

    Write N_std + N_test = N_responses + sum over std objects x of c(x), with c(x) = 1 when x is not ignored,
    -1 when it is ignored and paired, 0 when it is ignored and unpaired. Relaxation: the remaining std objects and
    responses may form *any* one-to-one matching along ``m > 0`` (the search allows only some of them). For every
    connected component of the remaining candidate graph (components sharing a twin group are merged) a DP over
    matchings yields the profile ``sum of c -> maximal credit``, with the ignore rules evaluated exactly through
    ``ignored(i, matched)`` (which may depend only on the matched status of ``i`` and its ``twins``). The profiles
    are combined and the best ratio is the bound. Components too large for the DP use a looser relaxation.
    """

    MAX_MASK_BITS = 16

    def __init__(
        self,
        m: Sequence[Sequence[float]],
        q: Sequence[Sequence[float]],
        static_ignored: Sequence[bool],
        ignored: Callable[[int, set], bool],
        n_test_total: int,
        twins: Sequence[Sequence[int]] | None = None,
    ):
        n = len(m)
        self.m, self.q, self.static, self.ignored_fn, self.n_test = m, q, static_ignored, ignored, n_test_total
        self.adjacency = [[t for t in range(len(m[s])) if m[s][t] > 0] for s in range(n)]
        # twin groups: connected components of the (symmetrized) twin relation
        self.group_of: dict[int, int] = {}
        self.groups: list[list[int]] = []
        links = [set() for _ in range(n)]
        for i, js in enumerate(twins or [[] for _ in range(n)]):
            for j in js:
                links[i].add(j)
                links[j].add(i)
        for i in range(n):
            if links[i] and i not in self.group_of:
                stack, members = [i], []
                self.group_of[i] = len(self.groups)
                while stack:
                    x = stack.pop()
                    members.append(x)
                    for y in links[x]:
                        if y not in self.group_of:
                            self.group_of[y] = len(self.groups)
                            stack.append(y)
                self.groups.append(sorted(members))
        self.cache: dict = {}

    # c and credit of a simple (twin-less) std object
    def _simple(self, s: int, t: int | None) -> tuple[int, float]:
        if not self.static[s]:
            return 1, (self.q[s][t] if t is not None else 0.0)
        return (-1 if t is not None else 0), 0.0

    def _group_value(self, members: list[int], assigned: dict[int, int | None]) -> tuple[int, float]:
        matched = {x for x in members if assigned.get(x) is not None}
        c, tp = 0, 0.0
        for x in members:
            if self.ignored_fn(x, matched):
                c += -1 if x in matched else 0
            else:
                c += 1
                if x in matched:
                    tp += self.q[x][assigned[x]]
        return c, tp

    def _profile(self, rows: tuple[int, ...], cols: tuple[int, ...], fixed: tuple) -> dict[int, float]:
        """``sum of c -> max credit`` for a component; ``fixed`` = ((member, test or None), ...) of its groups'
        members that are already decided."""
        key = (rows, cols, fixed)
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        colset = set(cols)
        twin_rows = [s for s in rows if s in self.group_of]
        twin_index = {s: i for i, s in enumerate(twin_rows)}
        fixed_map = dict(fixed)
        groups = sorted({self.group_of[s] for s in twin_rows} | {self.group_of[x] for x, _ in fixed})
        edges = {s: [t for t in self.adjacency[s] if t in colset] for s in rows}
        base_c = sum(self._simple(s, None)[0] for s in rows if s not in twin_index)
        if len(cols) > self.MAX_MASK_BITS and len(rows) > self.MAX_MASK_BITS:
            # loose relaxation: every std object takes its best credit, every maybe-ignored one may count -1
            tp = 0.0
            c = 0
            for s in rows:
                best = max((self.q[s][t] for t in edges[s]), default=0.0)
                if s in twin_index or self.static[s]:
                    c -= 1
                    tp += 0.0 if self.static[s] and s not in twin_index else best
                else:
                    c += 1
                    tp += best
            for g in groups:
                for x in self.groups[g]:
                    if x in fixed_map:
                        c -= 1
                        if fixed_map[x] is not None:
                            tp += self.q[x][fixed_map[x]]
            result = {c: tp}
            self.cache[key] = result
            return result
        # DP: iterate over one side, bitmask over the other
        iterate_rows = len(cols) <= self.MAX_MASK_BITS
        states: dict[tuple, float] = {(0, 0, (None,) * len(twin_rows)): 0.0}

        def assign(state: tuple, value: float, s: int, t: int, bit: int, out: dict) -> None:
            mask, cdelta, twin = state
            if s in twin_index:
                twin = twin[: twin_index[s]] + (t,) + twin[twin_index[s] + 1 :]
                new_key = (mask | bit, cdelta, twin)
                new_value = value
            else:
                c1, credit = self._simple(s, t)
                c0, _ = self._simple(s, None)
                new_key = (mask | bit, cdelta + c1 - c0, twin)
                new_value = value + credit
            if out.get(new_key, -1.0) < new_value:
                out[new_key] = new_value

        if iterate_rows:
            col_bit = {t: 1 << i for i, t in enumerate(cols)}
            for s in rows:
                new = dict(states)
                for state, value in states.items():
                    for t in edges[s]:
                        if not state[0] & col_bit[t]:
                            assign(state, value, s, t, col_bit[t], new)
                states = new
        else:
            row_bit = {s: 1 << i for i, s in enumerate(rows)}
            by_test: dict[int, list[int]] = {}
            for s in rows:
                for t in edges[s]:
                    by_test.setdefault(t, []).append(s)
            for t in cols:
                new = dict(states)
                for state, value in states.items():
                    for s in by_test.get(t, ()):
                        if not state[0] & row_bit[s]:
                            assign(state, value, s, t, row_bit[s], new)
                states = new
        result: dict[int, float] = {}
        for (_, cdelta, twin), value in states.items():
            c = base_c + cdelta
            tp = value
            assigned = dict(fixed_map)
            assigned.update(zip(twin_rows, twin))
            for g in groups:
                gc, gtp = self._group_value(self.groups[g], assigned)
                c += gc
                tp += gtp
            if result.get(c, -1.0) < tp:
                result[c] = tp
        self.cache[key] = result
        return result

    def __call__(self, pairs: list[tuple[int, int]], s_rem: tuple[int, ...], t_rem: tuple[int, ...]) -> float:
        n = len(self.m)
        paired = dict(pairs)
        available = set(t_rem)
        free_edges = {}
        for s in s_rem:
            ts = [t for t in self.adjacency[s] if t in available]
            if ts:
                free_edges[s] = ts
        # union-find over free std objects (shared responses or shared twin group)
        parent: dict = {}

        def find(x):
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for s, ts in free_edges.items():
            find(s)
            for t in ts:
                parent[find(("t", t))] = find(s)
            if s in self.group_of:
                parent[find(("g", self.group_of[s]))] = find(s)
        components: dict = {}
        for s in free_edges:
            components.setdefault(find(s), ([], set()))[0].append(s)
        for s, ts in free_edges.items():
            components[find(s)][1].update(ts)
        # decided std objects: paired, or no longer able to pair
        def decided(x: int) -> int | None:
            return paired.get(x)

        c_fixed, tp_fixed = 0, 0.0
        for x in range(n):
            if x in free_edges:
                continue
            if x in self.group_of:
                continue
            c1, credit = self._simple(x, decided(x))
            c_fixed += c1
            tp_fixed += credit
        touched_groups = set()
        combined: dict[int, float] = {0: 0.0}
        for rows, cols in components.values():
            rows_sorted = tuple(sorted(rows))
            groups = {self.group_of[s] for s in rows if s in self.group_of}
            touched_groups |= groups
            fixed = tuple(
                (x, decided(x)) for g in sorted(groups) for x in self.groups[g] if x not in free_edges
            )
            prof = self._profile(rows_sorted, tuple(sorted(cols)), fixed)
            new: dict[int, float] = {}
            for c1, v1 in combined.items():
                for c2, v2 in prof.items():
                    if new.get(c1 + c2, -1.0) < v1 + v2:
                        new[c1 + c2] = v1 + v2
            combined = new
        for g, members in enumerate(self.groups):
            if g in touched_groups:
                continue
            gc, gtp = self._group_value(members, {x: decided(x) for x in members})
            c_fixed += gc
            tp_fixed += gtp
        best = 0.0
        for c, tp in combined.items():
            denominator = self.n_test + c_fixed + c
            total = tp_fixed + tp
            if denominator <= 0:
                if total > 0 or denominator == 0:
                    return 1.0
                continue
            best = max(best, 2 * total / denominator)
        return min(1.0, best)


def search_pairs(
    n_std: int,
    n_test: int,
    m: Sequence[Sequence[float]],
    evaluate: Callable[[list[tuple[int, int]]], float],
    *,
    upper_bound: Callable[[list[tuple[int, int]], tuple[int, ...], tuple[int, ...]], float] | None = None,
    label: str = "",
    node_budget: int = DEFAULT_NODE_BUDGET,
) -> tuple[list[tuple[int, int]], float]:
    """Run the search over std objects ``0..n_std-1`` and responses ``0..n_test-1`` (both already in search order).

    ``m[s][t]`` is the priority (0 when the types differ); ``evaluate(pairs)`` returns the document value of a
    complete pair list; ``upper_bound`` (optional) bounds the value of every leaf below a node. Returns
    ``(pairs, value)``.
    """
    nodes = 0
    exhausted = False
    best_pairs: list[tuple[int, int]] | None = None
    best_value = 0.0

    def dfs(s_rem: tuple[int, ...], t_rem: tuple[int, ...], pairs: list[tuple[int, int]]) -> None:
        nonlocal nodes, exhausted, best_pairs, best_value
        nodes += 1
        if nodes > node_budget and best_pairs is not None:
            exhausted = True
            return
        if not s_rem or not t_rem:
            value = evaluate(pairs)
            if best_pairs is None or value > best_value + TIE_EPS:
                best_pairs, best_value = list(pairs), value
            return
        if best_pairs is not None and upper_bound is not None:
            if upper_bound(pairs, s_rem, t_rem) <= best_value + TIE_EPS:
                return
        c, rest = s_rem[0], s_rem[1:]
        row = m[c]
        perfect = [t for t in t_rem if row[t] == 1]
        candidates = perfect if perfect else [t for t in t_rem if row[t] > 0]
        branches = []
        a_max = 0
        for t in candidates:
            count = sum(1 for s in rest if m[s][t] != 0)
            if count > a_max:
                a_max = count
            if row[t] < 1 and any(m[s][t] == 1 for s in rest):
                continue
            branches.append(t)
        for t in branches:
            pairs.append((c, t))
            dfs(rest, tuple(x for x in t_rem if x != t), pairs)
            pairs.pop()
            if exhausted:
                return
        if not branches or (len(branches) == 1 and a_max > 0 and not perfect):
            dfs(rest, t_rem, pairs)

    dfs(tuple(range(n_std)), tuple(range(n_test)), [])
    if exhausted:
        warnings.warn(
            f"matching search {label}: more than {node_budget} nodes, using the best pairs found so far",
            SearchBudgetExceeded,
            stacklevel=2,
        )
    assert best_pairs is not None
    return best_pairs, best_value
