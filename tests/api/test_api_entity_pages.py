"""Entity reads a page at a time (timeline, co-mentions, articles), the bounded profile, the
search orders, and the query plans of the requests the load test sends (no full scans)."""
from __future__ import annotations

import kbdata
import pytest

MEETING, VISIT, HOSTILE = (d.id for d in kbdata.documents())


def _id(client, name):
    return client.get("/api/entities", params={"q": name}).json()["data"][0]["id"]


def test_entity_articles_newest_first_with_the_reason_of_each_link(client):
    pid = _id(client, "Касымалиев")
    body = client.get(f"/api/entities/{pid}/articles").json()
    assert body["count"] == 2 and [a["article_id"] for a in body["data"]] == [HOSTILE, MEETING]
    assert [a["day"] for a in body["data"]] == ["2025-05-20", "2025-03-14"]
    (link,) = body["data"][1]["links"]
    assert link["entity_id"] == "p1" and link["name"] == "Адылбек Касымалиев" and link["reason"]
    second = client.get(f"/api/entities/{pid}/articles", params={"limit": 1, "offset": 1}).json()
    assert second["count"] == 2 and [a["article_id"] for a in second["data"]] == [MEETING]
    assert client.get("/api/entities/987654/articles").status_code == 404


def test_profile_lists_newest_links_and_counts_everything(client):
    pid = _id(client, "Касымалиев")
    prof = client.get(f"/api/entities/{pid}").json()
    assert [x["article_id"] for x in prof["links"]] == [HOSTILE, MEETING]
    assert prof["links_total"] == 2 and prof["articles"] == 2 and prof["quotes_total"] == 2
    assert prof["mentions"] == 4


def test_profile_timeline_per_day_or_per_month_past_its_bound(client, monkeypatch):
    from letopis.store import queries

    pid = _id(client, "Касымалиев")
    daily = client.get(f"/api/entities/{pid}").json()
    assert daily["timeline_unit"] == "day" and daily["timeline_days"] == 2
    assert [t["day"] for t in daily["timeline"]] == ["2025-03-14", "2025-05-20"]
    monkeypatch.setattr(queries, "PROFILE_TIMELINE_DAYS", 1)  # two days are past a bound of one
    monthly = client.get(f"/api/entities/{pid}").json()
    assert monthly["timeline_unit"] == "month" and monthly["timeline_days"] == 2
    assert monthly["timeline"] == [{"month": "2025-03", "articles": 1, "mentions": 3},
                                   {"month": "2025-05", "articles": 1, "mentions": 1}]
    assert sum(t["mentions"] for t in monthly["timeline"]) == monthly["mentions"]


def test_timeline_and_co_mentions_are_paged(client):
    pid = _id(client, "Касымалиев")
    tl = client.get(f"/api/entities/{pid}/timeline", params={"limit": 1, "offset": 1}).json()
    assert tl["count"] == 2 and tl["data"] == [{"day": "2025-05-20", "articles": 1, "mentions": 1}]
    co = client.get(f"/api/entities/{pid}/co-mentions").json()
    names = [c["name"] for c in co["data"]]
    assert co["count"] == len(names) == 5 and names[0] == "Армения"  # ties by name
    assert client.get(f"/api/entities/{pid}/co-mentions", params={"limit": 2, "offset": 4}).json()["data"] == co["data"][4:]
    assert client.get("/api/entities/987654/timeline").status_code == 404


def test_top_entities_and_their_count(client):
    body = client.get("/api/entities", params={"limit": 2}).json()
    assert body["count"] == 8 and [e["name"] for e in body["data"]] == ["Никол Пашинян", "Адылбек Касымалиев"]
    assert [(e["articles"], e["mentions"]) for e in body["data"]] == [(2, 5), (2, 4)]  # then by mentions


