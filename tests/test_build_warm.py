"""A build process loads and warms the pipeline once, and can still open and close stores at will."""

from kg.build import build, load_pipeline
from kg.store import KGStore


def test_the_warm_up_page_runs_the_extractors_and_leaves_no_memo_behind():
    from extract.normalize.dates import _find_dates_cached
    from extract.pipeline import warm_up

    facts = warm_up()
    kinds = {f.kind for f in facts.facts}
    assert {"mou", "law_event", "event", "statistic"} <= kinds
    assert _find_dates_cached.cache_info().currsize == 0


def test_a_store_closed_after_a_parallel_build_can_be_opened_again_in_the_same_process(tmp_path, reports):
    load_pipeline()  # freezes what is loaded: closing must not rely on the garbage collector
    store = KGStore(tmp_path / "s")
    two_smallest = sorted(reports.iterdir(), key=lambda p: p.stat().st_size)[:2]
    report = build(two_smallest, store, jobs=2)  # two reports: the worker pool runs
    store.close()
    again = KGStore(tmp_path / "s")  # raises while the folder's lock is still held
    assert len(report.built) == 2 and again.graph_hashes().keys() == set(report.built)
    again.close()
