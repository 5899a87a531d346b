"""HTTP end to end: the Procfile's web process on loopback, driven by simulated Slack users.

For each app (the advisor, `bot.wsgi:app`, and the bare Bolt baseline, `bench.bare_app:app`) this
starts gunicorn exactly as the Procfile does (2 workers, 4 threads) against a fake Slack Web API
served by this process, and measures:

- cold start: from spawning gunicorn to the port accepting connections, and to the first signed
  request answered 200 (a worker has imported the app);
- for N = 1, 10, 50 concurrent users, each playing whole conversations as signed DM events
  (message.im envelopes with unique event ids), waiting for the bot's reply before the next line:
  acks per second over a fixed number of requests, p50/p99 ack latency (the HTTP response time),
  and p50 reply latency (request sent to the bot's first chat.postMessage in that DM);
- the peak RSS of any one gunicorn worker during the load (psutil, sampled every 20 ms).

Everything listens on 127.0.0.1; every loop is bounded; gunicorn is stopped on the way out, also
on error.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import itertools
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

from bench.fake_api import TEAM, FakeSlackApi
from bench.stats import percentile

ROOT = Path(__file__).resolve().parent.parent
SECRET = "bench-signing-secret-0123456789abcdef"
APPS = {"advisor": "bot.wsgi:app", "bare": "bench.bare_app:app"}
# A whole conversation, first message to the recommendation and a follow-up question.
CONVERSATION = [
    "we are 3 keras devs shipping an android app in 6 weeks",
    "image classification",
    "no, greenfield",
    "nvidia gpus",
    "nothing else",
    "yes",
    "why not tensorflow?",
]
_START_TIMEOUT = 30.0
_REPLY_TIMEOUT = 30.0
_REQUEST_TIMEOUT = 30.0


@dataclass
class LoadResult:
    users: int
    requests: int
    seconds: float
    acks: list[float]
    replies: list[float]
    errors: int
    error_kinds: Counter[str] = field(default_factory=Counter)
    client_cpu: float = 0.0  # cores the load generator (and the fake Web API) used on average
    server_cpu: float = 0.0  # cores gunicorn's workers used on average
    api_calls: int = 0  # Web API calls the app made during the load

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


@dataclass
class AppResult:
    name: str
    listening: float = 0.0
    first_answer: float = 0.0
    loads: dict[int, LoadResult] = field(default_factory=dict)
    peak_rss: int = 0  # bytes, the largest of any one worker


# -- gunicorn -------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Gunicorn:
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/slack/events"

    def workers(self) -> list[psutil.Process]:
        try:
            children: list[psutil.Process] = psutil.Process(self.process.pid).children()
        except psutil.NoSuchProcess:
            return []
        return children


@contextlib.contextmanager
def gunicorn(app: str, api_url: str, folder: Path) -> Iterator[Gunicorn]:
    """The Procfile's web line for `app`, bound to a free loopback port; stopped on the way out."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "ADVISOR_"))}
    env |= {
        "SLACK_BOT_TOKEN": "xoxb-bench-token",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": api_url,
        "ADVISOR_DB_PATH": str(folder / f"{app.split('.')[0]}-{port}.db"),
        "ADVISOR_CONSULT_URL": "https://consult.example/book",
        "PYTHONPATH": str(ROOT),
    }
    command = [sys.executable, "-m", "gunicorn", "--workers", "2", "--threads", "4"]
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning", app]
    log = folder / f"gunicorn-{port}.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=sink, stderr=sink, start_new_session=True)
    try:
        yield Gunicorn(process, port, log)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def wait_listening(server: Gunicorn, started: float) -> float:
    """Seconds from `started` until the port accepts a connection."""
    deadline = started + _START_TIMEOUT
    while time.perf_counter() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {server.log.read_text()[-2000:]}")
        with socket.socket() as probe:
            probe.settimeout(0.5)
            if probe.connect_ex(("127.0.0.1", server.port)) == 0:
                return time.perf_counter() - started
        time.sleep(0.002)
    raise RuntimeError("gunicorn did not start listening")


# -- Slack's side -----------------------------------------------------------------------------------


def signed(body: bytes) -> dict[str, str]:
    timestamp = str(int(time.time()))
    digest = hmac.new(SECRET.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256).hexdigest()
    return {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": f"v0={digest}",
    }


_event_ids = itertools.count(1)


