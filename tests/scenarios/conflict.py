#!/usr/bin/python3
# Scenario 5, conflict: while a reporter edits a story, someone changes it on the site.
# Byline shows the conflict and keeps both versions side by side; choosing hers resolves it,
# and the site then holds her version.
#
# SPDX-License-Identifier: GPL-3.0-or-later

from byline_scenario import ScenarioFailure, WordPress, add_account, main, open_story, read_text, wait_until

TITLE = "Library hours extended"
LOCAL = " Weekend hours start in March."
SERVER_CONTENT = "<p>The library will open until 9pm on weekdays.</p>"
CONFLICT_BANNER = "This story was also changed on the site"


def conflict_banner_shown(app):
    """A hidden banner leaves the accessibility tree, as it leaves the screen."""
    return app.label_containing(CONFLICT_BANNER, timeout=0) is not None


def conflict(scenario):
    wp = WordPress()
    wp.delete_all_posts()
    post = wp.create_post("contributor", title=TITLE, content="<p>The library will open until 8pm.</p>",
                          status="draft")

    app = scenario.start_app("reporter")
    add_account(scenario, app, wp, "contributor")
    scenario.step("pull the story and open it")
    app.sync()
    open_story(app, TITLE)
    body = app.child("text", "Body")
    wait_until("the site's text in the editor", lambda: "8pm" in read_text(body))

    scenario.step("the reporter adds a sentence while an editor changes the story on the site")
    app.append_text(body, LOCAL)
    wait_until("her sentence in the editor", lambda: LOCAL.strip() in read_text(body))
    wp.update_post("editor", post["id"], content=SERVER_CONTENT)

    scenario.step("syncing shows the conflict; nothing is sent")
    app.sync()
    wait_until("the conflict banner", lambda: conflict_banner_shown(app), 30)
    scenario.screenshot("conflict banner")
    if "9pm" not in wp.request("admin", "GET", f"posts/{post['id']}", query={"context": "edit"})["content"]["raw"]:
        raise ScenarioFailure("the site's version was overwritten before the conflict was resolved")

    scenario.step("Compare… shows both versions, side by side")
    app.press_button("Compare…")
    dialog = app.dialog("Compare Versions")
    mine = app.child("text", "Your Version", within=dialog)
    theirs = app.child("text", "The Site’s Version", within=dialog)
    wait_until("both versions in the dialog",
               lambda: LOCAL.strip() in read_text(mine) and "9pm" in read_text(theirs))
    scenario.screenshot("compare versions")

    scenario.step("she keeps her version; the conflict is resolved and the site gets it")
    app.press_button("Keep Mine", within=dialog)
    wait_until("the dialog to close", lambda: all(w.name != "Compare Versions" for w in app.node.children))
    wait_until("the conflict banner to go away", lambda: not conflict_banner_shown(app))
    app.sync()

    def site_has_mine():
        content = wp.request("admin", "GET", f"posts/{post['id']}", query={"context": "edit"})["content"]["raw"]
        return LOCAL.strip() in content

    wait_until("WordPress to hold her version", site_has_mine, 30)
    scenario.screenshot("resolved")


main(conflict)
