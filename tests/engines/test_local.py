"""run_local: a process pool whose output is the one-process output, in input order."""
from __future__ import annotations

import dataclasses

import pytest

from engines_fakes import broken_pipeline, fake_pipeline
from engines_fakes import key as _key
from letopis.document import Document
from letopis.engines.local import WORKER_DIED, run_local
from letopis.pipeline import Options, PipelineError
from letopis.readers.base import LetopisError, RawPage, ReadError


def _pages(n: int) -> list:
    return [RawPage(f"p{i}.txt", f"Статья {i}. Иван Петров приехал в Москву {i} марта.") for i in range(n)]


def test_two_workers_equal_one_worker_on_the_corpus(corpus_pages, single_process):
    two = list(run_local(corpus_pages, Options(), workers=2))
    assert [_key(x) for x in two] == [_key(x) for x in single_process]


def test_dropped_layers_come_back_empty_and_the_rest_unchanged():
    pages = _pages(20)
    one = list(run_local(pages, Options(batch=4), 1, pipeline_factory=fake_pipeline))
    two = list(run_local(pages, Options(batch=4), 2, pipeline_factory=fake_pipeline, drop=("tokens",)))
    assert all(d.tokens for d in one) and not any(d.tokens for d in two)
    assert [dataclasses.replace(d, tokens=()) for d in one] == two
    with pytest.raises(LetopisError, match="not a layer"):
        run_local(pages, Options(), 2, drop=("tokenz",))


def test_order_errors_and_failed_articles_pass_through():
    pages = _pages(70)
    pages[3] = ReadError("unreadable.bin", "binary file")
    pages[20] = RawPage("bad.txt", "Тут ЛОМАТЬ всё.")
    one = list(run_local(pages, Options(batch=8), 1, pipeline_factory=fake_pipeline))
    two = list(run_local(pages, Options(batch=8), 2, pipeline_factory=fake_pipeline))
    assert two == one
    assert [x.source for x in two] == [p.source for p in pages]
    assert str(two[3]) == "unreadable.bin: binary file"
    assert isinstance(two[20], ReadError) and "ЛОМАТЬ" not in str(two[20]) and "broken article" in str(two[20])
    assert sum(isinstance(x, Document) for x in two) == 68


def test_input_is_read_only_a_bounded_way_ahead():
    pulled = []

    def pages():
        for i, page in enumerate(_pages(400)):
            pulled.append(i)
            yield page

    out = run_local(pages(), Options(batch=4), 2, in_flight=3, pipeline_factory=fake_pipeline)
    first = next(out)
    assert first.source == "p0.txt"
    assert len(pulled) <= 4 * 4  # at most in_flight + 1 chunks taken from the input
    assert len(list(out)) == 399


def test_a_page_that_kills_its_worker_is_one_error():
    pages = _pages(48)
    pages[30] = RawPage("killer.txt", "Тут УБИТЬ процесс.")
    out = list(run_local(pages, Options(batch=8), 2, pipeline_factory=fake_pipeline))
    errors = [x for x in out if isinstance(x, ReadError)]
    assert [e.source for e in errors] == ["killer.txt"] and errors[0].reason == WORKER_DIED
    assert [x.source for x in out] == [p.source for p in pages]


def test_workers_that_cannot_start_stop_the_run_with_one_line():
    with pytest.raises(LetopisError, match="keep dying"):
        list(run_local(_pages(40), Options(batch=4), 2, pipeline_factory=broken_pipeline))


def test_bad_options_fail_before_any_worker_starts():
    with pytest.raises(LetopisError, match="at least 1"):
        run_local(_pages(1), Options(), 0)
    with pytest.raises(PipelineError, match="unknown output"):
        run_local(_pages(1), Options(only=("nonsense",)), 2)
