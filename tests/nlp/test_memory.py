"""The malloc settings that keep a worker's memory flat (measured in benchmarks/throughput.py --rss-growth)."""
import platform

import pytest

from letopis.nlp.models import steady_memory


@pytest.mark.skipif(platform.system() != "Linux" or platform.libc_ver()[0] != "glibc", reason="glibc only")
def test_mallopt_is_accepted_by_glibc():
    assert steady_memory() is True
