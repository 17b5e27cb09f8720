"""The book's data figures: each draws, describes its data in words and names its source."""

import re

import pytest

from dgtkit.site import figures


@pytest.mark.parametrize("name", sorted(figures.FIGURES))
def test_figure_draws_with_alt_text_data_and_source(name):
    book_figure = figures.FIGURES[name]()
    assert book_figure.figure.axes, "nothing drawn"
    assert len(book_figure.alt) > 120
    assert re.search(r"\d", book_figure.alt), "the alt text must give the numbers"
    assert "Source" in book_figure.caption
    html = book_figure.html()
    assert 'alt="' in html and "<figcaption" in html


def test_region_figure_reports_the_published_leader():
    alt = figures.egdi_by_region_2024().alt
    assert "193 UN Member States" in alt
    assert "Highest: Denmark 0.985" in alt


def test_internet_figures_leave_out_stale_values():
    alt = figures.internet_use_by_income().alt
    # Palau's latest value is from 2004 and must not set the high-income minimum (27%).
    assert "High income: median 93% (from 74%" in alt


def test_show_displays_the_figure_as_html(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", shown.append)
    figures.show("losi-regions-2020")
    assert "average LOSI 2020 scores by region" in shown[0].data
