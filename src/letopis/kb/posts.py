"""Posts, their qualifiers and the titles that stand for a role-holder.

``data/posts.tsv`` is the post lexicon (президент, замминистра -> заместитель
министра), ``data/post_qualifiers.tsv`` the words around a post (бывший, и.о.,
экс-), ``data/head_titles.tsv`` phrases such as «Глава государства» that mean a
post. Everything is matched on lemma keys (``letopis.kb.orgs.lemmas``).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from letopis.kb.orgs import lemma, lemma_variants, lemmas, read_table, split_list

KINDS = (
    "head_of_state", "head_of_government", "minister", "legislator", "diplomat", "regional",
    "corporate", "party", "military", "judicial", "media", "other",
)
FORMER_PREFIX = "экс-"


@dataclass(frozen=True)
class Post:
    canonical: str  # the full nominative post: «генеральный директор»
    kind: str
    form: str = ""  # the lexicon form that matched: «гендиректор», «экс-президент»
    qualifier: str = ""  # kind of a qualifier glued to the form («экс-президент»: former)


@dataclass(frozen=True)
class Qualifier:
    name: str  # «исполняющий обязанности»
    kind: str  # former, acting, new, deputy, vice ...
    attach: str  # word or prefix


@dataclass(frozen=True)
class QualifiedPost:
    post: Post
    qualifiers: tuple[Qualifier, ...] = ()


@dataclass(frozen=True)
class HeadTitle:
    phrase: str  # «глава МИД»
    post: str  # «министр иностранных дел»
    country: str = ""  # ISO alpha-3 when the phrase names the country («глава Кремля»)


@cache
def _rows() -> list[dict[str, str]]:
    return read_table("posts.tsv", ("post", "kind", "canonical", "abbreviations"))


@cache
def post_matcher() -> list[tuple[tuple[str, ...], Post]]:
    """The lexicon as (lemma keys, Post), longest first: every form in every case,
    and each form with «экс-» glued on («экс-премьера» -> премьер-министр, former)."""
    entries: dict[tuple[str, ...], Post] = {}
    for prefix, qualifier in (("", ""), (FORMER_PREFIX, "former")):
        for r in _rows():
            for form in dict.fromkeys((r["post"], *split_list(r["abbreviations"]))):
                if prefix and not form[:1].isalpha():
                    continue
                post = Post(r["canonical"], r["kind"], prefix + form, qualifier)
                for keys in lemma_variants(prefix + form):
                    entries.setdefault(keys, post)
    return sorted(entries.items(), key=lambda e: -len(e[0]))


@cache
def _posts() -> dict[tuple[str, ...], Post]:
    return dict(post_matcher())


def lookup_post(keys: tuple[str, ...]) -> Post | None:
    """The post whose lemma keys these are: lemmas("гендиректора") -> генеральный директор."""
    return _posts().get(tuple(keys))


@cache
def _qualifier_rows() -> list[tuple[Qualifier, tuple[str, ...]]]:
    rows = read_table("post_qualifiers.tsv", ("qualifier", "kind", "attach", "aliases"))
    return [(Qualifier(r["qualifier"], r["kind"], r["attach"]), split_list(r["aliases"])) for r in rows]


@cache
def qualifiers() -> list[tuple[tuple[str, ...], Qualifier]]:
    """Word qualifiers as (lemma keys, Qualifier), longest first: «и.о.», «бывший»."""
    entries: dict[tuple[str, ...], Qualifier] = {}
    for q, aliases in _qualifier_rows():
        if q.attach != "word":
            continue
        for form in (q.name, *aliases):
            for keys in lemma_variants(form):
                entries.setdefault(keys, q)
    return sorted(entries.items(), key=lambda e: -len(e[0]))


@cache
def prefixes() -> list[tuple[str, Qualifier]]:
    """Qualifiers glued to a post («экс-», «вице-», «зам»), longest first."""
    out = [(q.name.lower(), q) for q, _aliases in _qualifier_rows() if q.attach == "prefix"]
    return sorted(out, key=lambda e: -len(e[0]))


@cache
def _qualifiers() -> dict[tuple[str, ...], Qualifier]:
    return dict(qualifiers())


def lookup_qualifier(keys: tuple[str, ...]) -> Qualifier | None:
    return _qualifiers().get(tuple(keys))


def split_post(keys: tuple[str, ...]) -> QualifiedPost | None:
    """A post with its qualifiers: lemmas("и.о. министра") -> (министр, [acting]);
    «экс-премьер», «вице-канцлер», «замгубернатора» split off their glued prefix."""
    keys = tuple(keys)
    found: list[Qualifier] = []
    while keys:
        post = lookup_post(keys)
        if post is not None:
            return QualifiedPost(post, tuple(found))
        hit = next(((k, q) for k, q in qualifiers() if keys[:len(k)] == k and len(k) < len(keys)), None)
        if hit is not None:
            found.append(hit[1])
            keys = keys[len(hit[0]):]
            continue
        glued = next(((p, q) for p, q in prefixes() if keys[0].startswith(p) and len(keys[0]) > len(p)), None)
        if glued is None:
            return None
        found.append(glued[1])
        keys = (lemma(keys[0][len(glued[0]):]), *keys[1:])
    return None


@cache
def head_titles() -> list[tuple[tuple[str, ...], HeadTitle]]:
    """(lemma keys, HeadTitle) for phrases such as «Глава государства», longest first."""
    entries: dict[tuple[str, ...], HeadTitle] = {}
    for r in read_table("head_titles.tsv", ("phrase", "post", "country")):
        title = HeadTitle(r["phrase"], r["post"], r["country"])
        for keys in lemma_variants(r["phrase"]):
            entries.setdefault(keys, title)
    return sorted(entries.items(), key=lambda e: -len(e[0]))


@cache
def _head_titles() -> dict[tuple[str, ...], HeadTitle]:
    return dict(head_titles())


def lookup_head_title(keys: tuple[str, ...]) -> HeadTitle | None:
    return _head_titles().get(tuple(keys))


def refers_to(post: str) -> str | None:
    """The post a title means: «глава государства» -> президент, «глава правительства» ->
    премьер-министр, «гендиректор» -> генеральный директор; None when unknown."""
    keys = lemmas(post)
    title = lookup_head_title(keys)
    if title is not None:
        return title.post
    found = lookup_post(keys)
    return found.canonical if found is not None else None


__all__ = [
    "HeadTitle", "KINDS", "Post", "QualifiedPost", "Qualifier", "head_titles", "lemmas", "lookup_head_title",
    "lookup_post", "lookup_qualifier", "post_matcher", "prefixes", "qualifiers", "refers_to", "split_post",
]
