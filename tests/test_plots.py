"""Plot helpers: ``ax=None`` or a given axes, drawn data matches the table, house colours, save_figure."""
from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from analysis import plots


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _bar_widths(ax) -> list[float]:
    return [p.get_width() for p in ax.patches]


def test_barh_draws_on_the_given_axes_first_row_on_top():
    fig, ax = plt.subplots()
    data = pd.DataFrame({"outlet": ["A", "B", "C"], "n": [3, 5, 1]})
    out = plots.barh(data, "outlet", "n", ax=ax, title="Articles")
    assert out is ax and len(fig.axes) == 1
    top_to_bottom = sorted(ax.get_yticklabels(), key=lambda t: -t.get_position()[1])
    assert [t.get_text() for t in top_to_bottom] == ["A", "B", "C"]
    assert sorted(_bar_widths(ax)) == [1, 3, 5]
    assert ax.get_title(loc="left") == "Articles"
    assert [t.get_text() for t in ax.texts] == ["3", "5", "1"]  # value labels


def test_barh_new_axes_house_colours_and_negative_values():
    data = pd.DataFrame({"kind": ["anonymous", "named"], "v": [-0.5, 0.25]})
    ax = plots.barh(data, "kind", "v", colors="kind", fmt="{:+.2f}")
    faces = [matplotlib_hex(p.get_facecolor()) for p in ax.patches]
    assert faces == [plots.COLORS["anonymous"].lower(), plots.COLORS["named"].lower()]
    assert ax.get_xlim()[0] <= -0.57  # room for the negative bar's label (15% of the largest bar)
    assert any(list(line.get_xdata()) == [0, 0] for line in ax.lines)  # a zero line
    assert [t.get_text() for t in ax.texts] == ["-0.50", "+0.25"]
    ax = plots.barh(data, "kind", "v", fmt="{:.0%}", annotate=False)  # percent axis without labels
    assert len(ax.texts) == 0 and "%" in ax.xaxis.get_major_formatter()(0.25, 0)


def matplotlib_hex(rgba) -> str:
    from matplotlib.colors import to_hex

    return to_hex(rgba)


def test_barh_skips_labels_for_missing_values_and_handles_empty():
    ax = plots.barh(pd.DataFrame({"k": ["a", "b"], "v": [np.nan, 2.0]}), "k", "v")
    assert [t.get_text() for t in ax.texts] == ["2"]
    empty = plots.barh(pd.DataFrame({"k": [], "v": []}), "k", "v")
    assert len(empty.patches) == 0 and len(empty.texts) == 0


def test_stacked_barh_normalised_shares_sum_to_one_and_zero_rows_stay_zero():
    wide = pd.DataFrame({"named": [2, 0], "anonymous": [2, 0], "unknown": [4, 0]}, index=["X", "Y"])
    ax = plots.stacked_barh(wide, normalize=True)
    widths = np.array(_bar_widths(ax)).reshape(3, 2)  # parts x bars
    assert widths[:, 0].sum() == pytest.approx(1.0)
    assert widths[:, 1].sum() == 0  # an all-zero row does not divide by zero
    assert ax.get_xlim() == (0, 1)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["named", "anonymous", "unknown"]


def test_unknown_and_none_are_grey_in_every_figure():
    assert plots.color_for("unknown") == plots.COLORS["none"]
    assert plots.color_for("not-a-category", 1) == plots.color_for("another-category", 1)  # the cycle
    assert plots.color_for("other") not in (plots.COLORS["unknown"], *plots.part_colors(["a", "b"]))


def test_stacked_columns_dates_and_integer_axis():
    days = pd.date_range("2024-03-01", periods=3, freq="D")
    wide = pd.DataFrame({"named": [1, 2, 0], "vague": [0, 1, 3]}, index=days)
    ax = plots.stacked_columns(wide)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Mar 01", "Mar 02", "Mar 03"]
    heights = np.array([p.get_height() for p in ax.patches]).reshape(2, 3)
    assert heights.sum(axis=0).tolist() == [1, 3, 3]


def test_lines_one_line_per_column_with_data():
    wide = pd.DataFrame({"a": [0.1, 0.2], "b": [0.3, np.nan]}, index=[2020, 2021])
    ax = plots.lines(wide, ylabel="polarity")
    assert [l.get_label() for l in ax.get_lines()] == ["a", "b"]
    assert ax.get_lines()[0].get_ydata().tolist() == [0.1, 0.2]
    assert ax.get_ylabel() == "polarity"