def dm_event(user: str, channel: str, text: str) -> bytes:
    """A message.im event envelope as Slack sends it, with a fresh event id and ts."""
    number = next(_event_ids)
    ts = f"{time.time():.6f}"
    envelope = {
        "token": "unused",
        "team_id": TEAM,
        "api_app_id": "A0APP0001",
        "event": {
            "type": "message",
            "channel": channel,
            "user": user,
            "text": text,
            "ts": ts,
            "event_ts": ts,
            "channel_type": "im",
            "team": TEAM,
            "client_msg_id": f"bench-{number}",
        },
        "type": "event_callback",
        "event_id": f"Ev0BENCH{number:08d}",
        "event_time": int(time.time()),
        "authorizations": [{"team_id": TEAM, "user_id": "U0BOT0001", "is_bot": True, "is_enterprise_install": False}],
        "is_ext_shared_channel": False,
    }
    return json.dumps(envelope).encode()


async def first_answer(client: httpx.AsyncClient, server: Gunicorn, fake: FakeSlackApi, started: float) -> float:
    """Seconds from `started` until a signed DM is acknowledged with 200 and answered in Slack."""
    deadline = started + _START_TIMEOUT
    while time.perf_counter() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {server.log.read_text()[-2000:]}")
        reply = fake.reply_to("D0WARMUP")
        body = dm_event("U0WARMUP", "D0WARMUP", "hi")
        try:
            answer = await client.post(server.url, content=body, headers=signed(body), timeout=_START_TIMEOUT)
        except httpx.TransportError:
            await asyncio.sleep(0.005)
            continue
        if answer.status_code != 200:
            raise RuntimeError(f"warm-up request answered {answer.status_code}: {answer.text[:200]}")
        acked = time.perf_counter() - started
        await asyncio.wait_for(reply, _REPLY_TIMEOUT)
        return acked
    raise RuntimeError("gunicorn did not answer a signed request")


# -- the load ---------------------------------------------------------------------------------------


async def play(
    client: httpx.AsyncClient,
    url: str,
    fake: FakeSlackApi,
    user_number: int,
    budget: Iterator[int],
    lines: Sequence[str],
    result: LoadResult,
) -> None:
    """One simulated user: whole conversations (a fresh Slack user each), one line after the bot's
    reply to the last, until the shared request budget is spent."""
    for conversation in itertools.count():
        user = f"U{user_number:04d}C{conversation:05d}"
        channel = "D" + user[1:]
        for text in lines:
            if next(budget, None) is None:
                return
            body = dm_event(user, channel, text)
            reply = fake.reply_to(channel)
            started = time.perf_counter()
            try:
                answer = await client.post(url, content=body, headers=signed(body), timeout=_REQUEST_TIMEOUT)
            except httpx.HTTPError as error:
                result.errors += 1
                result.error_kinds[type(error).__name__] += 1
                reply.cancel()
                continue
            result.acks.append(time.perf_counter() - started)
            if answer.status_code != 200:
                result.errors += 1
                result.error_kinds[f"HTTP {answer.status_code}"] += 1
                reply.cancel()
                continue
            try:
                await asyncio.wait_for(reply, _REPLY_TIMEOUT)
            except TimeoutError:
                result.errors += 1
                result.error_kinds["no reply"] += 1
                continue
            result.replies.append(time.perf_counter() - started)


def _cpu_seconds(processes: Sequence[psutil.Process]) -> float:
    total = 0.0
    for process in processes:
        with contextlib.suppress(psutil.Error):
            times = process.cpu_times()
            total += times.user + times.system
    return total


async def load(
    server: Gunicorn, client: httpx.AsyncClient, fake: FakeSlackApi, users: int, requests: int
) -> LoadResult:
    result = LoadResult(users=users, requests=requests, seconds=0.0, acks=[], replies=[], errors=0)
    budget = iter(range(requests))
    me, workers = psutil.Process(), server.workers()
    client_before, server_before = _cpu_seconds([me]), _cpu_seconds(workers)
    calls_before = sum(fake.calls.values())
    started = time.perf_counter()
    await asyncio.gather(*(play(client, server.url, fake, n, budget, CONVERSATION, result) for n in range(users)))
    result.seconds = time.perf_counter() - started
    result.client_cpu = (_cpu_seconds([me]) - client_before) / result.seconds
    result.server_cpu = (_cpu_seconds(workers) - server_before) / result.seconds
    result.api_calls = sum(fake.calls.values()) - calls_before
    return result