def test_search_newest_first_or_by_relevance(client):
    newest = client.get("/api/articles/search", params={"q": "Касымалиев"}).json()
    assert [h["id"] for h in newest["data"]] == [HOSTILE, MEETING]
    best = client.get("/api/articles/search", params={"q": "Касымалиев", "order": "relevance"}).json()
    assert best["count"] == 2 and {h["id"] for h in best["data"]} == {HOSTILE, MEETING}
    scores = [h["score"] for h in best["data"]]
    assert scores == sorted(scores, reverse=True) and all(s > 0 for s in scores)
    assert [h["score"] for h in newest["data"]] == [None, None]  # bm25 only where it ranks
    assert client.get("/api/articles/search", params={"q": "Касымалиев", "order": "best"}).status_code == 422


def _plans(kb_path, calls) -> list[tuple[str, list[str]]]:
    """(statement, its query plan) for every SELECT the calls run."""
    from letopis.store.db import open_db

    conn = open_db(kb_path, create=False)
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        for call in calls:
            call(conn)
        conn.set_trace_callback(None)
        return [(" ".join(sql.split())[:100], [r["detail"] for r in conn.execute("EXPLAIN QUERY PLAN " + sql)])
                for sql in seen if sql.lstrip().upper().startswith("SELECT")]
    finally:
        conn.close()


# indexes whose range for one entity is as large as the entity is famous (a country's every link)
HUB_RANGES = ("article_entities_kb", "mentions_kb", "fact_args_kb ", "kb_entities_norm (tgroup=?)")


def _full_reads(plan: list[str]) -> list[str]:
    """Plan steps reading a whole table or a hub-sized index range. Allowed: FTS5, the materialized
    page of a subquery, and the newest-first search's walk down the day index (it stops at the page)."""
    derived = {d.split()[1] for d in plan if d.startswith(("MATERIALIZE ", "CO-ROUTINE "))}
    bad = []
    for d in plan:
        whole = d.startswith("SCAN ") and d.split()[1] not in derived and "VIRTUAL TABLE" not in d \
            and "articles_day" not in d and "articles_fts_config" not in d
        if whole or any(h in d for h in HUB_RANGES):
            bad.append(d)
    return bad


def test_entity_and_search_requests_read_no_whole_table(kb_path):
    """What the load test asks (profile, timeline, name lookup, search; top entities) reads the
    entity's own rows and index ranges only."""
    from letopis.api import readside

    calls = [
        lambda c: readside.entity_profile(c, 1),
        lambda c: readside.entity_timeline(c, 1, 50, 0),
        lambda c: readside.entity_co_mentions(c, 1, 50, 0),
        lambda c: readside.entity_articles(c, 1, 50, 0),
        lambda c: readside.find_entities(c, "Касымалиева"),
        lambda c: readside.find_entities(c, "Киргизии"),
        lambda c: readside.find_entities(c, None, None, 200, 0),
        lambda c: readside.find_entities(c, None, "PER", 200, 0),
        lambda c: readside.search_articles(c, "Касымалиев", limit=20),
        lambda c: readside.search_articles(c, "Касымалиев", limit=20, order="relevance"),
    ]
    plans = _plans(kb_path, calls)
    assert len(plans) > 20
    assert [(sql, bad) for sql, plan in plans if (bad := _full_reads(plan))] == []


@pytest.mark.parametrize("path", ["/entities/{pid}"])
def test_entity_page_shows_totals(client, path):
    pid = _id(client, "Касымалиев")
    html = client.get(path.format(pid=pid)).text
    assert "Quotes (2)" in html and "Articles (2)" in html


def test_the_server_runs_few_requests_at_once(kb_path):
    """Settings.threads bounds the worker threads (more only queue on the GIL)."""
    import anyio.to_thread
    from fastapi.testclient import TestClient

    from letopis.api import Settings, create_app

    with TestClient(create_app(kb_path, Settings(threads=3))) as c:
        assert c.portal.call(lambda: anyio.to_thread.current_default_thread_limiter().total_tokens) == 3
        assert c.get("/api/entities", params={"q": "Пашинян"}).status_code == 200
