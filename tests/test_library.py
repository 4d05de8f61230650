"""Opening a library: build, save, load, add new files, rebuild on change, atomic saves."""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from retrieval.articles import CorpusError
from retrieval.library import (
    FORMAT,
    MAX_PASSAGE_CHARS,
    Library,
    SearchConfig,
    _read_manifest,
    open_library,
    split_passage,
)
from retrieval.search import Searcher
from tests.conftest import make_article


def write_jsonl(path: Path, *records: dict[str, object]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def record(n: int, headline: str, *paragraphs: str, url: str | None = None) -> dict[str, object]:
    return {
        "id": f"a{n}",
        "headline": headline,
        "published": "2024-01-0" + str(n % 9 + 1),
        "source": "Wire",
        "url": url,
        "paragraphs": list(paragraphs),
    }


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    write_jsonl(
        folder / "one.jsonl",
        record(1, "Volcano erupts in Iceland", "Lava flowed toward Grindavik.", "Residents fled."),
        record(2, "Bank raises rates", "The central bank raised interest rates again."),
    )
    return folder


def top(library: Library, question: str) -> str:
    hits = Searcher(library).search(question, 1).hits
    return hits[0].article.headline if hits else ""


def test_build_then_load_gives_the_same_answers(corpus: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = open_library([corpus], data, SearchConfig())
    assert (first.action, first.library.n_articles, first.library.n_paragraphs) == ("built", 2, 3)
    second = open_library([corpus], data, SearchConfig())
    assert second.action == "loaded"
    assert top(second.library, "lava Grindavik") == "Volcano erupts in Iceland"
    assert second.library.store.get(0).paragraphs[1].text == "Residents fled."


def test_a_new_file_is_added_without_a_rebuild(corpus: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    open_library([corpus], data, SearchConfig())
    write_jsonl(
        corpus / "two.jsonl",
        record(3, "Marathon record in Berlin", "A runner broke the marathon world record."),
        record(4, "Volcano erupts in Iceland", "Lava flowed toward Grindavik.", "Residents fled."),
    )
    report = open_library([corpus], data, SearchConfig())
    assert (report.action, report.added, report.duplicates) == ("updated", 1, 1)
    assert report.library.n_articles == 3
    assert top(report.library, "marathon record") == "Marathon record in Berlin"
    assert open_library([corpus], data, SearchConfig()).action == "loaded"


def test_an_added_story_with_a_front_page_url_is_no_duplicate(corpus: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    home = "https://news.example/"
    write_jsonl(
        corpus / "a.jsonl", {**record(7, "Dam opens", "The dam opened today."), "url": home}
    )
    open_library([corpus], data, SearchConfig())
    write_jsonl(
        corpus / "y.jsonl", {**record(8, "Bridge closes", "The bridge closed today."), "url": home}
    )
    report = open_library([corpus], data, SearchConfig())
    assert (report.action, report.added, report.duplicates) == ("updated", 1, 0)
    assert top(report.library, "bridge closed") == "Bridge closes"


def test_an_added_export_numbering_its_records_alike_is_kept(
    corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data = tmp_path / "data"
    write_jsonl(corpus / "x.jsonl", {**record(7, "Dam opens", "The dam opened."), "id": "1"})
    open_library([corpus], data, SearchConfig())
    write_jsonl(corpus / "y.jsonl", {**record(8, "Bridge closes", "The bridge shut."), "id": "1"})
    caplog.clear()
    report = open_library([corpus], data, SearchConfig())
    assert (report.action, report.added, report.duplicates) == ("updated", 1, 0)
    assert top(report.library, "bridge shut") == "Bridge closes"
    assert report.library.store.get(report.library.n_articles - 1).id == "y.jsonl#1"
    # the warning a build gives: the update had said nothing
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == [
        f"{corpus / 'y.jsonl'}: 1 record numbered as another file's is kept as y.jsonl#1"
    ]


def test_an_added_story_under_an_indexed_url_and_another_headline_is_named(
    corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # a corrected story saved under the old one's URL: the update dropped it without a word,
    # while a build warns naming both
    data = tmp_path / "data"
    url = "https://news.example/dam"
    text = "The dam on the Wye opened on Tuesday after six years of building."
    write_jsonl(corpus / "x.jsonl", record(7, "Dam opens", text, url=url))
    open_library([corpus], data, SearchConfig())
    corrected = text.replace("Tuesday", "Wednesday")
    write_jsonl(corpus / "y.jsonl", record(8, "Dam opening delayed", corrected, url=url))
    caplog.clear()
    report = open_library([corpus], data, SearchConfig())
    assert (report.action, report.added, report.duplicates) == ("updated", 0, 1)
    [warning] = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert warning == (
        f"dropped 'Dam opening delayed' from {corpus / 'y.jsonl'}: its URL '{url}' is that of "
        f"'Dam opens' from {corpus / 'x.jsonl'} (if they are different stories, give them "
        "their own URLs or ids)"
    )
    # the same story again, as it was: a duplicate, said nothing of
    write_jsonl(corpus / "z.jsonl", record(9, "Dam opens", text, url=url))
    caplog.clear()
    assert open_library([corpus], data, SearchConfig()).duplicates == 1
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_an_added_story_sharing_a_section_url_is_indexed_as_a_build_indexes_it(
    corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # another headline and another text under one URL (a section's page given as each
    # story's): another story, kept, as load_corpus keeps it
    data = tmp_path / "data"
    url = "https://news.example/news/"
    write_jsonl(corpus / "x.jsonl", record(7, "Dam opens", "The dam opened.", url=url))
    open_library([corpus], data, SearchConfig())
    write_jsonl(corpus / "y.jsonl", record(8, "Bridge closes", "The bridge shut.", url=url))
    caplog.clear()
    report = open_library([corpus], data, SearchConfig())
    assert (report.action, report.added, report.duplicates) == ("updated", 1, 0)
    assert top(report.library, "bridge shut") == "Bridge closes"
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    built = open_library([corpus], tmp_path / "built", SearchConfig())
    assert (built.library.n_articles, built.duplicates) == (4, 0)  # with the corpus's two


def test_a_changed_file_rebuilds(corpus: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    open_library([corpus], data, SearchConfig())
    write_jsonl(corpus / "one.jsonl", record(5, "Storm hits coast", "Winds reached 100 mph."))
    os.utime(corpus / "one.jsonl", ns=(1, 1))
    report = open_library([corpus], data, SearchConfig())
    assert report.action == "built"
    assert report.library.n_articles == 1
    assert top(report.library, "volcano") == ""


def test_a_file_touched_with_its_bytes_unchanged_needs_no_rebuild(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # touch, chmod, a copy put back or a checkout of the same text rebuilt the whole index
    import retrieval.library

    data = tmp_path / "data"
    path = corpus / "one.jsonl"
    open_library([corpus], data, SearchConfig())
    os.utime(path, ns=(10**18, 10**18))
    path.chmod(0o600)

    assert open_library([corpus], data, SearchConfig()).action == "loaded"
    hashed: list[object] = []
    monkeypatch.setattr(retrieval.library, "_content_hash", lambda p: hashed.append(p))
    assert open_library([corpus], data, SearchConfig()).action == "loaded"
    assert hashed == []  # the new times were noted: not read again
    monkeypatch.undo()
    # touched again, and a new file sorting last: the new file is added, nothing rebuilt
    os.utime(path, ns=(2 * 10**18, 2 * 10**18))
    write_jsonl(corpus / "zz.jsonl", record(9, "Dam opens", "The dam opened today."))
    report = open_library([corpus], data, SearchConfig())
    assert (report.action, report.added) == ("updated", 1)


def test_a_write_while_the_index_is_built_is_a_change_at_the_next_start(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the file's hash was taken after it was read: a write in between (same size) was
    # taken for no change, and the old text answered at every later start
    import retrieval.library

    path, data = corpus / "one.jsonl", tmp_path / "data"
    read = retrieval.library.load_corpus

    def read_then_written(*args: Any, **kwargs: Any) -> Any:
        result = read(*args, **kwargs)
        path.write_text(path.read_text("utf-8").replace("Volcano", "Volkano"), "utf-8")
        return result

    monkeypatch.setattr(retrieval.library, "load_corpus", read_then_written)
    open_library([corpus], data, SearchConfig())
    monkeypatch.undo()
    report = open_library([corpus], data, SearchConfig())
    assert report.action == "built"
    assert top(report.library, "volkano") == "Volkano erupts in Iceland"


def test_a_same_size_edit_with_its_old_modification_time_still_rebuilds(
    corpus: Path, tmp_path: Path
) -> None:
    # rsync -t, tar or touch -d can put the old time back; the change time tells the write
    data = tmp_path / "data"
    path = corpus / "one.jsonl"
    open_library([corpus], data, SearchConfig())
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("Volcano", "Volkano"), "utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size

    report = open_library([corpus], data, SearchConfig())
    assert report.action == "built"
    assert top(report.library, "volkano") == "Volkano erupts in Iceland"


def test_other_analysis_settings_rebuild_but_ranking_knobs_do_not(
    corpus: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    open_library([corpus], data, SearchConfig())
    assert open_library([corpus], data, SearchConfig(k1=2.0, idf="okapi")).action == "loaded"
    assert open_library([corpus], data, SearchConfig(stem=False)).action == "built"


def test_a_saved_index_from_another_format_says_why_it_is_rebuilt(
    corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # an upgrade's first start rebuilds: it must say so, not stall without a word
    data = tmp_path / "data"
    open_library([corpus], data, SearchConfig())
    current = data / (data / "CURRENT").read_text().strip()
    manifest = json.loads((current / "manifest.json").read_text(encoding="utf-8"))
    (current / "manifest.json").write_text(json.dumps({**manifest, "format": 1}))
    assert open_library([corpus], data, SearchConfig()).action == "built"
    said = f"the saved index in {data} was made by another version of newsbot (index format 1; "
    assert f"{said}this one reads {FORMAT}); building it anew" in caplog.text


def test_side_matter_is_marked_and_saved(tmp_path: Path) -> None:
    lib = Library()
    lib.add(
        [
            make_article(
                "Queen dies",
                "Queen Elizabeth II has died at Balmoral.",
                "The Queen at Windsor in 2021. Max Mumby/Getty Images",
                "Keep reading:King Charles III's first speech",
            )
        ]
    )
    assert lib.para_aside.tolist() == [False, True, True]
    lib.save(tmp_path)
    assert Library.load(tmp_path, SearchConfig()).para_aside.tolist() == [False, True, True]


def test_a_story_paragraph_s_place_skips_the_side_matter_above_it(tmp_path: Path) -> None:
    # the lead under an editor's note is the story's first paragraph (its lead's bonus):
    # how many side-matter paragraphs stand above each of the first story paragraphs is
    # kept as they are indexed, and saved
    lib = Library()
    note = "Editor's note: This file is based on the news of Aug. 14."
    lib.add([make_article("Maui fires", note, "Fires burned Lahaina.", "Crews fought on.")])
    lib.add([make_article("Plain", "First.", note, "Third.", "Fourth.", "Fifth.", "Sixth.")])
    shifts = [0, 1, 1, 0, 0, 1, 1, 0, 0]
    assert lib.para_aside.tolist() == [True, False, False, False, True] + [False] * 4
    assert lib.para_shift.tolist() == shifts
    lib.save(tmp_path)
    assert Library.load(tmp_path, SearchConfig()).para_shift.tolist() == shifts


def test_each_passage_s_end_mark_is_kept_and_saved(tmp_path: Path) -> None:
    # ranking tells "Mike Johnson" (a list item) from "Who is Mike Johnson?" (a subhead) by
    # the marks kept as the passages are indexed, added later too, without reading the text
    lib = Library()
    lib.add([make_article("Speaker race", "Who is Mike Johnson?", "Mike Johnson", "He won.")])
    lib.add([make_article("Line-up", "The nominees are:", "Tom Emmer")])
    marks = [ord("?"), 0, ord("."), ord(":"), 0]
    assert lib.para_end.tolist() == marks
    lib.save(tmp_path)
    assert Library.load(tmp_path, SearchConfig()).para_end.tolist() == marks


def test_a_corrupt_saved_index_is_rebuilt(
    corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data = tmp_path / "data"
    open_library([corpus], data, SearchConfig())
    current = data / (data / "CURRENT").read_text().strip()
    (current / "manifest.json").write_text("{not json", encoding="utf-8")
    report = open_library([corpus], data, SearchConfig())
    assert report.action == "built"
    assert "unreadable" in caplog.text
    assert top(report.library, "interest rates") == "Bank raises rates"


def _damage_a_npy(gen: Path) -> None:
    (gen / "para_hash.npy").write_bytes(b"junk")


def _empty_the_store(gen: Path) -> None:
    (gen / "articles.jsonl").write_bytes(b"")


def _blank_an_index_meta(gen: Path) -> None:
    (gen / "body" / "meta.json").write_text("{}", encoding="utf-8")


def _truncate_para_article(gen: Path) -> None:
    np.save(gen / "para_article.npy", np.zeros(1, np.int32))


def _truncate_para_aside(gen: Path) -> None:
    np.save(gen / "para_aside.npy", np.zeros(1, np.bool_))


def _truncate_para_shift(gen: Path) -> None:
    np.save(gen / "para_shift.npy", np.zeros(1, np.uint8))


def _truncate_para_end(gen: Path) -> None:
    np.save(gen / "para_end.npy", np.zeros(1, np.uint8))


def _cut_the_store_short(gen: Path) -> None:
    with (gen / "articles.jsonl").open("r+b") as f:
        f.truncate(10)


def _empty_the_vocabulary(gen: Path) -> None:
    (gen / "body" / "vocab.txt").write_text("", encoding="utf-8")


def _lose_a_segment(gen: Path) -> None:
    for part in (gen / "body").glob("seg0.*"):
        part.unlink()


def _garble_the_pointer(gen: Path) -> None:
    (gen.parent / "CURRENT").write_bytes(b"\xff\xfe")


def _garble_a_npy_header(gen: Path) -> None:
    """The header's dict unclosed: numpy's parser raises tokenize's own error."""
    path = gen / "head" / "doc_len.npy"
    path.write_bytes(path.read_bytes().replace(b"), }", b" , }", 1))


def _send_a_paragraph_to_another_article(gen: Path) -> None:
    """Same size, same last value: a paragraph of article 0 moved to article 1."""
    path = gen / "para_article.npy"
    owners = np.load(path)
    owners[0] = 1
    np.save(path, owners)


def _negate_a_paragraph_length(gen: Path) -> None:
    """Same size: a length the kernel would read as an index far past its norm table."""
    path = gen / "body" / "doc_len.npy"
    lengths = np.load(path)
    lengths[1] = -3
    np.save(path, lengths)


def _null_an_index_meta(gen: Path) -> None:
    (gen / "head" / "meta.json").write_text("null", encoding="utf-8")


def _garble_the_manifest_types(gen: Path) -> None:
    manifest = json.loads((gen / "manifest.json").read_text(encoding="utf-8"))
    manifest["news_seq"] = "5"
    manifest["skipped"] = [5]
    (gen / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def _list_the_manifest_sources(gen: Path) -> None:
    manifest = json.loads((gen / "manifest.json").read_text(encoding="utf-8"))
    manifest["sources"] = "not a mapping"
    (gen / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.parametrize(
    "damage",
    [
        _damage_a_npy,
        _empty_the_store,
        _blank_an_index_meta,
        _truncate_para_article,
        _truncate_para_aside,
        _truncate_para_end,
        _truncate_para_shift,
        # these loaded without a word and crashed or answered wrongly later
        _cut_the_store_short,
        _empty_the_vocabulary,
        _lose_a_segment,
        _garble_the_pointer,
        # JSON of the wrong shape: an AttributeError or TypeError later
        _null_an_index_meta,
        _list_the_manifest_sources,
        _garble_the_manifest_types,
        # a traceback on every later start: numpy's header parser, the kernel's group check
        _garble_a_npy_header,
        _send_a_paragraph_to_another_article,
        _negate_a_paragraph_length,  # a stray read in the kernel
    ],
)
@pytest.mark.parametrize("grown", [False, True])
def test_a_damaged_saved_index_is_rebuilt_not_a_crash(
    corpus: Path,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    damage: Callable[[Path], None],
    grown: bool,
) -> None:
    data = tmp_path / "data"
    open_library([corpus], data, SearchConfig())
    damage(data / (data / "CURRENT").read_text().strip())
    if grown:  # a new file: the saved index would be loaded and added to
        write_jsonl(corpus / "two.jsonl", record(3, "Marathon record falls", "A new record."))

    report = open_library([corpus], data, SearchConfig())

    assert report.action == "built"
    assert "unreadable" in caplog.text
    assert report.library.n_articles == 3 if grown else 2
    assert top(report.library, "interest rates") == "Bank raises rates"
    again = open_library([corpus], data, SearchConfig())  # and the rebuilt one was saved
    assert again.action == "loaded"
    assert top(again.library, "interest rates") == "Bank raises rates"


def test_broken_links_in_a_corpus_are_skipped_by_name(
    corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (corpus / "dead.jsonl").symlink_to(tmp_path / "nowhere.jsonl")
    (corpus / "loop.jsonl").symlink_to(corpus / "loop.jsonl")

    report = open_library([corpus], tmp_path / "data", SearchConfig())

    assert report.library.n_articles == 2
    warnings = sorted(r.getMessage() for r in caplog.records if r.levelname == "WARNING")
    assert warnings == [
        f"ignored {corpus / 'dead.jsonl'}: a symbolic link to {tmp_path / 'nowhere.jsonl'}, "
        "which does not exist",
        f"ignored {corpus / 'loop.jsonl'}: a symbolic link in a loop",
    ]


def test_starts_that_find_the_index_stale_at_once_build_it_once(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # three asks and an index after a change each built the whole index, side by side
    import threading
    import time

    import retrieval.library

    builds: list[int] = []
    add = retrieval.library._add_in_chunks

    def slow_add(*args: Any) -> None:
        builds.append(1)
        time.sleep(0.3)  # long enough for the others to find the index stale too
        add(*args)

    monkeypatch.setattr(retrieval.library, "_add_in_chunks", slow_add)
    data = tmp_path / "data"
    actions: list[str] = []

    def start() -> None:
        actions.append(open_library([corpus], data, SearchConfig()).action)

    threads = [threading.Thread(target=start) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(actions) == ["built", "loaded", "loaded"]
    assert len(builds) == 1


def test_saves_from_two_writers_at_once_both_land(corpus: Path, tmp_path: Path) -> None:
    import threading

    from retrieval.library import save_library

    data = tmp_path / "data"
    first = open_library([corpus], data, SearchConfig())
    manifest = _read_manifest(data / (data / "CURRENT").read_text().strip())
    assert manifest is not None
    errors: list[BaseException] = []

    def save() -> None:
        try:
            for _ in range(5):
                save_library(first.library, data, manifest)
        except BaseException as exc:
            errors.append(exc)

    writers = [threading.Thread(target=save) for _ in range(3)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()

    assert errors == []
    assert open_library([corpus], data, SearchConfig()).action == "loaded"
    assert len([p for p in data.iterdir() if "gen-" in p.name]) == 1


def test_an_id_already_used_is_dropped_when_added_too(
    corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data = tmp_path / "data"
    open_library([corpus], data, SearchConfig())
    write_jsonl(corpus / "two.jsonl", record(1, "Penguins reach Chile", "Penguins swam north."))

    added = open_library([corpus], data, SearchConfig())
    built = open_library([corpus], data, SearchConfig(), force=True)

    assert added.action == "updated"
    assert added.library.n_articles == built.library.n_articles == 2
    assert (added.added, added.duplicates) == (0, 1)
    assert "its id a1 is already used" in caplog.text


def test_a_file_that_goes_while_the_index_opens_is_skipped(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import retrieval.library

    data = tmp_path / "data"
    open_library([corpus], data, SearchConfig())
    doomed = write_jsonl(corpus / "two.jsonl", record(3, "Marathon record", "A new record."))
    listed = retrieval.library.find_files

    def then_deleted(paths: list[Path], ignored: list[tuple[str, str]]) -> list[Path]:
        found = listed(paths, ignored)
        doomed.unlink()  # another process removes it between the listing and the reading
        return found

    monkeypatch.setattr(retrieval.library, "find_files", then_deleted)
    report = open_library([corpus], data, SearchConfig())

    assert report.library.n_articles == 2
    assert [path for path, _ in report.skipped] == [str(doomed)]


def test_a_generation_replaced_while_it_opens_is_followed_not_rebuilt(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    data = tmp_path / "data"
    open_library([corpus], data, SearchConfig())
    load = Library.load
    calls: list[Path] = []

    def writer_wins(folder: Path, *args: object, **kwargs: object) -> Library:
        calls.append(folder)
        if len(calls) == 1:  # another process saves a new generation and removes this one
            open_library([corpus], data, SearchConfig(), force=True)
        return load(folder, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Library, "load", writer_wins)
    report = open_library([corpus], data, SearchConfig())

    assert report.action == "loaded"
    assert calls[0] != calls[-1]
    assert "unreadable" not in caplog.text


@pytest.mark.parametrize("same", ["url", "id", "text"])
def test_a_copy_added_later_wins_as_it_would_in_a_fresh_build(
    corpus: Path, tmp_path: Path, same: str
) -> None:
    def copy(n: int, headline: str, text: str) -> dict[str, object]:
        made = record(n, headline, text, url=f"https://news.example/{n}")
        if same == "url":
            made["url"] = "https://news.example/story"
        elif same == "id":
            made["id"] = "story"
        return made

    write_jsonl(corpus / "z.jsonl", copy(7, "Old headline", "The first version of the text."))
    data = tmp_path / "data"
    open_library([corpus], data, SearchConfig())
    if same == "text":  # the same headline and text under another id and URL
        later = copy(8, "Old headline", "The first version of the text.")
    else:
        later = copy(8, "New headline", "The corrected version of the text.")
    write_jsonl(corpus / "a.jsonl", later)  # sorts before z.jsonl: a fresh build keeps it

    added = open_library([corpus], data, SearchConfig())
    fresh = open_library([corpus], tmp_path / "fresh", SearchConfig())

    def stored(report: object) -> list[tuple[str, str]]:
        lib = report.library  # type: ignore[attr-defined]
        return sorted((a.id, a.headline) for a in lib.store)

    assert stored(added) == stored(fresh)
    kept = {"url": ("a8", "New headline"), "id": ("story", "New headline")}
    assert kept.get(same, ("a8", "Old headline")) in stored(added)


def test_a_start_that_loads_does_not_read_the_indexed_keys(
    corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data = tmp_path / "data"
    open_library([corpus], data, SearchConfig())
    keys = data / (data / "CURRENT").read_text().strip() / "keys.json"
    keys.unlink()  # megabytes for a big corpus: only an update needs them

    assert open_library([corpus], data, SearchConfig()).action == "loaded"
    write_jsonl(corpus / "two.jsonl", record(3, "Marathon record falls", "A new record."))
    grown = open_library([corpus], data, SearchConfig())  # an update does: without, a build
    assert grown.action == "built"
    assert grown.library.n_articles == 3
    assert "unreadable" in caplog.text


def test_only_one_generation_is_kept_and_no_temporary_folders(corpus: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    open_library([corpus], data, SearchConfig())
    open_library([corpus], data, SearchConfig(), force=True)
    names = sorted(p.name for p in data.iterdir())
    assert names[:2] == [".build.lock", "CURRENT"]  # the lock builds take turns on
    assert len(names) == 3
    assert names[2].startswith("gen-")


def test_a_start_that_loads_removes_what_a_killed_save_left(corpus: Path, tmp_path: Path) -> None:
    # a save killed halfway left a hidden copy as big as the index until the next save
    data = tmp_path / "data"
    open_library([corpus], data, SearchConfig())
    half = data / ".gen-1733000000000000123.tmp"  # named as a save names it: time_ns
    half.mkdir()
    (half / "articles.jsonl").write_bytes(b"x" * 1000)  # the first file a save writes
    (data / ".gen-1733000000000000124.tmp").mkdir()  # killed before it wrote anything
    (data / ".CURRENT.tmp").write_text("gen-1733000000000000123")

    # killed between its generation's rename and the pointer's: a whole generation left
    whole = data / "gen-1733000000000000999"
    shutil.copytree(data / (data / "CURRENT").read_text().strip(), whole)
    current = (data / "CURRENT").read_text()
    (data / "gen-notes").mkdir()  # not a generation's name: the user's
    (data / "gen-2.bak").mkdir()
    (data / "gen-77").write_text("a file, not a save")

    assert open_library([corpus], data, SearchConfig()).action == "loaded"
    assert not half.exists()
    assert not (data / ".gen-1733000000000000124.tmp").exists()
    assert not (data / ".CURRENT.tmp").exists()
    assert not whole.exists()
    assert (data / "gen-notes").is_dir()
    assert (data / "gen-2.bak").is_dir()
    assert (data / "gen-77").is_file()
    assert (data / "CURRENT").read_text() == current
    assert (data / current.strip()).is_dir()  # the one in use stays


def test_saves_and_loads_remove_only_what_newsbot_wrote(corpus: Path, tmp_path: Path) -> None:
    # a data directory that is a folder of the user's own (--data-dir ~/work) had lost every
    # gen-<digits> folder and any .gen-* or .CURRENT* entry to each save, and to a load
    data = tmp_path / "data"
    data.mkdir()
    (data / "gen-2024").mkdir()
    (data / "gen-2024" / "photos.txt").write_text("my notes")
    (data / ".gen-notes").mkdir()
    (data / ".gen-2024.tmp").mkdir()
    (data / ".gen-2024.tmp" / "draft.txt").write_text("mine")
    (data / ".CURRENT.bak").write_text("gen-1")  # a backup taken while repairing by hand
    (data / ".CURRENT-old").mkdir()
    own = data / "gen-1733000000000000000"  # a save's name, but no index in it
    own.mkdir()
    (own / "list.txt").write_text("mine")
    user = sorted(p.name for p in data.iterdir())

    open_library([corpus], data, SearchConfig())  # a build saves
    open_library([corpus], data, SearchConfig(), force=True)  # a save replaces a generation
    (data / "CURRENT.bak").write_text("x")
    assert open_library([corpus], data, SearchConfig()).action == "loaded"  # a load sweeps
    assert (data / "gen-2024" / "photos.txt").read_text() == "my notes"
    assert (data / ".gen-2024.tmp" / "draft.txt").read_text() == "mine"
    assert (own / "list.txt").read_text() == "mine"
    kept = {".build.lock", "CURRENT", "CURRENT.bak", (data / "CURRENT").read_text().strip()}
    assert sorted(p.name for p in data.iterdir() if p.name not in kept) == user


@pytest.mark.parametrize(
    ("pointer", "why"),
    [
        ("gen-../../etc", "names no saved index ('gen-../../etc')"),
        ("", "is empty"),
        ("gen-1", "names no saved index"),  # its generation deleted
        (b"\xff\xfe\x00garbage", "is unreadable"),
    ],
)
def test_a_pointer_that_names_no_saved_index_is_said_once_and_rebuilt(
    corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, pointer: str | bytes, why: str
) -> None:
    # it had been rebuilt without a word, or said twice (the load, then the build)
    data = tmp_path / "data"
    open_library([corpus], data, SearchConfig())
    if isinstance(pointer, bytes):
        (data / "CURRENT").write_bytes(pointer)
    else:
        (data / "CURRENT").write_text(pointer)
    caplog.clear()

    report = open_library([corpus], data, SearchConfig())

    assert report.action == "built"
    said = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert said == [f"{data / 'CURRENT'} {why}; rebuilding the index"]
    assert open_library([corpus], data, SearchConfig()).action == "loaded"


def test_no_data_dir_means_in_memory(corpus: Path) -> None:
    report = open_library([corpus], None, SearchConfig())
    assert report.action == "built"
    assert report.library.n_articles == 2


def test_missing_and_empty_corpora_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="nowhere"):
        open_library([tmp_path / "nowhere"], None, SearchConfig())
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusError, match="no articles"):
        open_library([tmp_path / "empty"], None, SearchConfig())


def test_a_skipped_file_is_still_reported_when_the_saved_index_is_used(
    corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data = tmp_path / "data"
    bad = corpus / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    built = open_library([corpus], data, SearchConfig())
    caplog.clear()
    caplog.set_level(logging.INFO, logger="retrieval.library")

    loaded = open_library([corpus], data, SearchConfig())
    write_jsonl(corpus / "two.jsonl", record(3, "Marathon record", "A new record."))
    updated = open_library([corpus], data, SearchConfig())

    assert (built.action, loaded.action, updated.action) == ("built", "loaded", "updated")
    assert [path for path, _ in built.skipped] == [str(bad)]
    assert loaded.skipped == updated.skipped == built.skipped
    named = [r for r in caplog.records if f"skipped {bad}: " in r.getMessage()]
    assert [r.levelno for r in named] == [logging.INFO] * 2  # --debug lists it; no warning
    bad.write_text(json.dumps(record(4, "Mended file", "It loads now.")), encoding="utf-8")
    mended = open_library([corpus], data, SearchConfig())
    assert (mended.action, mended.skipped) == ("built", ())
    assert open_library([corpus], data, SearchConfig()).skipped == ()


@pytest.mark.parametrize("added", [False, True])
def test_removing_a_file_that_gave_no_article_needs_no_rebuild(
    corpus: Path, tmp_path: Path, added: bool
) -> None:
    # a broken file (skipped whole) deleted: no indexed article came from it, and a fresh
    # build would give the same index, but every start had rebuilt it (32 s for 100,000 files)
    data = tmp_path / "data"
    (corpus / "zbroken.json").write_text("{not json", encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    built = open_library([corpus], data, SearchConfig())
    assert len(built.skipped) == 2
    (corpus / "zbroken.json").unlink()
    if added:  # with a new file after the others: added as new files are
        write_jsonl(corpus / "two.jsonl", record(3, "Marathon record", "A new record."))

    opened = open_library([corpus], data, SearchConfig())
    again = open_library([corpus], data, SearchConfig())

    assert opened.action == ("updated" if added else "loaded")
    assert again.action == "loaded"  # the saved index no longer lists it
    assert (
        opened.skipped == again.skipped == ((str((corpus / "empty.txt").resolve()), "empty file"),)
    )
    fresh = open_library([corpus], tmp_path / "fresh", SearchConfig()).library
    assert [a.id for a in again.library.store] == [a.id for a in fresh.store]


def test_removing_an_indexed_file_still_rebuilds(corpus: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_jsonl(corpus / "two.jsonl", record(3, "Marathon record", "A new record."))
    (corpus / "zbroken.json").write_text("{not json", encoding="utf-8")
    open_library([corpus], data, SearchConfig())
    (corpus / "zbroken.json").unlink()
    (corpus / "two.jsonl").unlink()

    assert open_library([corpus], data, SearchConfig()).action == "built"


def test_a_file_named_on_its_own_that_is_not_read_counts_as_skipped(
    corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # named with --corpus, a spreadsheet was warned about and left out of "N files skipped"
    sheet = tmp_path / "stories.xlsx"
    sheet.write_bytes(b"PK\x03\x04")
    data = tmp_path / "data"

    built = open_library([corpus, sheet], data, SearchConfig())
    loaded = open_library([corpus, sheet], data, SearchConfig())

    assert built.library.n_articles == 2
    for report in (built, loaded):
        assert [path for path, _ in report.skipped] == [str(sheet)]
        assert report.skipped[0][1].startswith("Excel spreadsheets are not read; save them as CSV")
        assert report.skipped_before == ()  # warned about at each start: named this time
    assert sum("stories.xlsx" in r.getMessage() for r in caplog.records) == 2


def test_an_added_http_copy_of_an_indexed_https_url_is_a_duplicate(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    url = "https://wire.example/volcano"
    write_jsonl(corpus / "one.jsonl", record(1, "Volcano erupts", "Lava flowed.", url=url))
    data = tmp_path / "data"
    open_library([corpus], data, SearchConfig())
    copy = record(2, "Volcano erupts (archive)", "Lava flowed, said the archive.", url=url)
    write_jsonl(corpus / "two.jsonl", {**copy, "url": "http://wire.example/volcano/"})

    added = open_library([corpus], data, SearchConfig())

    assert added.action == "updated"
    assert (added.library.n_articles, added.added, added.duplicates) == (1, 0, 1)


def test_an_added_file_whose_made_up_id_is_taken_loads_as_a_fresh_build_would(
    tmp_path: Path,
) -> None:
    # two live pages, one name and one headline in two folders, no id or URL: another text
    corpus = tmp_path / "corpus"
    (corpus / "a").mkdir(parents=True)
    (corpus / "b").mkdir()
    (corpus / "a" / "live.md").write_text("# Live: election\n\nPolls opened at seven.\n")
    data = tmp_path / "data"
    open_library([corpus], data, SearchConfig())
    (corpus / "b" / "live.md").write_text("# Live: election\n\nTurnout reached forty percent.\n")

    added = open_library([corpus], data, SearchConfig())
    built = open_library([corpus], tmp_path / "fresh", SearchConfig())

    assert (added.action, added.added) == ("updated", 1)
    ids = [[a.id for a in report.library.store] for report in (added, built)]
    assert ids[0] == ids[1]
    assert len(set(ids[0])) == 2


def test_a_changed_byte_in_the_saved_articles_names_the_fix(corpus: Path, tmp_path: Path) -> None:
    """The sizes still match, so the load cannot tell; the article that cannot be read
    says the index is damaged and how to rebuild it, in one line (a StoreError: the
    command line prints it, exit status 2, no traceback)."""
    from retrieval.store import StoreError

    data = tmp_path / "data"
    open_library([corpus], data, SearchConfig())
    store = data / (data / "CURRENT").read_text().strip() / "articles.jsonl"
    damaged = bytearray(store.read_bytes())
    damaged[1] = ord("x")  # {"id": ... -> {xid": ...
    store.write_bytes(bytes(damaged))

    library = open_library([corpus], data, SearchConfig()).library
    with pytest.raises(StoreError, match=r"damaged .*article 0 .*newsbot index --force"):
        library.store.get(0)
    assert library.store.get(1).headline  # the others still answer


@pytest.mark.parametrize("value", [-7, 1_000_000, 0])
def test_a_changed_posting_in_the_saved_index_names_the_fix(
    corpus: Path, tmp_path: Path, value: int
) -> None:
    """A posting changed in place (sizes fit, so the load cannot tell) to a paragraph that
    does not exist, or out of order: the search says the index is damaged and how to
    rebuild it (a StoreError), and the kernel reads nothing outside its arrays."""
    from retrieval.store import StoreError

    write_jsonl(
        corpus / "two.jsonl",
        record(3, "Rates rise again", "Rates rose in May.", "Rates may rise in June.", "So."),
    )
    data = tmp_path / "data"
    open_library([corpus], data, SearchConfig())
    gen = data / (data / "CURRENT").read_text().strip()
    library = Library.load(gen, SearchConfig())
    docs_file = gen / "body" / "seg0.docs.npy"
    docs = np.load(docs_file)
    tid = library.body.vocab["rate"]
    start, end = library.body.segments[0].offsets[tid : tid + 2]
    assert end - start == 3
    docs[end - 1] = value if value else docs[start] - 1  # 0: the list goes back
    np.save(docs_file, docs)

    library = open_library([corpus], data, SearchConfig()).library
    with pytest.raises(StoreError, match=r"index in .*body is damaged .*newsbot index --force"):
        Searcher(library).search("interest rates", 3)


def test_a_new_file_reusing_an_indexed_id_is_dropped_with_one_warning_line(
    corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A file added after the index was built whose record reuses an indexed article's id:
    dropped, with one warning line, whatever its name and id hold (no forged log line)."""
    data = tmp_path / "data"
    open_library([corpus], data, SearchConfig())
    again = record(2, "Another volcano story", "Ash fell on the town.")  # id a2, indexed
    write_jsonl(corpus / "z\nWARNING forged.jsonl", again)
    caplog.set_level(logging.WARNING)

    report = open_library([corpus], data, SearchConfig())

    assert report.library.n_articles == 2
    dropped = [r.getMessage() for r in caplog.records if "already used" in r.getMessage()]
    assert len(dropped) == 1
    assert "\n" not in dropped[0]
    assert "z\\nWARNING forged.jsonl" in dropped[0]


def test_a_data_directory_inside_the_corpus_is_not_read_as_articles(
    corpus: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """`--corpus news --data-dir news`: the saved index's own files (JSON, a JSONL store)
    were warned about on every start, and the index built anew each time."""
    first = open_library([corpus], corpus, SearchConfig())
    caplog.clear()

    again = open_library([corpus], corpus, SearchConfig())

    assert (first.action, again.action) == ("built", "loaded")
    assert again.library.n_articles == first.library.n_articles == 2
    assert not [r for r in caplog.records if r.levelname == "WARNING"]
    nested = open_library([corpus.parent], corpus / "index", SearchConfig())
    assert nested.library.n_articles == 2
    assert open_library([corpus.parent], corpus / "index", SearchConfig()).action == "loaded"


def test_a_corpus_of_only_bad_files_says_they_could_not_be_read(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"\xff\xfe")
    (folder / "b.json").write_text("{", encoding="utf-8")

    with pytest.raises(CorpusError) as caught:
        open_library([folder], tmp_path / "data", SearchConfig())

    message = str(caught.value)
    assert "the 2 article files there could not be read" in message
    assert "add .txt" not in message  # there are files; adding more is not the fix
    # a line break in the corpus's name is shown escaped: the one line had printed as two
    odd = tmp_path / "bro\nken.json"
    odd.write_text("{", encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        open_library([odd], tmp_path / "data2", SearchConfig())
    assert "\n" not in str(caught.value)
    assert "bro\\nken.json" in str(caught.value)


def test_a_long_paragraph_is_indexed_as_passages_of_sentences(tmp_path: Path) -> None:
    # a record whose body is one string of 300 sentences: the answer is its one sentence
    # on the crossing, in a passage of at most MAX_PASSAGE_CHARS, not the whole body
    filler = [f"Councillor {n} spoke about the budget for the river works." for n in range(300)]
    body = " ".join([*filler[:200], "The zebra crossing was painted blue on Tuesday.", *filler])
    folder = tmp_path / "corpus"
    folder.mkdir()
    write_jsonl(folder / "one.jsonl", record(1, "Town news", "Short lead.", body, "Last words."))
    lib = open_library([folder], tmp_path / "data", SearchConfig()).library
    hit = Searcher(lib).search("what colour was the zebra crossing painted", 1).hits[0]
    assert "zebra crossing was painted blue" in hit.text
    assert len(hit.text) <= MAX_PASSAGE_CHARS
    article = hit.article
    assert article.source_position(hit.position) == 1  # the record's second paragraph
    assert article.source_position(len(article.paragraphs) - 1) == 2  # "Last words."
    pieces = [p.text for p in article.paragraphs[1:-1]]
    assert len(pieces) == -(-len(body) // MAX_PASSAGE_CHARS)
    assert " ".join(pieces) == body  # nothing lost, nothing repeated
    assert all(piece.endswith("works.") or "Tuesday." in piece for piece in pieces)


@pytest.mark.parametrize(
    "text",
    [
        " ".join(["word"] * 2_000),  # no sentence ends: cut at spaces
        "字" * 5_000,  # no spaces: cut at the limit
        "One. " + "A very long sentence " * 300 + "ends here. Two.",
    ],
)
def test_split_passage_keeps_every_word_within_the_limit(text: str) -> None:
    pieces = split_passage(text)
    assert all(0 < len(piece) <= MAX_PASSAGE_CHARS for piece in pieces)
    assert "".join("".join(pieces).split()) == "".join(text.split())


def test_a_data_directory_that_cannot_be_created_is_said_to_be_so(tmp_path: Path) -> None:
    # "the folder was removed while it was being written; run the command again": never helps
    from retrieval.library import _unsaved

    error = FileNotFoundError(2, "No such file or directory", "/proc/nope")
    assert _unsaved(Path("/proc/nope/data"), error) == (
        "the index could not be saved in /proc/nope/data: cannot create the folder (No such "
        "file or directory); set --data-dir or corpus.data_dir to a folder you can write"
    )


def test_a_data_directory_removed_while_saving_is_said_to_be_so(tmp_path: Path) -> None:
    # "set --data-dir to a folder you can write" sent the user after a permission problem
    from retrieval.library import _unsaved

    gone = tmp_path / "data"
    error = FileNotFoundError(2, "No such file or directory", str(gone / ".gen-1.tmp" / "x"))
    message = _unsaved(gone, error)
    assert message == (
        f"the index could not be saved in {gone}: the folder was removed while it was being "
        "written; run the command again"
    )
    gone.mkdir()  # there, the reason is another: named as before
    assert "a folder you can write" in _unsaved(gone, error)
