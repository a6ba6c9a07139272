"""Cutting an article into segments: overlapping layers, labels, anchors."""
from __future__ import annotations

from letopis.web import charts, markup


def doc(text, **layers):
    return {"text": text, **layers}


def test_nested_and_overlapping_spans_never_cross():
    text = "Глава МИД России Сергей Лавров сказал: «Мы готовы»."

    def at(s):
        return {"start": text.index(s), "end": text.index(s) + len(s), "text": s}

    d = doc(text,
            mentions=[{**at("МИД России"), "type": "ORG", "entity": "o"}, {**at("России"), "type": "LOCORG", "entity": "c"},
                      {**at("Сергей Лавров"), "type": "PER", "entity": "p"}],
            quotes=[{**at("Мы готовы"), "speaker": "p"}],
            entities=[{"id": "p", "name": "Сергей Лавров"}],
            sentences=[{"start": 0, "end": len(text)}])
    segs = markup.segments(d, {"p": {"kb_id": 7, "name": "Сергей Лавров"}})
    assert "".join(s.text for s in segs) == text
    by_text = {s.text: s for s in segs}
    assert by_text["МИД "].mention["type"] == "ORG"
    assert by_text["России"].mention["type"] == "LOCORG"  # the innermost wins
    assert [lb["text"] for lb in by_text["России"].labels] == ["ORG", "LOCORG"]
    assert by_text["Сергей Лавров"].mention["href"] == "/entities/7"
    assert by_text["Мы готовы"].quote == 0
    assert by_text["Мы готовы"].labels[-1]["text"] == "— Сергей Лавров"
    assert segs[0].anchors == ["s-0"]


def test_bad_offsets_are_ignored():
    d = doc("Текст", mentions=[{"start": 3, "end": 99, "type": "PER"}, {"start": "x", "end": 2, "type": "PER"}])
    assert [s.text for s in markup.segments(d)] == ["Текст"]


def test_type_classes_are_safe():
    assert markup.type_class('PER" onmouseover="x') == "m-PERonmouseoverx"
    assert markup.type_class("") == "m-X"


def test_fact_rows_link_to_sentences():
    text = "Первое предложение. Второе: Иванов стал министром."
    d = doc(text, sentences=[{"start": 0, "end": 19}, {"start": 20, "end": len(text)}],
            facts=[{"type": "Occupation", "start": 28, "end": 49, "args": [{"role": "person", "entity": "p"}]}],
            entities=[{"id": "p", "name": "Иванов"}])
    (row,) = markup.fact_rows(d)
    assert row["anchor"] == "s-1" and row["args"][0]["text"] == "Иванов"
    assert markup.fact_rows({**d, "sentences": []})[0]["anchor"] == "f-0"


def test_timeline_on_a_time_axis():
    chart = charts.timeline([{"day": "2025-01-01", "articles": 1, "mentions": 4},
                             {"day": "2025-01-11", "articles": 2, "mentions": 2},
                             {"day": None, "articles": 1, "mentions": 3}])
    a, b = chart["bars"]
    assert a["h"] == 2 * b["h"] and a["x"] < b["x"] and chart["undated"] == 3
    assert charts.timeline([])["bars"] == []


def test_monthly_timeline_labels_months():
    chart = charts.timeline([{"month": "2024-01", "articles": 3, "mentions": 6},
                             {"month": "2025-12", "articles": 1, "mentions": 3},
                             {"month": None, "articles": 1, "mentions": 1}], "month")
    a, b = chart["bars"]
    assert (a["day"], b["day"]) == ("2024-01", "2025-12") and a["h"] == 2 * b["h"] and a["x"] < b["x"]
    assert [t["text"] for t in chart["ticks"]] == ["2024-01", "2025-12"] and chart["undated"] == 1
    assert chart["unit"] == "month"


def test_map_fits_its_points():
    places = [{"name": "Бишкек", "lat": 42.87, "lon": 74.59, "meetings": 2, "datelines": 0},
              {"name": "Ереван", "lat": 40.18, "lon": 44.51, "meetings": 0, "datelines": 1},
              {"name": "Атлантида", "lat": None, "lon": None, "meetings": 1, "datelines": 0}]
    m = charts.world_map(places, [(41.31, 69.28, "Ташкент"), (-33.9, 151.2, "Сидней")])
    assert len(m["points"]) == 2 and [p["name"] for p in m["unlocated"]] == ["Атлантида"]
    for p in m["points"]:
        assert 0 <= p["x"] <= m["width"] and 0 <= p["y"] <= m["height"]
    east = max(m["points"], key=lambda p: p["x"])
    assert east["name"] == "Бишкек" and east["x"] < m["width"] * 0.85  # room for its label
    assert [r["name"] for r in m["refs"]] == ["Ташкент"]
    assert m["grid"]
    assert charts.world_map([])["points"] == []
