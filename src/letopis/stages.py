"""The default stages of letopis, in order, each a thin wrapper over a library function."""
from __future__ import annotations

from letopis.document import Document
from letopis.pipeline import Stage


def run_nlp(docs: list[Document]) -> None:
    from letopis.nlp.analyze import analyze_batch

    for doc, a in zip(docs, analyze_batch([d.text for d in docs])):
        doc.sentences, doc.tokens, doc.mentions = tuple(a.sentences), tuple(a.tokens), tuple(a.mentions)


def run_mentions(docs: list[Document]) -> None:
    from letopis.extract.locorg import type_locorg
    from letopis.extract.mentions import make_context, refine_mentions

    for doc in docs:
        ctx = make_context(doc.text, list(doc.tokens))
        mentions = refine_mentions(doc.text, list(doc.tokens), list(doc.mentions), ctx)
        doc.mentions = tuple(type_locorg(ctx, mentions))


def run_entities(docs: list[Document]) -> None:
    from letopis.extract.entities import build_entities
    from letopis.extract.roles import assign_roles

    for doc in docs:
        mentions, entities = build_entities(list(doc.mentions), doc.text)
        mentions, entities = assign_roles(doc.text, mentions, entities, doc.tokens)
        doc.mentions, doc.entities = tuple(mentions), tuple(entities)


def run_amounts(docs: list[Document]) -> None:
    from letopis.extract.amounts import extract_amounts

    for doc in docs:
        found = extract_amounts(doc.text, [(s.start, s.end) for s in doc.sentences])
        doc.amounts = tuple(a for a in found if a.kind != "count" or _counted_noun(a.unit))


def _counted_noun(unit: str) -> bool:
    """A count needs a real counted noun («12 документов»), not a conjunction the parse ran into («12 … и»)."""
    return len(unit) >= 3 and unit.replace("-", "").isalpha()


def run_quotes(docs: list[Document]) -> None:
    from letopis.extract.quotes import extract_quotes

    for doc in docs:
        doc.quotes = tuple(extract_quotes(doc.text, doc.sentences, doc.tokens, doc.mentions, doc.entities))


def run_facts(docs: list[Document]) -> None:
    from letopis.extract.facts import extract_facts

    for doc in docs:
        doc.facts = tuple(extract_facts(doc.sentences, doc.tokens, doc.mentions, doc.entities, doc.place))


STAGES = [
    Stage("nlp", requires=("text",), assigns=("sentences", "tokens", "mentions"), run=run_nlp),
    Stage("mentions", requires=("tokens", "mentions"), assigns=("mentions",), run=run_mentions),
    Stage("entities", requires=("mentions",), assigns=("entities",), run=run_entities),
    Stage("amounts", requires=("sentences",), assigns=("amounts",), run=run_amounts),
    Stage("quotes", requires=("tokens", "entities"), assigns=("quotes",), run=run_quotes),
    Stage("facts", requires=("tokens", "entities"), assigns=("facts",), run=run_facts),
]


def run_events(docs: list[Document]) -> None:
    from letopis.extract.events import extract_events

    for doc in docs:
        span = doc.header.get("attribution")
        doc.events = tuple(extract_events(doc.text, doc.sentences, doc.tokens, doc.mentions, doc.entities, doc.facts,
                                          doc.quotes, doc.place, doc.published, tuple(span) if span else None))


STAGES.append(Stage("events", requires=("tokens", "entities", "facts", "quotes"), assigns=("events",), run=run_events))
