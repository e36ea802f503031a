"""Topic-drill set-up: a ticked domain shows its topics ticked, ticks differ by glyph,
every focus stop is visible, and one line ticks every domain."""

from __future__ import annotations

from textual.widgets import Button, Input, RadioButton, RadioSet, SelectionList, Static

from quizapp.ui.screens.drill_setup import DrillSetupScreen
from tests.ui.conftest import AppFactory


def row_text(picker: SelectionList[str], y: int) -> str:
    return "".join(segment.text for segment in picker.render_line(y))


async def _setup(app: object, pilot: object) -> SelectionList[str]:
    await pilot.press("d")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, DrillSetupScreen)
    picker: SelectionList[str] = screen.query_one("#setup-topics", SelectionList)
    return picker


def index_of(picker: SelectionList[str], value: str) -> int:
    return next(
        i for i in range(picker.option_count) if picker.get_option_at_index(i).value == value
    )


async def test_ticking_a_domain_ticks_its_topics(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        picker = await _setup(app, pilot)
        picker.highlighted = index_of(picker, "domain:A")
        await pilot.press("space")
        await pilot.pause()
        assert {"A.1", "A.2"} <= set(picker.selected)
        assert "4 questions match" in str(app.screen.query_one("#setup-available", Static).content)
        # unticking one topic unticks its domain; the other topic stays
        picker.highlighted = index_of(picker, "A.1")
        await pilot.press("space")
        await pilot.pause()
        assert set(picker.selected) == {"A.2"}


async def test_all_domains_ticks_every_topic(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        picker = await _setup(app, pilot)
        picker.highlighted = 0
        assert "All domains" in str(picker.get_option_at_index(0).prompt)
        await pilot.press("space")
        await pilot.pause()
        assert {"A.1", "A.2", "B.1"} <= set(picker.selected)
        await pilot.press("space")
        await pilot.pause()
        assert picker.selected == []


async def test_ticked_and_unticked_differ_by_glyph(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        picker = await _setup(app, pilot)
        a1, a2 = index_of(picker, "A.1"), index_of(picker, "A.2")
        picker.select("A.1")
        await pilot.pause()
        ticked, unticked = row_text(picker, a1), row_text(picker, a2)
        assert ticked[:3] != unticked[:3], (ticked, unticked)
        radios = list(app.screen.query(RadioButton))
        chosen = [str(r.render()) for r in radios if r.value]
        others = [str(r.render()) for r in radios if not r.value]
        assert chosen[0][:3] != others[0][:3], (chosen, others)


async def test_every_focus_stop_is_visible(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _setup(app, pilot)
        stops = []
        for _ in range(4):
            await pilot.press("tab")
            await pilot.pause()
            stops.append(type(app.focused))
        assert stops[:3] == [RadioSet, Input, Button]
