from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letopis.document import (Amount, Arg, Document, Dropped, Entity, Fact, Mention, Quote, Role, Sentence,
                              Token)
from letopis.schema import validate_article

texts = st.text(alphabet="абвгдеёжАБВ «»–-,.!?\n 0123", min_size=1, max_size=60)


@st.composite
def documents(draw):
    text = draw(texts)
    n = len(text)

    def span():
        a = draw(st.integers(0, n))
        b = draw(st.integers(a, n))
        return a, b

    sents, mentions, quotes, amounts, tokens = [], [], [], [], []
    for _ in range(draw(st.integers(0, 3))):
        a, b = span()
        sents.append(Sentence(a, b, text[a:b]))
        tokens.append(Token(a, b, text[a:b], "лемма", "NOUN", {"Case": "Nom"}, -1, "root", 0))
        mentions.append(Mention(a, b, text[a:b], draw(st.sampled_from(["PER", "ORG", "LOC", "LOCORG"])),
                                text[a:b], draw(st.sampled_from([None, "e1"])), parts={"last": "Х"}))
        quotes.append(Quote(a, b, text[a:b], draw(st.sampled_from([None, "e1"])), "сказать", "direct"))
        value = draw(st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-10**12, max_value=10**12))
        amounts.append(Amount(a, b, text[a:b], value, "USD", "USD", "money", "товарооборот"))
    role = Role("Президент", "e2", None, "Акорда", "", ("бывший",), 0, 0)
    entities = (Entity("e1", "PER", "Иван Петров", ("Петров",), (role,), None, {"first": "Иван"}),)
    facts = (Fact("Meeting", (Arg("participant", entity="e1"), Arg("place", value="Туркестан", start=0, end=0)), 0, n,
                  "planned", {"format": "informal"}),)
    return Document(id="d1", text=text, title=draw(texts), published=draw(st.sampled_from([None, "2024-03-05"])),
                    place=draw(st.sampled_from([None, "Туркестан"])), attribution=None,
                    dropped=(Dropped(1, "Еще новости", "more_block"),), sentences=tuple(sents), tokens=tuple(tokens),
                    mentions=tuple(mentions), entities=entities, facts=facts, quotes=tuple(quotes),
                    amounts=tuple(amounts))


@settings(max_examples=150, deadline=None)
@given(documents())
def test_json_round_trip_is_lossless(doc):
    data = doc.to_json()
    back = Document.from_json(data)
    assert back == doc
    assert back.to_json() == data
    validate_article(data)
    assert doc.check_offsets() == []


def test_money_stays_decimal_in_json():
    doc = Document(id="x", text="1 млрд долларов",
                   amounts=(Amount(0, 15, "1 млрд долларов", Decimal("1000000000"), "USD", "USD"),))
    data = doc.to_json()
    assert data["amounts"][0]["value"] == "1000000000"
    assert Document.from_json(data).amounts[0].value == Decimal("1000000000")


def test_text_is_fixed_after_creation():
    doc = Document(id="x", text="Текст.")
    with pytest.raises(AttributeError):
        doc.text = "Другой текст."


def test_check_offsets_reports_a_wrong_span():
    doc = Document(id="x", text="Иван Петров приехал.", mentions=(Mention(0, 4, "Пётр", "PER"),))
    assert doc.check_offsets() and "mentions[0]" in doc.check_offsets()[0]
