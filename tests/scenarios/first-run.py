#!/usr/bin/python3
# Scenario 1, first run: a new user opens Byline with the sample newsroom and finds the three
# parts of the window by name: the story list, the story editor and the image-credit panel.
#
# SPDX-License-Identifier: GPL-3.0-or-later

from byline_scenario import ScenarioFailure, main, open_story, read_text, row_text, story_rows, wait_until

SAMPLE_STORY = "Riverside Bridge repairs: a timeline of the closure"
STATUSES = ("Draft", "Pending review", "Scheduled", "Published", "Private")


def first_run(scenario):
    scenario.step("Byline starts for the first time, with the sample newsroom")
    app = scenario.start_app("reporter", "--sample")
    wait_until("the window to count its stories", lambda: app.label_containing(" stories", timeout=0))
    scenario.screenshot("sample newsroom")

    scenario.step("the story list, the editor and the credit panel are there by name")
    for role, name in (("filler", "Story List"), ("filler", "Story Editor"), ("filler", "Image Credits"),
                       ("list", "Stories"), ("list", "Images and their credits"),
                       ("entry", "Search stories by headline, byline or tag")):
        app.child(role, name)
    for button in ("New Story", "Sync Now", "Main Menu", "Show Story List", "Show Image Credits",
                   "Move to Trash"):
        app.button(button)

    scenario.step("the sample stories are listed, each read out with its status")
    _story_list, rows = story_rows(app)
    if len(rows) < 6:
        raise ScenarioFailure(f"expected the six sample stories, the list shows {len(rows)} rows")
    for row in rows:
        if not any(f", {status}," in row_text(row) for status in STATUSES):
            raise ScenarioFailure(f"a story row does not say its status: “{row_text(row)}”")
    scenario.screenshot("story list")

    scenario.step("opening a story shows it in the editor and its images in the credit panel")
    open_story(app, SAMPLE_STORY)
    body = app.child("text", "Body")
    wait_until("the story's body in the editor", lambda: len(read_text(body)) > 100)
    scenario.screenshot("story open")


main(first_run)
