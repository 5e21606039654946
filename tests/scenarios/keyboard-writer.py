#!/usr/bin/python3
# The writer's path with the keyboard alone: a new story, its headline, dek and body with a bold
# word and a link, then Submit for Review with a note. Every action is a key press; the
# accessibility tree is only read, to check where the focus is and what the story holds.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import time

import pyatspi
from gi.repository import Atspi

from byline_scenario import ScenarioFailure, WordPress, find_story_row, log, main, read_text, spoken_name, wait_until

HEADLINE = "Ferry service resumes after the strike"
DEK = "Crossings run every hour from Monday."
LINK_URL = "https://example.org/timetable"
PULLED = "Ferry strike talks to resume"
# A key press reaches the app a moment later; checking the focus sooner would overshoot.
KEY_SETTLE_SECONDS = 0.4


def focused(node):
    return node.getState().contains(pyatspi.STATE_FOCUSED)


def tab_to(app, role, name, key="Tab", limit=60):
    """Presses Tab (or another focus key) until the control with this role and name has the focus."""
    control = app.child(role, name) if role != "button" else app.button(name)
    for presses in range(limit + 1):
        if settled_focus(control):
            if presses:
                log(f"{spoken_name(control)}: {presses} × {key}")
            return control
        app.press(key)
    raise ScenarioFailure(f"{limit} presses of {key} did not reach “{name}”")


def settled_focus(control):
    """Whether control has the focus, giving the last key press time to land first."""
    deadline = time.monotonic() + KEY_SETTLE_SECONDS
    while time.monotonic() < deadline:
        if focused(control):
            return True
        time.sleep(0.05)
    return focused(control)


def bold_run(body, word):
    """The run of text around word that the accessibility tree reports as bold, or None."""
    offset = read_text(body).index(word)
    attributes, start, end = Atspi.Text.get_attribute_run(body, offset, False)
    if (attributes or {}).get("weight") in ("700", "bold"):
        return read_text(body)[start:end]
    return None


def add_account_with_keys(scenario, app, wp):
    scenario.step("Tab to Sync Now and press Space: with no account yet, Byline asks for one")
    tab_to(app, "button", "Sync Now")
    app.press("space")
    dialog = app.dialog("Add WordPress Account")
    user, password = wp.user("contributor")
    # The dialog opens with the focus in its first field. An AdwEntryRow does not report the
    # focus of the text inside it, so the check is that the typed text lands in the right row.
    for presses, (field, text) in enumerate((("Site Address", wp.url), ("Username", user),
                                             ("Application Password", password))):
        entry = app.child("text", field, within=dialog)
        if presses:
            app.press("Tab")
        app.type(text)
        wait_until(f"the typed text in {field}", lambda: read_text(entry) == text)
    scenario.screenshot("account dialog by keyboard")
    app.press("Return")
    wait_until("the account dialog to close after checking the account",
               lambda: all(window.name != "Add WordPress Account" for window in app.node.children), 30)

    scenario.step("Return adds the account, and its first sync brings the contributor's draft")
    find_story_row(app, PULLED, 30)


def keyboard_writer(scenario):
    wp = WordPress()
    wp.delete_all_posts()
    wp.create_post("contributor", title=PULLED, content="<p>Strike talks resume on Monday.</p>", status="draft")
    app = scenario.start_app("writer", "--sample")
    app.label_containing(" stories")
    add_account_with_keys(scenario, app, wp)

    scenario.step("Ctrl+N starts a story with the focus in its headline")
    before = app.story_count()
    app.press("<Control>n")
    headline = app.child("text", "Headline")
    wait_until("a new story with the focus in its headline",
               lambda: app.story_count() == before + 1 and focused(headline) and read_text(headline) == "")
    app.type(HEADLINE)
    wait_until("the typed headline", lambda: read_text(headline) == HEADLINE)

    scenario.step("Tab to the dek, then on to the body")
    tab_to(app, "text", "Dek")
    app.type(DEK)
    body = tab_to(app, "text", "Body")

    scenario.step("type the body: Ctrl+B for a bold word, Ctrl+K to link the last word")
    app.type("The port authority ")
    app.press("<Control>b")
    app.type("confirmed")
    app.press("<Control>b")
    app.type(" the new timetable. Read the timetable")
    app.press("<Control><Shift>Left")
    app.press("<Control>k")
    link_address = app.child("text", "Link address")
    wait_until("the focus in the link address", lambda: focused(link_address))
    app.type(LINK_URL)
    app.press("Return")
    wait_until("the link popover to close", lambda: not app.has("text", "Link address"))
    # The keys go on into the body; GTK 4.8 does not always tell AT-SPI that the focus came back
    # from the popover, so what is checked is where the typing lands.
    app.press("End")
    app.type(".")
    wait_until("the typing to land in the body", lambda: read_text(body).endswith("Read the timetable."))
    if not focused(body):
        log("note: after the link popover, AT-SPI reports no focused widget (GTK 4.8)")
    if bold_run(body, "confirmed") != "confirmed":
        raise ScenarioFailure(f"“confirmed” is not bold on its own: the bold run is {bold_run(body, 'confirmed')!r}")
    scenario.screenshot("written with the keyboard")

    scenario.step("Ctrl+Shift+Tab out of the body and back to Submit for Review, Space")
    # In a text view Tab and Shift+Tab are text (and list levels); with Ctrl they move the focus
    # there as everywhere else.
    tab_to(app, "button", "Submit for Review", key="<Control><Shift>Tab")
    app.press("space")
    dialog = app.dialog("Submit for Review?")
    note = app.child("text", "Note to the editor (optional)", within=dialog)
    wait_until("the focus in the note", lambda: focused(note))
    app.type("Timetable link checked.")
    tab_to(app, "button", "Submit")
    app.press("space")
    app.wait_for_status("Pending review")
    scenario.screenshot("submitted with the keyboard")


main(keyboard_writer)