@contextlib.asynccontextmanager
async def rss_sampler(server: Gunicorn, every: float = 0.02) -> AsyncIterator[list[int]]:
    """Samples the RSS of each worker while the body runs; yields a one-item list: the peak."""
    peak = [0]

    async def sample() -> None:
        while True:
            for worker in server.workers():
                with contextlib.suppress(psutil.Error):
                    peak[0] = max(peak[0], worker.memory_info().rss)
            await asyncio.sleep(every)

    task = asyncio.create_task(sample())
    try:
        yield peak
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def cold_start(client: httpx.AsyncClient, app: str, fake: FakeSlackApi, folder: Path) -> tuple[float, float]:
    """A fresh gunicorn: seconds to listening, and to the first signed request answered."""
    started = time.perf_counter()
    with gunicorn(app, fake.api_url, folder) as server:
        listening = wait_listening(server, started)
        return listening, await first_answer(client, server, fake, started)


async def run_async(users: Sequence[int], requests: int, starts: int) -> dict[str, AppResult]:
    """Both apps side by side: cold starts in turn, then both served at once and loaded in turn
    (advisor, bare, advisor, ...), so a change in the machine's load falls on both alike."""
    fake = await FakeSlackApi().start()
    results = {name: AppResult(name) for name in APPS}
    # Idle connections are dropped before gunicorn's 2 s keep-alive would close them under us.
    limits = httpx.Limits(
        max_connections=max(users) + 5, max_keepalive_connections=max(users) + 5, keepalive_expiry=1.0
    )
    try:
        with tempfile.TemporaryDirectory(prefix="advisor-bench-") as tmp:
            folder = Path(tmp)
            async with httpx.AsyncClient(limits=limits) as client:
                times: dict[str, list[tuple[float, float]]] = {name: [] for name in APPS}
                for _ in range(starts):
                    for name, app in APPS.items():
                        times[name].append(await cold_start(client, app, fake, folder))
                for name, samples in times.items():  # medians
                    results[name].listening = percentile([s[0] for s in samples], 0.5)
                    results[name].first_answer = percentile([s[1] for s in samples], 0.5)
                with contextlib.ExitStack() as stack:
                    servers = {
                        name: stack.enter_context(gunicorn(app, fake.api_url, folder)) for name, app in APPS.items()
                    }
                    for server in servers.values():
                        wait_listening(server, time.perf_counter())
                        await first_answer(client, server, fake, time.perf_counter())
                        # Warm both workers (imports, first database connection, first Web API call).
                        await load(server, client, fake, 4, 16)
                    for n in users:
                        for name, server in servers.items():
                            async with rss_sampler(server) as peak:
                                results[name].loads[n] = await load(server, client, fake, n, requests)
                            results[name].peak_rss = max(results[name].peak_rss, peak[0])
    finally:
        await fake.stop()
    return results


def _kinds(result: LoadResult) -> str:
    return f" ({', '.join(f'{k}: {v}' for k, v in result.error_kinds.items())})" if result.errors else ""


def run(users: Sequence[int] = (1, 10, 50), requests: int = 2000, starts: int = 5) -> dict[str, str]:
    """The figures as table rows."""
    results = asyncio.run(run_async(users, requests, starts))
    advisor, bare = results["advisor"], results["bare"]
    rows: dict[str, str] = {}
    for n in users:
        a, b = advisor.loads[n], bare.loads[n]
        for label, r in (("advisor", a), ("bare Bolt", b)):
            rows[f"HTTP N={n} {label}"] = (
                f"{r.rate:.0f} req/s, ack p50 {percentile(r.acks, 0.5) * 1e3:.1f} ms"
                f" p99 {percentile(r.acks, 0.99) * 1e3:.1f} ms, reply p50 {percentile(r.replies, 0.5) * 1e3:.1f} ms"
                f" ({r.requests} requests, {r.errors} errors{_kinds(r)};"
                f" {r.api_calls / r.requests:.1f} Web API calls per request; CPU: workers {r.server_cpu:.2f},"
                f" load generator {r.client_cpu:.2f} cores)"
            )
        rows[f"HTTP N={n} advisor / bare"] = f"{a.rate / b.rate:.2f} (target >= 0.8)"
    for app, label in ((advisor, "advisor"), (bare, "bare Bolt")):
        target = app is advisor
        rows[f"cold start, {label}"] = (
            f"listening {app.listening * 1e3:.0f} ms, first signed request answered {app.first_answer * 1e3:.0f} ms"
            + (" (target < 1 s)" if target else "")
        )
        rows[f"peak RSS of one worker under load, {label}"] = f"{app.peak_rss / 2**20:.1f} MB" + (
            " (target < 100 MB)" if target else ""
        )
    return rows
