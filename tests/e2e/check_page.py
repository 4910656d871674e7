# Loads a page from disk in headless Chromium over the DevTools protocol (--remote-debugging-pipe, no
# extra packages) and checks what a reader gets: no console errors or exceptions, every request to a
# file:// (or data:) URL, every <img> decoded (naturalWidth > 0), and a full-page screenshot whose
# size is the page's. Prints one line per check; exit 1 if any fails.
# usage: /usr/bin/python3 check_page.py PAGE.html SCREENSHOT.png
import base64
import fcntl
import json
import os
import subprocess
import sys
import tempfile
import time

from PIL import Image

page, screenshot = os.path.abspath(sys.argv[1]), sys.argv[2]
WIDTH = 1280
TIMEOUT = 60


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp()
        child_in, self.to_child = os.pipe()
        self.from_child, child_out = os.pipe()

        def pipe_fds():  # in the child: the protocol reads commands on fd 3 and writes replies on fd 4
            # Moved above 4 first, so that neither end is overwritten by the other's dup2, whatever they were.
            high_in, high_out = fcntl.fcntl(child_in, fcntl.F_DUPFD, 10), fcntl.fcntl(child_out, fcntl.F_DUPFD, 10)
            os.dup2(high_in, 3)
            os.dup2(high_out, 4)

        self.proc = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--user-data-dir=" + self.profile, "--remote-debugging-pipe", "about:blank"],
            close_fds=False, preexec_fn=pipe_fds, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(child_in)
        os.close(child_out)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_child, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            reply = self.read(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def read(self, deadline):
        while b"\0" not in self.buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("no answer from chromium")
            chunk = os.read(self.from_child, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_for(self, method, deadline):
        while True:
            for e in self.events:
                if e.get("method") == method:
                    return e
            self.events.append(self.read(deadline))

    def close(self):
        try:
            self.send("Browser.close")
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        subprocess.run(["rm", "-rf", self.profile])


failures = []
browser = Browser()
try:
    target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        browser.send(domain + ".enable", session=session)
    browser.send("Emulation.setDeviceMetricsOverride",
                 {"width": WIDTH, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session=session)
    browser.send("Page.navigate", {"url": "file://" + page}, session=session)
    browser.wait_for("Page.loadEventFired", time.monotonic() + TIMEOUT)
    images = browser.send("Runtime.evaluate", {"returnByValue": True, "expression": """
        [...document.images].map(i => ({src: i.getAttribute('src'), complete: i.complete,
                                        naturalWidth: i.naturalWidth, naturalHeight: i.naturalHeight}))"""},
                          session=session)["result"]["value"]
    # The viewport grown to the page's height, until the page's size no longer changes (the
    # scrollbar goes away when everything fits, which widens the page and may shorten it).
    size = None
    for _ in range(4):
        measured = browser.send("Runtime.evaluate", {"returnByValue": True, "expression":
                                "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"},
                                session=session)["result"]["value"]
        if measured == size:
            break
        size = measured
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": WIDTH, "height": size[1], "deviceScaleFactor": 1, "mobile": False}, session=session)
    shot = browser.send("Page.captureScreenshot", {"format": "png"}, session=session)["data"]
    with open(screenshot, "wb") as f:
        f.write(base64.b64decode(shot))
    # Late console messages of the load land before the screenshot's reply: all are in `events` now.
    errors = []
    for e in browser.events:
        m, p = e.get("method"), e.get("params", {})
        if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            errors.append("console: " + " ".join(str(a.get("value", a.get("description"))) for a in p.get("args", [])))
        elif m == "Runtime.exceptionThrown":
            errors.append("exception: " + p["exceptionDetails"].get("text", ""))
        elif m == "Log.entryAdded" and p["entry"]["level"] == "error":
            errors.append("log: " + p["entry"]["text"] + " " + p["entry"].get("url", ""))
        elif m == "Network.loadingFailed":
            errors.append("network: " + p.get("errorText", ""))
    requests = [e["params"]["request"]["url"] for e in browser.events if e.get("method") == "Network.requestWillBeSent"]
finally:
    browser.close()

print(f"console errors: {len(errors)}")
for e in errors:
    failures.append(e)
remote = [u for u in requests if not (u.startswith("file://") or u.startswith("data:"))]
print(f"requests: {len(requests)}, not file:// or data:: {len(remote)}")
failures += [f"request to {u}" for u in remote]
undecoded = [i for i in images if not i["complete"] or i["naturalWidth"] == 0]
print(f"images: {len(images)}, decoded: {len(images) - len(undecoded)}")
for i in images:
    print(f"  {i['src']}: {i['naturalWidth']}x{i['naturalHeight']}")
failures += [f"image not decoded: {i['src']}" for i in undecoded]
if not images:
    failures.append("no images on the page")
w, h = Image.open(screenshot).size
print(f"page {size[0]}x{size[1]} (width x height), screenshot {w}x{h}")
if (w, h) != (size[0], size[1]) or size[0] != WIDTH:
    failures.append(f"screenshot {w}x{h}, page {size[0]}x{size[1]}")
for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
