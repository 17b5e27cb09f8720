"""The widget JavaScript the book serves itself: fetched once, checked, never silently wrong."""

from __future__ import annotations

import pytest

from dgtkit.site import widget_js
from tests.conftest import free_port


def test_nothing_is_present_in_an_empty_folder(tmp_path):
    assert not widget_js.is_present(tmp_path)


def test_an_unreachable_registry_gives_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setenv("DGTKIT_NPM_REGISTRY", f"http://127.0.0.1:{free_port()}")
    with pytest.raises(widget_js.WidgetJsError, match="Connect this machine once"):
        widget_js.fetch(tmp_path)
    assert not (tmp_path / widget_js.VENDOR_DIR / widget_js.SUBFOLDER).exists()


def test_a_tampered_download_is_refused(tmp_path, monkeypatch, serve_directory):
    mirror = tmp_path / "mirror" / "requirejs" / "-"
    mirror.mkdir(parents=True)
    (mirror / "requirejs-2.3.8.tgz").write_bytes(b"not the published file")
    monkeypatch.setenv("DGTKIT_NPM_REGISTRY", serve_directory(tmp_path / "mirror").rstrip("/"))
    with pytest.raises(widget_js.WidgetJsError, match="does not match its published checksum"):
        widget_js.fetch(tmp_path / "book-root")
    assert not widget_js.is_present(tmp_path / "book-root")


def test_the_repository_copy_is_complete_once_the_book_was_built():
    from tests.conftest import REPO

    folder = widget_js.ensure(REPO)
    names = {p.name for p in folder.iterdir()}
    assert {"require.js", "embed-amd.js", "VERSIONS.txt"} <= names
    assert widget_js.is_present(REPO)
