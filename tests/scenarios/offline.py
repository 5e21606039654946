#!/usr/bin/python3
# Scenario 4, offline: a reporter is editing a story when the site goes down. She keeps
# writing; Byline says it is offline and keeps her changes; when the site is back, the
# outbox drains and WordPress holds her edits.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import time

from byline_scenario import ScenarioFailure, WordPress, add_account, log, main, open_story, read_text, wait_until

TITLE = "Storm closes the coast road"
NEW_TITLE = "Storm closes the coast road until Friday"
ADDED = " Crews expect to reopen it by Friday morning."
BANNER_TIMEOUT_SECONDS = 120
OFFLINE_BANNER = "Offline — changes are kept and will be sent when the site is reachable"


def banner_shown(app):
    """A hidden banner leaves the accessibility tree, as it leaves the screen."""
    return app.label_containing(OFFLINE_BANNER, timeout=0) is not None


def wait_for_banner(scenario, app, what, condition):
    """Byline retries a send several times within one sync before it calls the site unreachable
    (about a minute and a half with its default back-off), so this waits that long, and says
    how long it took."""
    started = time.monotonic()
    try:
        wait_until(what, condition, BANNER_TIMEOUT_SECONDS)
    except ScenarioFailure:
        scenario.screenshot(f"no {what}")
        raise
    log(f"{what} after {time.monotonic() - started:.0f} s")


def offline(scenario):
    wp = WordPress()
    wp.delete_all_posts()
    post = wp.create_post("contributor", title=TITLE, content="<p>The coast road is closed.</p>", status="draft")

    app = scenario.start_app("reporter")
    add_account(scenario, app, wp, "contributor")
    scenario.step("pull the story from the site and open it")
    app.sync()
    open_story(app, TITLE)
    if banner_shown(app):
        raise ScenarioFailure("the offline banner is shown while the site is up")

    scenario.step("the site goes down in the middle of the session")
    wp.stop_server()
    try:
        scenario.step("keep writing: a longer headline and one more sentence")
        app.enter_text("text", "Headline", NEW_TITLE)
        body = app.child("text", "Body")
        app.append_text(body, ADDED)
        wait_until("the new sentence in the editor", lambda: ADDED.strip() in read_text(body))
        app.sync()
        wait_for_banner(scenario, app, "the offline banner", lambda: banner_shown(app))
        scenario.screenshot("offline banner")
        if app.text_of("text", "Headline") != NEW_TITLE:
            raise ScenarioFailure("the headline changed while offline")
    finally:
        scenario.step("the site comes back")
        wp.start_server()

    scenario.step("sync again: the outbox drains and the banner goes away")
    app.sync()
    wait_for_banner(scenario, app, "the offline banner to go away", lambda: not banner_shown(app))

    def server_has_edits():
        current = wp.request("admin", "GET", f"posts/{post['id']}", query={"context": "edit"})
        return current["title"]["raw"] == NEW_TITLE and ADDED.strip() in current["content"]["raw"]

    wait_until("WordPress to hold the edits made offline", server_has_edits, 30)
    scenario.screenshot("back online")


main(offline)
