"""Inline SVG charts as plain data for the templates: a mentions timeline and
an offline map (equirectangular projection, a graticule, no tiles)."""
from __future__ import annotations

from datetime import date
from typing import Optional

TIMELINE_W, TIMELINE_H, TIMELINE_PAD = 640, 160, 24
MAP_W = 900  # px width of the map; the height follows the shown area
MAP_MIN_SPAN = 16.0  # degrees: one place alone still shows its region
MAP_PAD = 0.25  # share of the span added around the points
MAP_LABEL_ROOM = 0.12  # share of the width added on the east side for the labels of the points


def _as_date(day: Optional[str]) -> Optional[date]:
    try:
        return date.fromisoformat(day[:10]) if day else None
    except ValueError:
        return None


def timeline(rows: list[dict], unit: str = "day") -> dict:
    """Bars of mentions per day (or per month: rows keyed "month", "YYYY-MM") on a real time
    axis (periods without mentions stay empty)."""
    key = "month" if unit == "month" else "day"
    days = [(d, r) for r in rows if (d := _as_date(_first_day(r.get(key), key)))]
    undated = sum(r.get("mentions", 0) for r in rows if not _as_date(_first_day(r.get(key), key)))
    if not days:
        return {"bars": [], "width": TIMELINE_W, "height": TIMELINE_H, "undated": undated, "ticks": [], "unit": key}
    first, last = days[0][0], days[-1][0]
    span = max((last - first).days, 1)
    top = max(r.get("mentions", 0) for _, r in days) or 1
    inner_w, inner_h = TIMELINE_W - 2 * TIMELINE_PAD, TIMELINE_H - 2 * TIMELINE_PAD
    per_bar = 30 if key == "month" else 1  # days one bar stands for
    bar_w = max(3.0, min(24.0, inner_w * per_bar / (span + per_bar)))
    bars = []
    for d, r in days:
        x = TIMELINE_PAD + (d - first).days / span * (inner_w - bar_w)
        h = max(2.0, r.get("mentions", 0) / top * inner_h)
        bars.append({"x": round(x, 1), "y": round(TIMELINE_PAD + inner_h - h, 1), "w": round(bar_w, 1),
                     "h": round(h, 1), "day": r[key], "mentions": r.get("mentions", 0),
                     "articles": r.get("articles", 0)})
    label = (lambda d: d.isoformat()[:7]) if key == "month" else (lambda d: d.isoformat())
    ticks = [{"x": TIMELINE_PAD, "text": label(first), "anchor": "start"}]
    if last != first:
        ticks.append({"x": TIMELINE_W - TIMELINE_PAD, "text": label(last), "anchor": "end"})
    return {"bars": bars, "width": TIMELINE_W, "height": TIMELINE_H, "undated": undated, "ticks": ticks,
            "top": top, "base": TIMELINE_PAD + inner_h, "unit": key}


def _first_day(period: Optional[str], key: str) -> Optional[str]:
    return period + "-01" if key == "month" and period and len(period) == 7 else period


def _bounds(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    lat0, lat1, lon0, lon1 = min(lats), max(lats), min(lons), max(lons)
    span = max(lat1 - lat0, (lon1 - lon0) / 2, MAP_MIN_SPAN / 2)
    pad = span * MAP_PAD
    clat, clon = (lat0 + lat1) / 2, (lon0 + lon1) / 2
    half_lat, half_lon = max((lat1 - lat0) / 2 + pad, span / 2 + pad), max((lon1 - lon0) / 2 + pad, span + pad)
    return (max(-90.0, clat - half_lat), min(90.0, clat + half_lat),
            max(-180.0, clon - half_lon), min(180.0, clon + half_lon * (1 + 2 * MAP_LABEL_ROOM)))


def world_map(places: list[dict], background: list[tuple[float, float, str]] = ()) -> dict:
    """Points of the places with coordinates, on an equirectangular frame fitted to them.

    ``background``: (lat, lon, name) of reference points (capitals) drawn faintly
    so the viewer can tell where the frame lies without any map tiles.
    """
    located = [p for p in places if p.get("lat") is not None and p.get("lon") is not None]
    if located:
        lat0, lat1, lon0, lon1 = _bounds([(p["lat"], p["lon"]) for p in located])
    else:
        lat0, lat1, lon0, lon1 = -60.0, 80.0, -180.0, 180.0
    scale = MAP_W / (lon1 - lon0)
    height = round((lat1 - lat0) * scale)

    def xy(lat, lon):
        return round((lon - lon0) * scale, 1), round((lat1 - lat) * scale, 1)

    step = next(s for s in (1, 2, 5, 10, 15, 30, 45) if (lon1 - lon0) / s <= 12)
    grid = []
    for lon in range(int(lon0 // step * step), int(lon1) + 1, step):
        if lon0 <= lon <= lon1:
            x, _ = xy(0, lon)
            grid.append({"x1": x, "y1": 0, "x2": x, "y2": height, "label": f"{abs(lon)}°{'E' if lon >= 0 else 'W'}",
                         "lx": x + 2, "ly": height - 4})
    for lat in range(int(lat0 // step * step), int(lat1) + 1, step):
        if lat0 <= lat <= lat1:
            _, y = xy(lat, 0)
            grid.append({"x1": 0, "y1": y, "x2": MAP_W, "y2": y, "label": f"{abs(lat)}°{'N' if lat >= 0 else 'S'}",
                         "lx": 2, "ly": y - 2})
    top = max([p["meetings"] + p["datelines"] for p in located] or [1])
    points = []
    for p in located:
        x, y = xy(p["lat"], p["lon"])
        n = p["meetings"] + p["datelines"]
        points.append({"x": x, "y": y, "r": round(4 + 8 * (n / top) ** 0.5, 1), "name": p["name"],
                       "meetings": p["meetings"], "datelines": p["datelines"],
                       "kind": "meeting" if p["meetings"] else "dateline"})
    refs = []
    for lat, lon, name in background:
        if lat0 <= lat <= lat1 and lon0 <= lon <= lon1:
            x, y = xy(lat, lon)
            refs.append({"x": x, "y": y, "name": name})
    return {"width": MAP_W, "height": height, "grid": grid, "points": points, "refs": refs,
            "unlocated": [p for p in places if p not in located]}


def capitals() -> list[tuple[float, float, str]]:
    """Reference points: the gazetteer's countries at their capitals (absent gazetteer: none)."""
    try:
        from letopis.kb.gazetteer import all_places
    except ImportError:
        return []
    try:
        return [(p.lat, p.lon, p.name) for p in all_places() if p.type == "COUNTRY" and p.lat is not None and p.lon is not None]
    except Exception:  # a gazetteer still being written must not break the map
        return []
