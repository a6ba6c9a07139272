import pytest

from letopis.document import Document
from letopis.pipeline import Options, Pipeline, PipelineError, Stage, build_pipeline
from letopis.readers.base import ReadError


def _fill(layer):
    def run(docs):
        for d in docs:
            setattr(d, layer, ())
    return run


def test_stage_order_is_checked_when_built():
    needs_entities = Stage("facts", ("entities",), ("facts",), _fill("facts"))
    with pytest.raises(PipelineError, match="facts"):
        Pipeline([needs_entities])


def test_failing_article_becomes_one_error_and_the_batch_goes_on():
    def explode_on_bad(docs):
        for d in docs:
            if "ломать" in d.text:
                raise RuntimeError("boom")
            d.facts = ()

    pipe = Pipeline([Stage("fragile", ("text",), ("facts",), explode_on_bad)])
    docs = [Document(id="a", text="Хорошая статья."), Document(id="b", text="ломать", source="b.txt"),
            Document(id="c", text="Ещё одна.")]
    out = pipe(docs)
    assert [type(x) for x in out] == [Document, ReadError, Document]
    assert "fragile" in str(out[1]) and out[1].source == "b.txt"


def test_only_skips_stages_not_needed():
    names = [s.name for s in build_pipeline(Options(only=("amounts",))).stages]
    assert names == ["nlp", "amounts"]
    with pytest.raises(PipelineError, match="unknown output"):
        build_pipeline(Options(only=("nonsense",)))


def test_first_batch_freezes_what_is_alive_out_of_the_collector():
    import subprocess
    import sys

    code = (
        "import gc\n"
        "from letopis.document import Document\n"
        "from letopis.pipeline import Pipeline, Stage\n"
        "def fill(docs):\n"
        "    for d in docs: d.facts = ()\n"
        "pipe = Pipeline([Stage('s', ('text',), ('facts',), fill)])\n"
        "before = gc.get_freeze_count()\n"
        "pipe([Document(id='a', text='Статья.')])\n"
        "once = gc.get_freeze_count()\n"
        "pipe([Document(id='b', text='Ещё.')])\n"
        "print(before, once > 1000, gc.get_freeze_count() == once)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["0", "True", "True"]  # frozen after the first batch, and only then