@pytest.mark.parametrize("values", [[], [np.nan, np.nan]])
def test_hist_empty_values_draw_nothing(values):
    ax = plots.hist(values, log=True)
    assert sum(p.get_height() for p in ax.patches) == 0


def test_hist_log_bins_count_every_value():
    values = [1, 10, 100, 1000, 5]
    ax = plots.hist(values, bins=5, log=True)
    assert ax.get_xscale() == "log"
    assert sum(p.get_height() for p in ax.patches) == len(values)


def test_save_figure_writes_png_svg_and_exactly_the_plotted_csv(tmp_path):
    data = pd.DataFrame({"outlet": ["A", "B"], "articles": [3, 5]})
    ax = plots.barh(data, "outlet", "articles")
    written = plots.save_figure(ax, "fig01-articles-per-outlet", data, tmp_path)
    assert [p.name for p in written] == ["fig01-articles-per-outlet.png", "fig01-articles-per-outlet.svg",
                                         "fig01-articles-per-outlet.csv"]
    assert written[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in written[1].read_text()
    pd.testing.assert_frame_equal(pd.read_csv(written[2]), data)


def test_save_figure_keeps_a_meaningful_index_and_is_reproducible(tmp_path):
    wide = pd.DataFrame({"named": [1, 2]}, index=pd.Index(["X", "Y"], name="outlet"))
    ax = plots.stacked_barh(wide)
    first = plots.save_figure(ax.figure, "fig02-demo", wide, tmp_path)
    svg1 = first[1].read_bytes()
    plots.save_figure(ax.figure, "fig02-demo", wide, tmp_path)
    assert first[1].read_bytes() == svg1  # no dates or random ids in the SVG: diffs stay clean
    assert pd.read_csv(first[2], index_col="outlet").equals(wide)


def test_save_figure_leaves_out_the_row_numbers_of_a_sorted_table(tmp_path):
    # fig22, fig35, fig44, fig46: a sorted table kept shuffled row numbers, written as an unnamed column
    data = pd.DataFrame({"outlet": ["A", "B", "C"], "share": [0.1, 0.5, 0.3]}).sort_values("share")
    ax = plots.barh(data, "outlet", "share")
    csv = plots.save_figure(ax, "fig03-demo", data, tmp_path)[2]
    assert csv.read_text().splitlines()[0] == "outlet,share"
    pd.testing.assert_frame_equal(pd.read_csv(csv), data.reset_index(drop=True))


def test_barh_colours_one_value_one_colour_with_a_legend():
    # fig24: colours by identification had only a note naming two of them ("blue named, ...")
    data = pd.DataFrame({"s": list("ABCD"), "n": [4, 3, 2, 1], "how": ["named", "self", "named", "gov"]})
    ax = plots.barh(data, "s", "n", colors="how")
    faces = [matplotlib.colors.to_hex(p.get_facecolor()) for p in ax.patches]
    assert faces[0] == faces[2] == plots.color_for("named").lower() and len(set(faces)) == 3
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["named", "self", "gov"]
    # no legend when the bar labels already name the values (fig44), or when asked not to
    assert plots.barh(data, "how", "n", colors="how").get_legend() is None
    assert plots.barh(data, "s", "n", colors="how", legend=False).get_legend() is None
    labelled = data.assign(label=data.s + ": " + data.how)
    assert plots.barh(labelled, "label", "n", colors="how").get_legend() is None


def test_barh_colours_many_values_without_a_warning(recwarn):
    # fig51: eleven kinds (identifications, hedge categories) in one chart, house colours shared
    kinds = ["anonymous", "institutional", "none", "vague", "named", "pronoun", "hedge", "conditional",
             "weasel", "unverified", "no comment"]
    plots.barh(pd.DataFrame({"k": kinds, "n": range(len(kinds))}), "k", "n", colors="k")
    assert not [w for w in recwarn if "share" in str(w.message)]


@pytest.mark.parametrize("bad", ["fig1-x", "Fig01-x", "fig01_x", "fig01-", "figure01-x", "fig01-Upper"])
def test_save_figure_rejects_badly_named_figures(bad, tmp_path):
    with pytest.raises(ValueError, match="must look like"):
        plots.save_figure(plots.new_axes(), bad, pd.DataFrame(), tmp_path)


def test_stacked_parts_never_share_a_colour_and_small_parts_are_lumped():
    sides = [f"side{i}" for i in range(12)]
    wide = pd.DataFrame([[12 - i for i in range(12)] + [5]], columns=sides + ["unknown"], index=["wire"])
    with pytest.warns(UserWarning, match="top_columns"):
        plots.part_colors(wide.columns)  # 13 parts, 8 cycle colours: the caller is told
    top = plots.top_columns(wide, n=8)
    assert top.columns.tolist() == sides[:7] + ["other", "unknown"]
    assert top.loc["wire", "other"] == sum(12 - i for i in range(7, 12))
    assert top.sum(axis=1).tolist() == wide.sum(axis=1).tolist()
    ax = plots.stacked_barh(top, normalize=True)
    colours = [matplotlib.colors.to_hex(p.get_facecolor()) for p in ax.patches]
    assert len(set(colours)) == len(colours) == 9
    # a house colour in the chart is not reused for another part
    assert len(set(plots.part_colors(["named", "eu", "nato"]))) == 3
    assert plots.top_columns(wide.iloc[:, :3]) is not None and plots.top_columns(wide.iloc[:, :3]).shape[1] == 3


def test_share_axes_speak_percent():
    fig, axes = plt.subplots(1, 3)
    d = pd.DataFrame({"outlet": ["A", "B"], "share": [0.25, 0.035]})
    plots.barh(d, "outlet", "share", ax=axes[0], fmt="{:.0%}")
    assert axes[0].xaxis.get_major_formatter()(0.25, 0) == "25%"
    plots.stacked_barh(pd.DataFrame({"x": [1, 3], "y": [3, 1]}, index=["A", "B"]), ax=axes[1], normalize=True)
    assert axes[1].xaxis.get_major_formatter()(0.5, 0) == "50%"
    plots.barh(pd.DataFrame({"outlet": ["A"], "n": [3]}), "outlet", "n", ax=axes[2])
    assert "%" not in axes[2].xaxis.get_major_formatter()(3, 0)
    plt.close(fig)
    fig, ax = plt.subplots()
    plots.barh(pd.DataFrame({"outlet": ["A"], "share": [0.03]}), "outlet", "share", ax=ax, fmt="{:.0%}")
    assert ax.xaxis.get_major_formatter()(0.025, 0) == "2.5%"  # small shares keep a decimal
    plt.close(fig)


def test_shorten_cuts_at_a_word_and_marks_only_cut_labels():
    s = pd.Series(["Tens of thousands of people have been killed.", "a" * 10 + " " + "b" * 100, None])
    out = plots.shorten(s, 40).tolist()
    assert out[0] == "Tens of thousands of people have been…"
    assert out[1] == "a" * 10 + "…" and out[2] == ""
    assert plots.shorten("Short claim.", 40) == "Short claim."
    assert all(len(t) <= 40 for t in out)


def test_a_note_never_overlaps_a_long_title():
    # fig43: the right-aligned note ran over the left-aligned title
    wide = pd.DataFrame({"hedge": [3.0, 1.0], "booster": [1.0, 2.0]}, index=pd.Index(["A", "B"], name="outlet"))
    ax = plots.stacked_barh(wide, title="Hedges and boosters per 1,000 words, by outlet",
                            note="booster = a marker of certainty (clearly, undoubtedly), not of doubt")
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    note = next(t for t in ax.texts if t.get_text().startswith("booster"))
    assert not ax.title.get_window_extent(renderer).overlaps(note.get_window_extent(renderer))
    plt.close(fig)


def test_a_single_part_or_line_is_named_in_a_legend():
    # fig12 and fig32 on wikinews (one outlet): "Articles per week and outlet" never named the outlet
    idx = pd.to_datetime(["2020-01-06", "2020-01-13"])
    one = pd.DataFrame({"en.wikinews.org": [3, 4]}, index=idx)
    for ax in (plots.stacked_columns(one), plots.lines(one)):
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["en.wikinews.org"]
        plt.close(ax.figure)
