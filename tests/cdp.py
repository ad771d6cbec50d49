"""A small Chrome DevTools Protocol client over --remote-debugging-pipe.

Only the Python standard library: Chromium reads commands from its fd 3
and writes replies and events to its fd 4, one JSON message per NUL
byte, so no WebSocket and no port (several test runs may share a
machine).  Every wait has a deadline, and close() kills Chromium's
whole process group whatever state it is in.
"""
import base64
import fcntl
import json
import os
import select
import signal
import time


class CDPError(Exception):
    pass


class Browser:
    def __init__(self, chromium, profile_dir, timeout=30.0, width=1280, height=900):
        self.timeout = timeout
        self.next_id = 0
        self.events = []
        self.buf = b""
        self.session = None
        self.pid = None
        cmd_r, self.cmd_w = os.pipe()     # we write commands, Chromium reads fd 3
        self.resp_r, resp_w = os.pipe()   # Chromium writes fd 4, we read
        # above 4 first, so that placing one end cannot close the other
        hi_r = fcntl.fcntl(cmd_r, fcntl.F_DUPFD_CLOEXEC, 10)
        hi_w = fcntl.fcntl(resp_w, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(cmd_r)
        os.close(resp_w)
        args = [chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--remote-debugging-pipe", "--user-data-dir=" + profile_dir,
                "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--mute-audio",
                "--hide-scrollbars", "--window-size=%d,%d" % (width, height),
                "about:blank"]
        # a session of its own, so close() can end the renderers too
        actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                   (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
                   (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
                   (os.POSIX_SPAWN_DUP2, hi_r, 3),
                   (os.POSIX_SPAWN_DUP2, hi_w, 4)]
        try:
            self.pid = os.posix_spawn(chromium, args, os.environ,
                                      file_actions=actions, setsid=True)
        finally:
            os.close(hi_r)
            os.close(hi_w)

    # ---- transport ----
    def _read_message(self, deadline):
        while b"\0" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise CDPError("timed out waiting for Chromium")
            ready, _, _ = select.select([self.resp_r], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.resp_r, 1 << 20)
            if not chunk:
                raise CDPError("Chromium closed the pipe")
            self.buf += chunk
        msg, _, self.buf = self.buf.partition(b"\0")
        return json.loads(msg)

    def send(self, method, params=None, session=True, timeout=None):
        """Send one command and return its result (events are queued)."""
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        data = json.dumps(msg).encode() + b"\0"
        while data:
            n = os.write(self.cmd_w, data)
            data = data[n:]
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            m = self._read_message(deadline)
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise CDPError("%s: %s" % (method, m["error"].get("message")))
                return m.get("result", {})
            if "method" in m:
                self.events.append(m)

    def wait_event(self, method, timeout=None):
        """The first queued or arriving event named method (consumed)."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            for i, e in enumerate(self.events):
                if e["method"] == method:
                    return self.events.pop(i)
            m = self._read_message(deadline)
            if "method" in m:
                self.events.append(m)

    # ---- a page ----
    def open_page(self, width=1280, height=900):
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)
        att = self.send("Target.attachToTarget",
                        {"targetId": target["targetId"], "flatten": True}, session=False)
        self.session = att["sessionId"]
        for domain in ("Page", "Runtime", "DOM"):
            self.send(domain + ".enable")
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1,
                   "mobile": False})

    def navigate(self, url, timeout=None):
        self.events = [e for e in self.events if e["method"] != "Page.loadEventFired"]
        self.send("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired", timeout)

    def eval(self, expr, timeout=None):
        """Value of a JavaScript expression (JSON-serialisable)."""
        r = self.send("Runtime.evaluate", {"expression": expr, "returnByValue": True,
                                           "awaitPromise": True}, timeout=timeout)
        if "exceptionDetails" in r:
            d = r["exceptionDetails"]
            raise CDPError("JavaScript: %s" % d.get("exception", {}).get(
                "description", d.get("text")))
        return r["result"].get("value")

    def wait_for(self, expr, timeout=None):
        deadline = time.monotonic() + (timeout or self.timeout)
        while time.monotonic() < deadline:
            if self.eval(expr):
                return True
            time.sleep(0.05)
        raise CDPError("timed out waiting for " + expr)

    def node(self, selector):
        root = self.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        n = self.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        if not n:
            raise CDPError("no element matches " + selector)
        return n

    def center(self, selector):
        """Scroll the element into view; the middle of its border box in
        viewport coordinates (DOM.getBoxModel)."""
        n = self.node(selector)
        self.send("DOM.scrollIntoViewIfNeeded", {"nodeId": n})
        q = self.send("DOM.getBoxModel", {"nodeId": n})["model"]["border"]
        x = (q[0] + q[2] + q[4] + q[6]) / 4
        y = (q[1] + q[3] + q[5] + q[7]) / 4
        return x, y

    def click(self, selector):
        """A real left click: mouse moved, pressed and released at the
        element's middle.  Fails when something else lies on top of it."""
        x, y = self.center(selector)
        hit = self.eval("(function(){const e=document.elementFromPoint(%f,%f);"
                        "const t=document.querySelector(%s);"
                        "return !!(e&&t&&(e===t||t.contains(e)));})()"
                        % (x, y, json.dumps(selector)))
        if not hit:
            raise CDPError("%s is not what lies at (%.0f, %.0f)" % (selector, x, y))
        self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
        for t in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": t, "x": x, "y": y,
                                                   "button": "left", "buttons": 1,
                                                   "clickCount": 1})
        return x, y

    def key(self, key, code, keycode):
        for t in ("rawKeyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", {"type": t, "key": key, "code": code,
                                                 "windowsVirtualKeyCode": keycode,
                                                 "nativeVirtualKeyCode": keycode})

    def type_text(self, text):
        self.send("Input.insertText", {"text": text})

    def screenshot(self, path):
        r = self.send("Page.captureScreenshot", {"format": "png"})
        with open(path, "wb") as f:
            f.write(base64.b64decode(r["data"]))

    def _exited(self, timeout, reap):
        """Has Chromium exited (waiting up to timeout seconds)?  Without
        reap it stays a zombie, so its id cannot be reused while we may
        still signal its process group."""
        flags = os.WEXITED | os.WNOHANG | (0 if reap else os.WNOWAIT)
        deadline = time.monotonic() + timeout
        while True:
            try:
                if os.waitid(os.P_PID, self.pid, flags) is not None:
                    return True
            except ChildProcessError:
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)

    def close(self):
        if self.pid is None:
            return
        try:   # politely first: Chromium tidies its profile
            self.session = None
            self.send("Browser.close", session=False, timeout=3)
            self._exited(3, reap=False)
        except (CDPError, OSError):
            pass
        try:   # then its whole session, whatever is left of it
            os.killpg(self.pid, signal.SIGKILL)
        except OSError:
            pass
        self._exited(10, reap=True)
        self.pid = None
        for fd in (self.cmd_w, self.resp_r):
            try:
                os.close(fd)
            except OSError:
                pass
