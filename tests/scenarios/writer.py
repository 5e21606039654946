#!/usr/bin/python3
# Scenario 2, a writer's story: a contributor adds her WordPress account through the dialog,
# pulls her drafts, writes a new story (headline, dek, body with a bold word and a link),
# attaches a photo and credits it, submits the story for review; WordPress then holds it as
# pending review, with that content.
#
# SPDX-License-Identifier: GPL-3.0-or-later

from byline_scenario import (ScenarioFailure, WordPress, add_account, attach_photo, find_story_row, log, main, states,
                             wait_until)

HEADLINE = "Harbour café reopens after the storm"
DEK = "Owners thank neighbours who helped clear the débris."
BODY = "The council voted unanimously to waive the fees. Read the council minutes for details."
BOLD_WORD = "unanimously"
LINK_TEXT = "council minutes"
LINK_URL = "https://example.org/council-minutes"
CREDIT = "Photo: Ana Souza / Harbour Gazette"
NOTE = "Photo is ours; quotes checked."
PHOTO = "harbour-cafe.jpg"


def write_story(scenario, app):
    scenario.step("start a new story and type its headline and dek")
    app.new_story()
    app.enter_text("text", "Headline", HEADLINE)
    app.enter_text("text", "Dek", DEK)

    scenario.step("type the body, make one word bold and link two words")
    body = app.enter_text("text", "Body", BODY)
    # Bold shows the format of the selection as "pressed", and the link popover leaves the
    # tree when it closes: that is how the scenario knows a click (which GTK 4.8 runs 250 ms
    # later) has landed before it selects the next words.
    app.select_word(body, BOLD_WORD)
    bold = app.press_button("Bold")
    wait_until(f"“{BOLD_WORD}” to be bold", lambda: "pressed" in states(bold))
    app.select_word(body, LINK_TEXT)
    app.press_button("Link")
    app.enter_text("text", "Link address", LINK_URL)
    app.press_button("Apply")
    wait_until("the link popover to close", lambda: not app.has("text", "Link address"))
    scenario.screenshot("story written")


def credit_photo(scenario, app):
    scenario.step("fill the photo's caption, alt text and credit")
    app.enter_text("text", "Caption", "The café’s terrace, cleared and reopened.")
    app.enter_text("text", "Alt text (required to publish)", "Tables on a sunny harbour terrace")
    app.enter_text("text", "Credit line", CREDIT)
    app.enter_text("text", "Creator", "Ana Souza")
    scenario.screenshot("photo credited")
    app.press_button("Back to the Images")
    images = app.child("list", "Images and their credits")
    wait_until("the credit line in the list of images", lambda: app.label_containing(CREDIT, images, timeout=0))


def submit(scenario, app):
    scenario.step("submit the story for review, with a note to the editor")
    app.press_button("Submit for Review")
    dialog = app.dialog("Submit for Review?")
    app.enter_text("text", "Note to the editor (optional)", NOTE, within=dialog)
    app.press_button("Submit", within=dialog)
    app.wait_for_status("Pending review")
    app.sync()
    scenario.screenshot("submitted")


def check_on_server(scenario, app, wp):
    scenario.step("WordPress holds the story as pending review, with that content")

    def pending_post():
        return wp.post_titled(HEADLINE)

    try:
        post = wait_until(f"a post titled “{HEADLINE}” on the site", pending_post, 20)
    except ScenarioFailure:
        log("the site has: " + ", ".join(f"“{p['title']['raw']}” ({p['status']})" for p in wp.posts()))
        app.press_button("History")
        sharing = app.label_containing("on this computer only", timeout=3)
        log(f"the story's History says: “{sharing.name}”")
        scenario.screenshot("history of the new story")
        raise ScenarioFailure("the new story never reached WordPress: a story made with New Story belongs to "
                              "no account, and Byline offers no way to give it one")
    content = post["content"]["raw"]
    problems = []
    if post["status"] != "pending":
        problems.append(f"status is {post['status']}, not pending")
    if f"<strong>{BOLD_WORD}</strong>" not in content:
        problems.append(f"“{BOLD_WORD}” is not bold")
    if f'href="{LINK_URL}"' not in content:
        problems.append("the link is missing")
    if DEK not in post.get("excerpt", {}).get("raw", "") and DEK not in str(post.get("meta", "")):
        log(f"note: the dek is not in the excerpt: {post.get('excerpt')}")
    if problems:
        raise ScenarioFailure("the post on the site: " + "; ".join(problems) + f"\ncontent: {content}")


def writer(scenario):
    wp = WordPress()
    wp.delete_all_posts()
    wp.create_post("contributor", title="Ferry timetable changes for the winter",
                   content="<p>Fewer crossings from November.</p>", status="draft")

    app = scenario.start_app("writer")
    add_account(scenario, app, wp, "contributor")
    scenario.step("pull: the contributor's draft from the site appears in the list")
    app.sync()
    find_story_row(app, "Ferry timetable changes for the winter", 30)
    scenario.screenshot("pulled")

    write_story(scenario, app)
    attach_photo(scenario, app, PHOTO)
    credit_photo(scenario, app)
    submit(scenario, app)
    check_on_server(scenario, app, wp)


main(writer)
