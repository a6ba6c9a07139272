"""Track 3 (facts) scorer, a clean-room reimplementation of ``t3_eval`` (FORMAT.md §3.3).

Std facts of the four scored types (Ownership, Occupation, Meeting, Deal) get, per argument, a set of candidate
strings (entity labels, mention texts, name combinations, span texts, string alternatives); a response argument
matches a std argument when the roles are equal and its value fuzzy-equals a candidate. A response fact may be
assigned to a std fact of its type when a non-position argument matches. The assignment is many-to-one (clusters);
the official script enumerates all assignments per (document, fact type) and keeps the first one of maximal F1.

Search (equivalence with the official enumeration)
--------------------------------------------------
The official enumeration visits assignment vectors in lexicographic order: response facts in file order, each
trying its admissible std facts in file order and "nothing" last; a later vector replaces the kept one only when
its F1 is strictly higher, so the result is the lexicographically first vector of maximal F1. :func:`best_assignment`
walks the same tree in the same order (depth first) and returns the same vector, but skips subtrees that cannot
contain it:

* **bound**: at a node (responses ``0..d-1`` decided) an upper bound of F1 over all completions is computed.
  Recall: a std fact whose cluster can still grow has quality <= A <= max over subsets X of the undecided responses
  that may join it of ``W(matched std args of cluster+X) / (W(std args) + W(unmatched pooled args of cluster+X))``
  (since I <= 1); the max is taken over a precomputed table "coverage mask -> least unmatched weight" per std fact
  and depth. Precision: decided responses count with their cluster's bound, each undecided response with the best
  such bound among the clusters it may join (itself included), optional (it may go to an ignored fact instead) or
  not; the resulting ratio is maximized exactly. F1 is monotone in P and R. A subtree is skipped when its bound is
  ``<=`` the kept value (no leaf can be strictly better) or ``<`` the value of a feasible assignment found
  beforehand by a greedy search with local improvement (that assignment, or an earlier equal one, is then still
  reached by the walk);
* **interchangeable responses** (same admissible facts, same matches and unmatched weights everywhere) are only
  enumerated with the earlier one taking an option not later than the later one: swapping their choices keeps all
  counts and makes the vector lexicographically smaller, so the first maximal vector always has this form.

Values within ``1e-12`` count as ties. Typical (document, type) problems need a few hundred nodes, including the
gold-like devset book_398 that the official script never finishes. If a problem needs more than ``node_budget``
nodes, a :class:`TooManyCombinations` warning naming the document is issued and the better of the greedy assignment
with local improvement and the best one found so far (locally improved as well) is used.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path

from .fuzzy import fuzzy_equal, lte, n1, n2
from .responses import T3Fact, read_response_dir
from .standard import StdDoc
from .table import Counts, Row, Table, prf
from .track2 import entity_attributes, entity_type

__all__ = [
    "score_track3",
    "score_document_track3",
    "std_facts",
    "best_assignment",
    "StdArg",
    "StdFact",
    "FACT_TYPES",
    "TooManyCombinations",
]

FACT_TYPES = ("ownership", "occupation", "meeting", "deal")
ROW_NAMES = FACT_TYPES + ("overall",)
HARD_MODALITIES = frozenset({"возможность", "будущее", "отрицание"})
HALF_WEIGHT_ROLES = frozenset({"position", "фаза"})
PERSON_PATTERNS = ("lfp", "fpl", "fp", "fl", "lf", "n", "f", "p", "l", "fn")
PERSON_KEYS = {"f": "firstname", "l": "lastname", "p": "patronymic", "n": "nickname"}
DEFAULT_NODE_BUDGET = 50_000
TIE_EPS = 1e-12
_OBJ = re.compile(r"^obj(\d+)(?:\s+(.*))?$", re.S)
_SPAN = re.compile(r"^span(\d+)(?:\s+(.*))?$", re.S)


class TooManyCombinations(RuntimeWarning):
    pass


def role_weight(role: str) -> float:
    return 0.5 if role in HALF_WEIGHT_ROLES else 1.0


def _role(role: str) -> str:
    role = role.strip().lower()
    return "position" if role == "job" else role


@dataclass(frozen=True)
class StdArg:
    role: str
    value: str  # as written in .facts
    candidates: frozenset[str]

    @property
    def weight(self) -> float:
        return role_weight(self.role)


@dataclass(frozen=True)
class StdFact:
    id: str
    type: str  # lowercase
    args: tuple[StdArg, ...]
    ignored: bool = False
    modality: tuple[str, ...] = ()
    hard: bool = False


# ------------------------------------------------------------------------------------------- std candidates
class _Candidates:
    def __init__(self, doc: StdDoc):
        self.doc = doc
        self._entity_cache: dict[str, frozenset[str]] = {}

    def entity(self, entity_id: str) -> frozenset[str]:
        if entity_id in self._entity_cache:
            return self._entity_cache[entity_id]
        doc = self.doc
        result: set[str] = set()
        entity = doc.entity_by_id.get(entity_id)
        if entity is not None:
            toks = doc.tokens
            for mid in entity.mention_ids:
                mention = doc.mention_by_id.get(mid)
                if mention is None:
                    continue
                mtoks = doc.mention_tokens(mention)
                if not mtoks:
                    continue
                result.add(" ".join(n2(t.text) for t in mtoks))
                first, last = mtoks[0].index, mtoks[-1].index
                start, end = mtoks[0].start, mtoks[-1].end
                if first > 0 and n1(toks[first - 1].text) == '"':
                    start = toks[first - 1].start
                if last + 1 < len(toks) and n1(toks[last + 1].text) == '"':
                    end = toks[last + 1].end
                result.add(n1(doc.text[start : end - 1]))  # the official off-by-one: last character lost
            etype = entity_type(doc, entity)
            attrs = entity_attributes(doc, entity, etype)
            if etype == "per":
                values: dict[str, list[str]] = {k: [] for k in PERSON_KEYS.values()}
                for key, vals in attrs:
                    if key in values:
                        values[key].extend(sorted(vals))
                for pattern in PERSON_PATTERNS:
                    parts = [values[PERSON_KEYS[c]] for c in pattern]
                    if all(parts):
                        result.update(" ".join(combo) for combo in product(*parts))
            else:
                for _, vals in attrs:
                    result.update(vals)
        frozen = frozenset(result)
        self._entity_cache[entity_id] = frozen
        return frozen

    def argument(self, value: str) -> frozenset[str]:
        value = value.strip()
        match = _OBJ.match(value)
        if match:
            label = match.group(2) or ""
            return frozenset({lte(label)}) | self.entity(match.group(1))
        if _SPAN.match(value):
            result = set()
            for alternative in value.split("|"):
                alternative = alternative.strip()
                span_match = _SPAN.match(alternative)
                span = self.doc.span_by_id.get(span_match.group(1)) if span_match else None
                if span is not None:
                    result.add(n2(" ".join(t.text for t in self.doc.span_tokens(span))))
                else:
                    result.add(n2(span_match.group(2) or "" if span_match else alternative))
            return frozenset(result)
        return frozenset(lte(alternative) for alternative in value.split("|"))


def std_facts(doc: StdDoc, hard: bool = False) -> list[StdFact]:
    """Scored std facts of a document in file order (mode-dependent special lines handled)."""
    cands = _Candidates(doc)
    result = []
    for fact in doc.facts:
        ftype = fact.type.strip().lower()
        if ftype not in FACT_TYPES:
            continue
        modality: list[str] = []
        difficult = False
        args = []
        for role, value in fact.args:
            role = _role(role)
            if role == "модальность":
                modality += [lte(v) for v in value.split("|")]
                continue
            if role == "сложность":
                difficult = difficult or "повышенная" in lte(value)
                continue
            if role == "фаза" and not hard:
                continue
            args.append(StdArg(role, value, cands.argument(value)))
        if hard and HARD_MODALITIES.intersection(modality):
            continue
        result.append(StdFact(fact.id, ftype, tuple(args), ignored=difficult and not hard,
                              modality=tuple(modality), hard=difficult))
    return result


# --------------------------------------------------------------------------------------------- clustering
def _arg_matches(std_arg: StdArg, role: str, value: str) -> bool:
    return std_arg.role == role and any(fuzzy_equal(value, c) for c in std_arg.candidates)


@dataclass
class _Problem:
    """One (document, fact type): response facts x std facts."""

    std: list[StdFact]
    test: list[T3Fact]
    options: list[list[int]] = field(default_factory=list)  # admissible std indices per response, file order
    masks: dict = field(default_factory=dict)  # (r, s) -> bitmask of matched std args
    unmatched_w: dict = field(default_factory=dict)  # (r, s) -> weight of unmatched response args
    std_w: list[float] = field(default_factory=list)
    arg_w: list[list[float]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.std_w = [sum(a.weight for a in s.args) for s in self.std]
        self.arg_w = [[a.weight for a in s.args] for s in self.std]
        self.n_std = sum(1 for s in self.std if not s.ignored)
        self._q: dict = {}
        for r, resp in enumerate(self.test):
            opts = []
            for si, s in enumerate(self.std):
                mask, upw, admissible = 0, 0.0, False
                for role, value in resp.args:
                    hit = next((j for j, a in enumerate(s.args) if _arg_matches(a, role, value)), None)
                    if hit is None:
                        upw += role_weight(role)
                    else:
                        mask |= 1 << hit
                        if s.args[hit].role != "position":
                            admissible = True
                if admissible:
                    opts.append(si)
                    self.masks[r, si] = mask
                    self.unmatched_w[r, si] = upw
            self.options.append(opts)

    def mask_weight(self, s: int, mask: int) -> float:
        return sum(w for j, w in enumerate(self.arg_w[s]) if mask >> j & 1)

    def quality(self, s: int, members: tuple[int, ...]) -> float:
        """Cluster quality A(1+I)/2 of std fact ``s`` with responses ``members`` (sorted)."""
        if not members or self.std[s].ignored:
            return 0.0
        key = (s, members)
        cached = self._q.get(key)
        if cached is not None:
            return cached
        mask, upw = 0, 0.0
        for r in members:
            mask |= self.masks[r, s]
            upw += self.unmatched_w[r, s]
        matched = self.mask_weight(s, mask)
        denominator = self.std_w[s] + upw
        a = matched / denominator if denominator else 0.0
        if len(members) == 1:
            i = 1.0
        else:
            k = bin(mask).count("1")
            if k <= 1:
                i = 1.0
            else:
                count = 0
                for x in range(k):
                    for y in range(x + 1, k):
                        pair = (1 << x) | (1 << y)
                        if any(self.masks[r, s] & pair == pair for r in members):
                            count += 1
                i = count / (k * (k - 1) / 2)
        value = a * (1 + i) / 2
        self._q[key] = value
        return value

    def counts(self, assignment: list[int | None]) -> Counts:
        clusters: dict[int, list[int]] = {}
        c = Counts()
        c.n_std = self.n_std
        for r, s in enumerate(assignment):
            if s is None:
                c.n_test += 1
            else:
                clusters.setdefault(s, []).append(r)
        for s in sorted(clusters):
            if self.std[s].ignored:
                continue
            members = tuple(clusters[s])
            q = self.quality(s, members)
            c.tp_std += q
            c.tp_test += q * len(members)
            c.n_test += len(members)
        return c

    def f1(self, assignment: list[int | None]) -> float:
        c = self.counts(assignment)
        return prf(c.tp_std, c.n_std, c.tp_test, c.n_test)[2]

    def f1_partial(self, choice: dict[int, int | None]) -> float:
        """F1 counting only the responses in ``choice`` (the others are left out entirely)."""
        clusters: dict[int, list[int]] = {}
        c = Counts()
        c.n_std = self.n_std
        for r, s in choice.items():
            if s is None:
                c.n_test += 1
            else:
                clusters.setdefault(s, []).append(r)
        for s in sorted(clusters):
            if self.std[s].ignored:
                continue
            members = tuple(sorted(clusters[s]))
            q = self.quality(s, members)
            c.tp_std += q
            c.tp_test += q * len(members)
            c.n_test += len(members)
        return prf(c.tp_std, c.n_std, c.tp_test, c.n_test)[2]


def _local_search(problem: _Problem, assignment: list[int | None]) -> tuple[list[int | None], float]:
    """Improve ``assignment`` by single moves and pair swaps until no move raises F1."""
    n = len(assignment)
    value = problem.f1(assignment)
    options = [list(opts) + [None] for opts in problem.options]
    for _ in range(50):
        improved = False
        for r in range(n):
            for option in options[r]:
                if option == assignment[r]:
                    continue
                old = assignment[r]
                assignment[r] = option
                candidate = problem.f1(assignment)
                if candidate > value + TIE_EPS:
                    value, improved = candidate, True
                else:
                    assignment[r] = old
        if not improved:
            for r1 in range(n):
                for r2 in range(r1 + 1, n):
                    a1, a2 = assignment[r1], assignment[r2]
                    if a1 == a2 or a2 not in options[r1] or a1 not in options[r2]:
                        continue
                    assignment[r1], assignment[r2] = a2, a1
                    candidate = problem.f1(assignment)
                    if candidate > value + TIE_EPS:
                        value, improved = candidate, True
                    else:
                        assignment[r1], assignment[r2] = a1, a2
        if not improved:
            break
    return assignment, value


def _greedy(problem: _Problem) -> tuple[list[int | None], float]:
    """Heuristic assignment: responses placed one by one (best single-match quality first), each where the F1 of
    the responses placed so far is highest, then local search (single moves, pair swaps)."""
    n = len(problem.test)
    single = []
    for r, opts in enumerate(problem.options):
        single.append(max((problem.quality(s, (r,)) if not problem.std[s].ignored else 1.0 for s in opts),
                          default=0.0))
    order = sorted(range(n), key=lambda r: -single[r])
    placed: list[int] = []
    choice: dict[int, int | None] = {}

    for r in order:
        best_option, best_value = None, -1.0
        for option in list(problem.options[r]) + [None]:
            choice[r] = option
            value = problem.f1_partial(choice)
            if value > best_value + TIE_EPS:
                best_option, best_value = option, value
        choice[r] = best_option
        placed.append(r)
    assignment = [choice[r] for r in range(n)]
    first = _local_search(problem, assignment)
    # a second start: best single match per response
    alternative = []
    for r, opts in enumerate(problem.options):
        best, best_q = None, 0.0
        for s in opts:
            q = problem.quality(s, (r,)) if not problem.std[s].ignored else 1.0
            if q > best_q + TIE_EPS:
                best, best_q = s, q
        alternative.append(best)
    second = _local_search(problem, alternative)
    return first if first[1] >= second[1] - TIE_EPS else second


class _LazyWeights:
    def __init__(self, problem: _Problem, s: int):
        self.problem, self.s = problem, s

    def __getitem__(self, mask: int) -> float:
        return self.problem.mask_weight(self.s, mask)


def _coverage_tables(problem: _Problem) -> list[list[dict[int, float]]]:
    """``tables[depth][s]``: for every coverage mask reachable by a subset of the responses ``depth..n-1`` that
    may join std fact ``s``, the least total weight of unmatched response arguments such a subset brings."""
    n = len(problem.test)
    tables: list[list[dict[int, float]]] = [[{0: 0.0} for _ in problem.std] for _ in range(n + 1)]
    for r in range(n - 1, -1, -1):
        tables[r] = list(tables[r + 1])
        for s in problem.options[r]:
            mask, upw = problem.masks[r, s], problem.unmatched_w[r, s]
            old = tables[r + 1][s]
            new = dict(old)
            for m, u in old.items():
                key = m | mask
                if new.get(key, float("inf")) > u + upw:
                    new[key] = u + upw
            # drop dominated entries (smaller coverage at higher cost)
            tables[r][s] = {
                m: u
                for m, u in new.items()
                if not any(m2 != m and m2 & m == m and u2 <= u for m2, u2 in new.items())
            }
    return tables


def _duplicate_predecessor(problem: _Problem) -> list[int | None]:
    """For each response, the previous response that is interchangeable with it (same options and the same match
    signature for every option), if any."""
    seen: dict[tuple, int] = {}
    result: list[int | None] = []
    for r, opts in enumerate(problem.options):
        signature = tuple((s, problem.masks[r, s], problem.unmatched_w[r, s]) for s in opts)
        result.append(seen.get(signature))
        seen[signature] = r
    return result


def best_assignment(
    problem: _Problem, *, label: str = "", node_budget: int = DEFAULT_NODE_BUDGET
) -> tuple[list[int | None], float]:
    """First assignment of maximal F1 in the official enumeration order (see the module docstring).

    Besides the bound, interchangeable responses (identical options and match signatures) are enumerated only in
    canonical order (the earlier one never takes a later option than the later one): swapping their choices leaves
    every count unchanged and moves the earlier one to a smaller option, so the first maximal assignment in the
    official order is always canonical.
    """
    n = len(problem.test)
    if n == 0:
        return [], problem.f1([])
    heuristic, tau = _greedy(problem)
    std = problem.std
    n_std = problem.n_std
    tables = _coverage_tables(problem)
    twin_of = _duplicate_predecessor(problem)
    option_rank = [{s: i for i, s in enumerate(opts)} for opts in problem.options]
    forced_after = [0] * (n + 1)
    for r in range(n - 1, -1, -1):
        forced_after[r] = forced_after[r + 1] + (1 if not problem.options[r] else 0)
    # W(mask) for every subset of the arguments of every std fact
    weight_of: list = []
    for si, ws in enumerate(problem.arg_w):
        if len(ws) > 12:  # very long facts: compute on demand
            weight_of.append(_LazyWeights(problem, si))
            continue
        table = [0.0] * (1 << len(ws))
        for mask in range(1, 1 << len(ws)):
            low = (mask & -mask).bit_length() - 1
            table[mask] = table[mask & (mask - 1)] + ws[low]
        weight_of.append(table)

    assignment: list[int | None] = [None] * n
    clusters: list[list[int]] = [[] for _ in std]
    best: list | None = None
    best_value = -1.0
    nodes = 0
    exhausted = False

    def bound(depth: int) -> float:
        tp_std_ub = 0.0
        a = 0.0
        b = float(forced_after[depth])
        current: dict[int, tuple[int, float]] = {}
        for s, fact in enumerate(std):
            if fact.ignored:
                continue
            members = clusters[s]
            mask, upw = 0, 0.0
            for r in members:
                mask |= problem.masks[r, s]
                upw += problem.unmatched_w[r, s]
            current[s] = (mask, upw)
            table = tables[depth][s]
            if len(table) == 1 and 0 in table:  # nobody can join any more: exact quality
                q_ub = problem.quality(s, tuple(members)) if members else 0.0
            else:
                base = problem.std_w[s] + upw
                w = weight_of[s]
                q_ub = 0.0
                for m, u in table.items():
                    if not members and not m:
                        continue
                    denominator = base + u
                    if denominator:
                        q_ub = max(q_ub, w[mask | m] / denominator)
                q_ub = min(1.0, q_ub)
            tp_std_ub += q_ub
            a += q_ub * len(members)
            b += len(members)
        b += sum(1 for r in range(depth) if assignment[r] is None)
        # undecided responses: best credit each could get in a cluster it joins
        optional = []
        memo: dict[tuple[int, int, float], float] = {}
        for r in range(depth, n):
            opts = problem.options[r]
            if not opts:
                continue
            x = 0.0
            has_ignored = False
            for s in opts:
                if std[s].ignored:
                    has_ignored = True
                    continue
                key = (s, problem.masks[r, s], problem.unmatched_w[r, s])
                value = memo.get(key)
                if value is None:
                    mask, upw = current[s]
                    mask |= key[1]
                    base = problem.std_w[s] + upw + key[2]
                    w = weight_of[s]
                    value = 0.0
                    for m, u in tables[depth][s].items():
                        denominator = base + u
                        if denominator:
                            value = max(value, w[mask | m] / denominator)
                    memo[key] = value
                if value > x:
                    x = value
            x = min(1.0, x)
            if has_ignored:
                optional.append(x)
            else:
                a += x
                b += 1
        for x in sorted(optional, reverse=True):
            if b and x * b > a:
                a += x
                b += 1
            else:
                break
        p_ub = a / b if b else 1.0
        r_ub = tp_std_ub / n_std if n_std else 1.0
        return 2 * p_ub * r_ub / (p_ub + r_ub) if p_ub + r_ub else 0.0

    def rank(r: int, option: int | None) -> int:
        return len(problem.options[r]) if option is None else option_rank[r][option]

    def dfs(depth: int) -> None:
        nonlocal best, best_value, nodes, exhausted
        nodes += 1
        if nodes > node_budget:
            exhausted = True
            return
        if depth == n:
            value = problem.f1(assignment)
            if best is None or value > best_value + TIE_EPS:
                best, best_value = list(assignment), value
            return
        ub = bound(depth)
        if ub < tau - 1e-9 or (best is not None and ub <= best_value + TIE_EPS):
            return
        earlier = twin_of[depth]
        floor = rank(earlier, assignment[earlier]) if earlier is not None else 0
        for i, option in enumerate(problem.options[depth] + [None]):
            if i < floor:
                continue
            assignment[depth] = option
            if option is not None:
                clusters[option].append(depth)
            dfs(depth + 1)
            if option is not None:
                clusters[option].pop()
            assignment[depth] = None
            if exhausted:
                return

    dfs(0)
    if exhausted:
        warnings.warn(
            f"track 3: {label}: too many combinations (> {node_budget} search nodes); "
            "using a greedy assignment with local improvement",
            TooManyCombinations,
            stacklevel=2,
        )
        if best is None or tau > best_value + TIE_EPS:
            return heuristic, tau
        return _local_search(problem, list(best))
    if best is None:  # cannot happen: the heuristic assignment (or an equal canonical one) is never pruned
        return heuristic, tau
    return best, best_value


# ------------------------------------------------------------------------------------------------ scoring
def score_document_track3(
    doc: StdDoc, facts: list[T3Fact], hard: bool = False, *, node_budget: int = DEFAULT_NODE_BUDGET
) -> dict[str, Counts]:
    """Counts per row (ownership, occupation, meeting, deal, overall) of one document."""
    std = std_facts(doc, hard)
    result = {}
    total = Counts()
    for ftype in FACT_TYPES:
        problem = _Problem([f for f in std if f.type == ftype], [f for f in facts if f.type == ftype])
        assignment, _ = best_assignment(problem, label=f"{doc.name} {ftype}", node_budget=node_budget)
        counts = problem.counts(assignment)
        result[ftype] = counts
        total.add(counts)
    result["overall"] = total
    return result


def score_track3(
    std_docs: list[StdDoc], response_dir: str | Path, hard: bool = False, *, node_budget: int = DEFAULT_NODE_BUDGET
) -> Table:
    """Score a track-3 response directory; every std document needs a response file and vice versa."""
    responses = read_response_dir(response_dir, 3)
    names = {doc.name for doc in std_docs}
    missing = sorted(names - set(responses))
    extra = sorted(set(responses) - names)
    if missing or extra:
        raise ValueError(
            "track 3 needs exactly one response file per std document"
            + (f"; missing: {', '.join(missing)}" if missing else "")
            + (f"; extra: {', '.join(extra)}" if extra else "")
        )
    totals = {name: Counts() for name in ROW_NAMES}
    for doc in std_docs:
        counts = score_document_track3(doc, list(responses[doc.name].items), hard, node_budget=node_budget)
        for name, value in counts.items():
            totals[name].add(value)
    rows = tuple(Row.from_counts(name, totals[name]) for name in ROW_NAMES)
    return Table(3, rows, "hard" if hard else "easy")
