# byline_scenario.py: what the end-to-end scenarios share.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A scenario starts the real `byline` binary with a profile of its own (XDG_DATA_HOME,
# XDG_CONFIG_HOME, XDG_CACHE_HOME) and drives it through the accessibility tree only:
# every control is found by its role and accessible name, never by position. Each step
# takes a screenshot into the scenario's log folder, so a failure shows what the user saw.
#
# Run by tests/scenarios/run-scenarios inside Xvfb, a private D-Bus session and an unlocked
# keyring; the environment it passes:
#   BYLINE_BINARY            the byline executable
#   BYLINE_SCENARIO_LOG_DIR  where this scenario's screenshots and app log go
#   GSETTINGS_SCHEMA_DIR     the build's compiled schemas
#   BYLINE_WP_*              the env file of tests/integration/wordpress/wp-env

import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

# dogtail replaces sys.excepthook when imported; keep Python's, so failures are printed.
_excepthook = sys.excepthook
from dogtail.config import config  # noqa: E402

config.checkForA11y = False
config.actionDelay = 0.0
config.defaultDelay = 0.0
config.typingDelay = 0.02
config.logDebugToFile = False
config.logDebugToStdOut = False
from dogtail import rawinput, tree  # noqa: E402
import pyatspi  # noqa: E402
from gi.repository import GLib  # noqa: E402

sys.excepthook = _excepthook
GLibError = GLib.GError

DEFAULT_TIMEOUT = 15.0
POLL_SECONDS = 0.15


class ScenarioFailure(AssertionError):
    pass


def log(message):
    print(f"# {message}", flush=True)


def wait_until(what, condition, timeout=DEFAULT_TIMEOUT):
    """Polls condition() until it returns something true, and returns that.

    GTK 4.8 runs a button's "click" about 250 ms after it is asked for, and AT-SPI
    answers arrive as the app gets to them, so every check after an action polls."""
    deadline = time.monotonic() + timeout
    last_error = None
    while True:
        try:
            result = condition()
            if result:
                return result
        except (GLibError, LookupError, RuntimeError) as error:
            last_error = error
        if time.monotonic() >= deadline:
            detail = f" (last error: {last_error})" if last_error else ""
            raise ScenarioFailure(f"timed out after {timeout:.0f} s waiting for {what}{detail}")
        time.sleep(POLL_SECONDS)


def states(node):
    return {pyatspi.stateToString(state) for state in node.getState().getStates()}


def is_sensitive(node):
    return node.getState().contains(pyatspi.STATE_SENSITIVE)


