"""A headless Chromium driven through the DevTools protocol, for the report's tests.

Debian's ``chromium`` (installed by ``.ci/run`` and ``make test`` when missing) is started
with a fresh profile and every background service off; the tests talk to it over one
WebSocket (``websocket-client``), so nothing is downloaded. :func:`find_chromium` says why
there is no browser when there is none, and the tests skip with that reason.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
    "--window-size=1400,1000", "--remote-debugging-port=0", "--remote-allow-origins=*",
)


def find_chromium() -> tuple[str | None, str]:
    """The browser's path, or ``None`` and the reason there is none."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            try:
                import websocket  # noqa: F401
            except ImportError:
                return None, "websocket-client is not installed (pip install -e '.[test]')"
            return path, ""
    return None, "no chromium on PATH (apt-get install chromium; .ci/run installs it)"


class Browser:
    """One browser, one tab: open a page, read its DOM, see its requests and console errors."""

    def __init__(self, executable: str) -> None:
        import websocket

        self.profile = tempfile.mkdtemp(prefix="pipeline-chromium-")
        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        port = self.wait_for_port()
        targets = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10).read())
        page = next(t for t in targets if t["type"] == "page")
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict[str, Any]] = []
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.call(f"{domain}.enable")

    def wait_for_port(self) -> int:
        marker = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if marker.exists() and marker.read_text().strip():
                return int(marker.read_text().split()[0])
            if self.process.poll() is not None:
                raise RuntimeError(f"chromium exited with status {self.process.returncode}")
            time.sleep(0.05)
        raise RuntimeError("chromium did not open its DevTools port")

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def wait_for(self, event: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        if any(e["method"] == event for e in self.events):
            return
        while time.monotonic() < deadline:
            message = json.loads(self.socket.recv())
            if "method" in message:
                self.events.append(message)
                if message["method"] == event:
                    return
        raise TimeoutError(event)

    def open(self, path: Path) -> None:
        """Load a file and wait until it and its images have loaded (scripts have run)."""
        self.events.clear()
        self.call("Page.navigate", url=path.resolve().as_uri())
        self.wait_for("Page.loadEventFired")
        # lazy images below the fold would never load in a window nobody scrolls
        self.evaluate("Promise.all(Array.from(document.images).map(i => { i.loading = 'eager'; "
                      "return i.complete ? 1 : new Promise(r => { i.onload = i.onerror = r; }); }))", wait=True)

    def evaluate(self, expression: str, *, wait: bool = False) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=wait)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def requested_urls(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events if e["method"] == "Network.requestWillBeSent"]

    def console_errors(self) -> list[str]:
        errors = [json.dumps(e["params"])[:300] for e in self.events if e["method"] == "Runtime.exceptionThrown"]
        errors += [json.dumps(e["params"]["args"])[:300] for e in self.events
                   if e["method"] == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "assert")]
        errors += [e["params"]["entry"]["text"] for e in self.events if e["method"] == "Log.entryAdded" and e["params"]["entry"]["level"] == "error"]
        return errors

    def screenshot(self, full_page: bool = False) -> bytes:
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
        return base64.b64decode(self.call("Page.captureScreenshot", **params)["data"])

    def close(self) -> None:
        try:
            self.socket.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            shutil.rmtree(self.profile, ignore_errors=True)
