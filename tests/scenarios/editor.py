#!/usr/bin/python3
# Scenario 3, an editor's day, on two computers (two profiles, one after the other): the editor
# finds a story in the review queue and sends it back with a note; the writer syncs, reads the
# note, revises and resubmits; the editor schedules it, publishes it, then adds an UPDATE.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import time

from byline_scenario import (ScenarioFailure, WordPress, add_account, find_story_row, log, main, open_story,
                             read_text, wait_until)

TITLE = "Council approves harbour wall repairs"
DEK = "Work starts in spring and should take eight months."
NOTE = "Please add the cost and who pays for it."
REVISION = " The repairs cost 2.4 million, paid by the port authority."
UPDATE = "The contractor was named on Thursday."


def filter_stories(app, status_prefix):
    """Chooses a status in the story list's filter, with the keyboard as its popup wants
    (GTK 4.8 selects a row of the popup through AT-SPI without choosing it)."""
    app.click("combo box", "Show stories with this status")

    def popup_choices():
        popup = app.node.findChild(lambda node: node.roleName == "list" and node.name == "GtkListView",
                                   retry=False, requireResult=False)
        if popup is None:
            return None
        return [label.name for label in popup.findChildren(lambda node: node.roleName == "label")]

    choices = wait_until("the status popup", popup_choices)
    target = next(index for index, name in enumerate(choices) if name.startswith(status_prefix))
    for _ in range(target):
        app.press("Down")
    app.press("Return")


def server_status(wp, post_id):
    return wp.request("admin", "GET", f"posts/{post_id}", query={"context": "edit"})["status"]


def wait_for_server_status(app, wp, post_id, status):
    app.sync_until(f"the post to be “{status}” on the site", lambda: server_status(wp, post_id) == status)


def respond(app, dialog_title, text, response):
    dialog = app.dialog(dialog_title)
    entry = dialog.findChild(lambda node: node.roleName == "text", retry=False)
    entry.queryEditableText().setTextContents(text)
    wait_until("the text in the dialog", lambda: read_text(entry) == text)
    app.press_button(response, within=dialog)
    wait_until(f"“{dialog_title}” to close", lambda: all(w.name != dialog_title for w in app.node.children))


def editor_sends_back(scenario, wp, post):
    app = scenario.start_app("editor")
    add_account(scenario, app, wp, "editor")
    scenario.step("the editor opens the review queue and the writer's story")
    app.sync()
    find_story_row(app, TITLE, 30)
    filter_stories(app, "Needs Review")
    _list, _index, row = find_story_row(app, TITLE)
    log(f"in the review queue: {' '.join(child.name for child in row.children)}")
    scenario.screenshot("review queue")
    open_story(app, TITLE)

    scenario.step("she sends it back with a note")
    app.press_button("Send Back")
    respond(app, "Send Back to the Writer?", NOTE, "Send Back")
    app.wait_for_status("Draft")
    wait_for_server_status(app, wp, post["id"], "draft")
    scenario.screenshot("sent back")
    app.quit()


def writer_revises(scenario, wp, post):
    app = scenario.start_app("writer")
    add_account(scenario, app, wp, "contributor")
    scenario.step("the writer syncs and reads the editor's note in the story's history")
    app.sync()
    open_story(app, TITLE)
    app.wait_for_status("Draft")
    app.press_button("History")
    wait_until("the editor's note in the history", lambda: app.label_containing(NOTE, timeout=0), 20)
    scenario.screenshot("note in history")
    app.press("Escape")

    scenario.step("she revises the story and submits it again")
    body = app.child("text", "Body")
    app.append_text(body, REVISION)
    wait_until("the revision in the editor", lambda: REVISION.strip() in read_text(body))
    app.press_button("Submit for Review")
    respond(app, "Submit for Review?", "Cost and payer added.", "Submit")
    app.wait_for_status("Pending review")
    wait_for_server_status(app, wp, post["id"], "pending")
    app.quit()


def editor_schedules_and_updates(scenario, wp, post):
    app = scenario.start_app("editor")
    scenario.step("the editor syncs, opens the revised story and schedules it")
    app.sync()
    wait_until("the resubmitted story", lambda: "Pending review" in " ".join(
        child.name for child in find_story_row(app, TITLE)[2].children), 30)
    open_story(app, TITLE)
    body = app.child("text", "Body")
    wait_until("the writer's revision", lambda: REVISION.strip() in read_text(body))
    app.press_button("Schedule…")
    app.press_button("Schedule")
    if any(window.name == "Publish Checklist" for window in app.node.children):
        raise ScenarioFailure("the publish checklist stopped the schedule: " + ", ".join(
            item.name for item in app.dialog("Publish Checklist").findChildren(
                lambda node: node.roleName == "list item")))
    app.wait_for_status("Scheduled")
    wait_for_server_status(app, wp, post["id"], "future")
    scenario.screenshot("scheduled")

    scenario.step("she publishes it now, then adds an UPDATE")
    app.press_button("Approve and Publish")
    app.wait_for_status("Published")
    wait_for_server_status(app, wp, post["id"], "publish")
    app.press_button("Add Update")
    respond(app, "Add an Update", UPDATE, "Add and Publish")

    def update_on_site():
        content = wp.request("admin", "GET", f"posts/{post['id']}", query={"context": "edit"})["content"]["raw"]
        return UPDATE in content and "UPDATE" in content

    app.sync_until("the update on the published post", update_on_site)
    scenario.step("the update stays on the site after the next syncs")
    for _ in range(3):
        time.sleep(1)
        app.sync()
        if not update_on_site():
            content = wp.request("admin", "GET", f"posts/{post['id']}", query={"context": "edit"})["content"]["raw"]
            raise ScenarioFailure(f"a later sync took the update off the site; it now holds: {content}")
    scenario.screenshot("update published")


def editor(scenario):
    wp = WordPress()
    wp.delete_all_posts()
    post = wp.create_post("contributor", title=TITLE, excerpt=DEK, status="pending",
                          content="<p>The council approved the repairs to the harbour wall.</p>")
    editor_sends_back(scenario, wp, post)
    writer_revises(scenario, wp, post)
    editor_schedules_and_updates(scenario, wp, post)


main(editor)