class Scenario:
    """One user's story: a log folder, numbered screenshots and the apps it started."""

    def __init__(self, name):
        self.name = name
        self.log_dir = os.environ.get("BYLINE_SCENARIO_LOG_DIR") or tempfile.mkdtemp(prefix=f"{name}-")
        os.makedirs(self.log_dir, exist_ok=True)
        self.step_number = 0
        self.step_description = None
        self.apps = []
        self.work_dir = tempfile.mkdtemp(prefix=f"byline-{name}-")

    def step(self, description):
        """Announces a step, after a screenshot of how the previous one ended."""
        self.end_step()
        self.step_number += 1
        self.step_description = description
        log(f"step {self.step_number}: {description}")

    def end_step(self):
        if self.step_description is not None:
            self.screenshot(self.step_description)
            self.step_description = None

    def screenshot(self, label):
        safe = "".join(c if c.isalnum() else "-" for c in label.lower()).strip("-")
        path = os.path.join(self.log_dir, f"{self.step_number:02d}-{safe}.png")
        subprocess.run(["import", "-window", "root", path], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return path

    def start_app(self, profile, *arguments):
        app = BylineApp(self, profile, arguments)
        self.apps.append(app)
        return app

    def run(self, story):
        """Runs story(self); on failure, screenshots what the user saw and re-raises."""
        try:
            story(self)
            self.end_step()
        except BaseException:
            self.screenshot("failure")
            raise
        finally:
            for app in reversed(self.apps):
                app.stop()
            shutil.rmtree(self.work_dir, ignore_errors=True)


class BylineApp:
    """The real byline binary under its own profile folder."""

    def __init__(self, scenario, profile, arguments):
        self.scenario = scenario
        self.profile_dir = os.path.join(scenario.work_dir, profile)
        env = dict(os.environ)
        # GTK must talk to the accessibility bus here, unlike in the other test suites.
        for name in ("GTK_A11Y", "NO_AT_BRIDGE"):
            env.pop(name, None)
        env.update(XDG_DATA_HOME=os.path.join(self.profile_dir, "data"),
                   XDG_CONFIG_HOME=os.path.join(self.profile_dir, "config"),
                   XDG_CACHE_HOME=os.path.join(self.profile_dir, "cache"),
                   GSETTINGS_BACKEND="memory", GSK_RENDERER="cairo", LC_ALL="C.UTF-8")
        for folder in ("data", "config", "cache"):
            os.makedirs(os.path.join(self.profile_dir, folder), exist_ok=True)
        self.log_path = os.path.join(scenario.log_dir, f"byline-{profile}.log")
        self.log_file = open(self.log_path, "a", encoding="utf-8")
        binary = os.environ.get("BYLINE_BINARY", "byline")
        log(f"starting {binary} {' '.join(arguments)} as profile {profile}")
        self.process = subprocess.Popen([binary, *arguments], env=env, stdout=self.log_file,
                                        stderr=subprocess.STDOUT)
        self.node = wait_until("Byline to appear on the accessibility bus", self._find_application, 30)
        self.window = wait_until("the main window", lambda: self.child(role="frame", name="Byline", timeout=0))

    def _find_application(self):
        if self.process.poll() is not None:
            raise ScenarioFailure(f"byline exited with status {self.process.returncode}, see {self.log_path}")
        for application in tree.root.applications():
            try:
                if application.get_process_id() == self.process.pid:
                    return application
            except GLibError:
                continue
        return None

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log_file.close()

    def quit(self):
        """Quits as a user does (Ctrl+Q closes the windows, which saves what is pending)."""
        self.window.keyCombo("<Control>q")
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            raise ScenarioFailure("byline did not quit on Ctrl+Q")

    # Finding controls

    def child(self, role, name, within=None, timeout=DEFAULT_TIMEOUT):
        """The control with this role and accessible name, polled for up to timeout seconds."""
        parent = within or self.node

        def find():
            return parent.findChild(lambda node: node.roleName == role and spoken_name(node) == name,
                                    retry=False, requireResult=False)

        if timeout == 0:
            return find()
        return wait_until(f"a {role} named “{name}”", find, timeout)

    def children(self, role, within=None, name_contains=""):
        parent = within or self.node
        return parent.findChildren(lambda node: node.roleName == role and name_contains in node.name)

    def has(self, role, name, within=None):
        return self.child(role, name, within, timeout=0) is not None

    def dialog(self, title, timeout=DEFAULT_TIMEOUT):
        """A top-level window of the app (dialogs are frames or dialogs in GTK 4)."""
        def find():
            for window in self.node.children:
                if window.name == title:
                    return window
            return None

        return wait_until(f"the window “{title}”", find, timeout)

    # Acting

    def click(self, role, name, within=None, timeout=DEFAULT_TIMEOUT):
        control = self.child(role, name, within, timeout)
        wait_until(f"“{name}” to be enabled", lambda: is_sensitive(control))
        clickable(control).doActionNamed("click")
        return control

    def button(self, name, within=None, timeout=DEFAULT_TIMEOUT):
        """A push or toggle button by its accessible name."""
        parent = within or self.node

        def find():
            return parent.findChild(lambda node: node.roleName in ("push button", "toggle button")
                                    and spoken_name(node) == name, retry=False, requireResult=False)

        if timeout == 0:
            return find()
        return wait_until(f"a button named “{name}”", find, timeout)

    def press_button(self, name, within=None, timeout=DEFAULT_TIMEOUT):
        control = self.button(name, within, timeout)
        wait_until(f"“{name}” to be enabled", lambda: is_sensitive(control))
        clickable(control).doActionNamed("click")
        return control

    def choose_menu_item(self, menu_button, item):
        self.press_button(menu_button)
        self.click("menu item", item)

    def story_count(self):
        label = self.label_containing(" stor", timeout=0)
        return int(label.name.split()[0]) if label is not None else 0

    def new_story(self):
        """New Story, then waits for the empty story to be in the editor: the click lands later."""
        before = self.story_count()
        self.press_button("New Story")
        wait_until("a new story in the list", lambda: self.story_count() == before + 1)
        headline = self.child("text", "Headline")
        wait_until("the new story's empty headline", lambda: read_text(headline) == "")
        return headline

    def sync(self):
        self.press_button("Sync Now")

    def sync_until(self, what, condition, timeout=30, every=3.0):
        """Sync Now, then again every few seconds, as a user would, until condition() holds."""
        last_sync = [0.0]

        def synced_and_holds():
            if time.monotonic() - last_sync[0] >= every:
                self.sync()
                last_sync[0] = time.monotonic()
            return condition()

        return wait_until(what, synced_and_holds, timeout)

    def status(self):
        """The status chip of the story in the editor (Draft, Pending review, …)."""
        bar = self.child("filler", "Status and Publishing")
        return next((child.name for child in bar.children if child.roleName == "label"), "")

    def wait_for_status(self, status, timeout=DEFAULT_TIMEOUT):
        wait_until(f"the story's status to read “{status}”", lambda: self.status() == status, timeout)

    def enter_text(self, role, name, text, within=None):
        """Replaces the text of an entry or text view through its EditableText interface,
        which also takes non-ASCII text (the lengths it wants are UTF-8 bytes)."""
        control = self.child(role, name, within)
        editable = control.queryEditableText()
        editable.setTextContents(text)
        wait_until(f"“{name}” to hold the text", lambda: read_text(control) == text)
        return control

    def append_text(self, control, text):
        editable = control.queryEditableText()
        end = control.queryText().characterCount
        editable.insertText(end, text, len(text.encode("utf-8")))

    def select_text(self, control, start, end):
        """Selects characters start..end of a text view, as a user's drag would."""
        text = control.queryText()
        text.setCaretOffset(start)
        try:
            text.addSelection(start, end)
        except GLibError:
            pass  # GTK 4.8 selects, then answers with the wrong type; the check below is what counts
        wait_until(f"characters {start}–{end} to be selected",
                   lambda: text.getNSelections() == 1 and tuple(text.getSelection(0)) == (start, end))

    def select_word(self, control, word):
        start = read_text(control).index(word)
        self.select_text(control, start, start + len(word))

    def text_of(self, role, name, within=None):
        return read_text(self.child(role, name, within))

    def label_containing(self, fragment, within=None, timeout=DEFAULT_TIMEOUT):
        parent = within or self.node

        def find():
            return parent.findChild(lambda node: node.roleName == "label" and fragment in node.name,
                                    retry=False, requireResult=False)

        if timeout == 0:
            return find()
        return wait_until(f"a label saying “{fragment}”", find, timeout)

    def press(self, combo):
        """Keys go to whatever has the keyboard focus, as they would for a user."""
        rawinput.keyCombo(combo)

    def type(self, text):
        rawinput.typeText(text)


def clickable(control):
    """GTK 4.8 exposes a GtkMenuButton as a named button holding the toggle button that clicks."""
    if "click" in control.actions:
        return control
    inner = control.findChild(lambda node: node.roleName in ("push button", "toggle button") and "click" in node.actions,
                              retry=False, requireResult=False)
    if inner is None:
        raise ScenarioFailure(f"“{control.name}” cannot be clicked")
    return inner


def spoken_name(node):
    """The accessible name without GTK 4.8's doubling of mnemonic labels.

    GTK 4.8 names a button whose label has a mnemonic "_Apply Apply": the label with its
    underscore, then the label's text. GTK 4.10 names it "Apply"; so do the scenarios."""
    name = node.name
    if "_" not in name:
        return name
    parts = name.split(" ")
    half = len(parts) // 2
    if len(parts) % 2 == 0 and half and " ".join(parts[:half]).replace("_", "") == " ".join(parts[half:]):
        return " ".join(parts[half:])
    return name


def read_text(node):
    text = node.queryText()
    return text.getText(0, text.characterCount)


# The story list is a virtualised GtkListView: its rows are list items whose label reads
# "headline, status, byline, age"; selecting goes through the Selection interface.

def story_rows(app):
    story_list = app.child("list", "Stories")
    return story_list, [row for row in story_list.children if row.roleName == "list item"]


def row_text(row):
    return " ".join(child.name for child in row.children if child.roleName == "label")


def find_story_row(app, headline, timeout=DEFAULT_TIMEOUT):
    def find():
        story_list, rows = story_rows(app)
        for index, row in enumerate(rows):
            if row_text(row).startswith(headline + ","):
                return story_list, index, row
        return None

    return wait_until(f"the story “{headline}” in the list", find, timeout)


def open_story(app, headline):
    story_list, index, _row = find_story_row(app, headline)
    story_list.querySelection().selectChild(index)
    wait_until(f"the editor to show “{headline}”", lambda: app.text_of("text", "Headline") == headline)


def attach_photo(scenario, app, filename, size="800x533"):
    """Makes a photo and attaches it through the file chooser, as a user types a path in it.

    The image details open on it, in the credit panel."""
    scenario.step(f"attach the photo {filename} through the file chooser")
    photo = os.path.join(scenario.work_dir, filename)
    subprocess.run(["convert", "-size", size, "gradient:#3a6ea5-#f4d35e", photo], check=True)
    app.press_button("Attach Images…")
    chooser = app.dialog("Attach Images")
    app.press("<Control>l")  # the chooser's location entry, which GTK itself leaves unnamed
    location = app.child("text", "GtkFileChooserEntry", within=chooser)
    location.queryEditableText().setTextContents(photo)
    app.press_button("Attach", within=chooser)
    app.label_containing(photo)  # the details show the file's path
    return photo


def add_account(scenario, app, wp, role):
    """Adds the site's account of a user with this role through the Add WordPress Account dialog."""
    scenario.step(f"add the WordPress account of the {role} through the dialog")
    app.choose_menu_item("Main Menu", "Add WordPress Account…")
    dialog = app.dialog("Add WordPress Account")
    user, password = wp.user(role)
    app.enter_text("text", "Site Address", wp.url, within=dialog)
    app.enter_text("text", "Username", user, within=dialog)
    app.enter_text("text", "Application Password", password, within=dialog)
    scenario.screenshot("account dialog")
    app.press_button("Add", within=dialog)
    wait_until("the account dialog to close after checking the account",
               lambda: all(window.name != "Add WordPress Account" for window in app.node.children), 30)


# WordPress, seen from outside the app

class WordPress:
    """The REST API of the test site, with the application passwords of its env file."""

    def __init__(self):
        try:
            self.url = os.environ["BYLINE_WP_URL"].rstrip("/")
        except KeyError:
            raise ScenarioFailure("BYLINE_WP_URL is not set: start tests/integration/wordpress/wp-env "
                                  "and source its env file")
        self.dir = os.environ.get("BYLINE_WP_DIR", "")

    def user(self, role):
        upper = role.upper()
        return os.environ[f"BYLINE_WP_{upper}_USER"], os.environ[f"BYLINE_WP_{upper}_PASS"]

    def request(self, role, method, path, body=None, query=None):
        user, password = self.user(role)
        url = f"{self.url}/wp-json/wp/v2/{path.lstrip('/')}"
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method)
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)

    def delete_all_posts(self):
        """A scenario starts from an empty site, so that its checks see only its own stories."""
        for post in self.posts():
            self.request("admin", "DELETE", f"posts/{post['id']}", query={"force": "true"})

    def posts(self, role="admin", **query):
        query.setdefault("context", "edit")
        query.setdefault("status", "any")
        query.setdefault("per_page", 100)
        return self.request(role, "GET", "posts", query=query)

    def post_titled(self, title, role="admin"):
        for post in self.posts(role, search=title):
            if post["title"]["raw"] == title:
                return post
        return None

    def create_post(self, role, **fields):
        return self.request(role, "POST", "posts", body=fields)

    def update_post(self, role, post_id, **fields):
        return self.request(role, "POST", f"posts/{post_id}", body=fields)

    # PHP's built-in server, as wp-env started it: its pid file names a process group.

    def _php_pid_file(self):
        return os.path.join(self.dir, "php.pid")

    def stop_server(self):
        with open(self._php_pid_file(), encoding="ascii") as pid_file:
            pid = int(pid_file.read())
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            self._php_command = [part.decode() for part in cmdline.read().split(b"\0") if part]
        os.killpg(pid, signal.SIGTERM)
        wait_until("PHP's server to stop", lambda: not os.path.exists(f"/proc/{pid}") or _is_zombie(pid))
        log(f"stopped WordPress's PHP server (pid {pid})")

    def start_server(self):
        env = dict(os.environ, PHP_CLI_SERVER_WORKERS="4")
        with open(os.path.join(self.dir, "php.log"), "a", encoding="utf-8") as php_log:
            process = subprocess.Popen(self._php_command, env=env, stdin=subprocess.DEVNULL, stdout=php_log,
                                       stderr=subprocess.STDOUT, start_new_session=True)
        with open(self._php_pid_file(), "w", encoding="ascii") as pid_file:
            pid_file.write(f"{process.pid}\n")
        wait_until("WordPress to answer again", self.answers, 30)
        log(f"started WordPress's PHP server again (pid {process.pid})")

    def answers(self):
        try:
            with urllib.request.urlopen(f"{self.url}/wp-json/", timeout=5):
                return True
        except (urllib.error.URLError, OSError):
            return False


def _is_zombie(pid):
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def main(story):
    """Runs a scenario script: exit status 0 when the story completes."""
    name = os.path.splitext(os.path.basename(sys.argv[0]))[0]
    scenario = Scenario(name)
    try:
        scenario.run(story)
    except Exception as error:  # a scenario fails with its reason, not a bare traceback
        import traceback
        traceback.print_exc()
        log(f"FAILED: {error}")
        log(f"screenshots and the app's log are in {scenario.log_dir}")
        sys.exit(1)
    log(f"screenshots are in {scenario.log_dir}")
