"""HTTP end to end: the Procfile's web process on loopback, driven by simulated Slack users.

For each app - the advisor (`bot.wsgi:app`) and the floor, the minimal correct app
(`bench.bare_app:app`: one signature check, one transaction, one chat.postMessage) - this starts
gunicorn exactly as the Procfile does (`-c python:bot.gunicorn_conf`: gevent workers,
WEB_CONCURRENCY of them) against a fake Slack Web API served by this process, once over plain HTTP
and once over TLS (a self-signed certificate made for the run, trusted through SSL_CERT_FILE), and
measures:

- cold start (plain HTTP): from spawning gunicorn to the port accepting connections, and to the
  first signed request answered 200 (a worker has imported the app), with the cache folder the
  language model is mapped from already written, and with an empty one (a new machine, a
  platform's fresh container: the first start writes it);
- for N = 1, 10, 50 concurrent conversations, each a fresh user (`bench.users`) answering what
  the bot asks, as signed DM events with unique event ids, waiting for the bot's reply before the
  next line: messages per second, **worker CPU per message** (user + system CPU of the gunicorn
  workers over the load, from psutil, divided by the messages), p50/p99 ack latency (the HTTP
  response time) and p50 reply latency (request sent to the bot's first chat.postMessage in that
  DM), Web API calls and new Web API connections per message;
- the peak RSS of any one gunicorn worker during the load (psutil, sampled every 20 ms), the peak
  of its part not backed by files (RSS less shared libraries and mapped files), and the peak of
  its unique set (pages no other process shares: what one more worker costs, now that the master
  loads the advisor before forking; sampled every 200 ms, as reading it walks the page tables).

The load generator (this process, with the fake Web API) is pinned to one core and the servers to
the others where the machine allows (os.sched_setaffinity); the output says where each ran. The
environment is passed through (DATABASE_URL included), so a PostgreSQL run is the same command with
DATABASE_URL set; every row names the engine. Everything listens on 127.0.0.1; every loop is
bounded; gunicorn is stopped on the way out, also on error.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import itertools
import json
import os
import random
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

from bench.fake_api import TEAM, FakeSlackApi, tls_certificate
from bench.machine import engine
from bench.stats import percentile
from bench.users import Population

ROOT = Path(__file__).resolve().parent.parent
SECRET = "bench-signing-secret-0123456789abcdef"
APPS = {"advisor": "bot.wsgi:app", "bare": "bench.bare_app:app"}
LABELS = {"advisor": "advisor", "bare": "minimal app"}
TARGET_CPU_RATIO = 1.5  # advisor's worker CPU per message / the minimal app's
TARGET_ACK_P99 = 0.050  # seconds, at 50 concurrent conversations
_START_TIMEOUT = 30.0
_REPLY_TIMEOUT = 30.0
_REQUEST_TIMEOUT = 30.0
_SATURATED = 0.9  # cores: above this the load generator, not the server, may be what is measured
PACED = -1  # the key of the paced load among an app's loads (the others are keyed by N)
_SETTLE = 0.3  # seconds after a load for replies still being posted, before reading CPU times


@dataclass
class LoadResult:
    users: int
    requests: int = 0
    paced: bool = False
    seconds: float = 0.0
    acks: list[float] = field(default_factory=list)
    replies: list[float] = field(default_factory=list)
    errors: int = 0
    error_kinds: Counter[str] = field(default_factory=Counter)
    conversations: int = 0
    client_cpu: float = 0.0  # cores the load generator (and the fake Web API) used on average
    worker_cpu: float = 0.0  # CPU seconds gunicorn's workers used over the load
    api_calls: int = 0  # Web API calls the app made during the load
    api_connections: int = 0  # connections the app opened to the Web API during the load

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def cpu_per_message(self) -> float:
        return self.worker_cpu / self.requests if self.requests else 0.0


@dataclass
class AppResult:
    name: str
    listening: float = 0.0
    first_answer: float = 0.0  # with the cache folder already written
    first_answer_fresh: float = 0.0  # with an empty cache folder
    loads: dict[tuple[str, int], LoadResult] = field(default_factory=dict)  # (transport, N) -> result
    peak_rss: int = 0  # bytes, the largest of any one worker
    peak_private: int = 0  # bytes, the largest RSS not backed by files of any one worker
    peak_unique: int = 0  # bytes, the largest unique set size of any one worker


# -- where things run -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Placement:
    generator: frozenset[int] | None  # cores for this process (load generator, fake Web API)
    servers: frozenset[int] | None  # cores for gunicorn
    said: str

    @classmethod
    def for_machine(cls) -> Placement:
        if not hasattr(os, "sched_setaffinity"):
            return cls(None, None, "not pinned (no sched_setaffinity here)")
        cores = sorted(os.sched_getaffinity(0))
        if len(cores) < 2:
            return cls(None, None, "not pinned (one core: generator and servers share it)")
        generator, servers = frozenset(cores[:1]), frozenset(cores[1:])
        return cls(
            generator, servers, f"load generator on core {cores[0]}, servers on {_cores(servers)} of {len(cores)}"
        )


def _cores(cores: frozenset[int]) -> str:
    return ("core " if len(cores) == 1 else "cores ") + ",".join(str(c) for c in sorted(cores))


@contextlib.contextmanager
def pinned(cores: frozenset[int] | None) -> Iterator[None]:
    if cores is None:
        yield
        return
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, cores)
    try:
        yield
    finally:
        os.sched_setaffinity(0, before)


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
def gunicorn(
    app: str,
    api_url: str,
    folder: Path,
    cores: frozenset[int] | None = None,
    cert: Path | None = None,
    cache: Path | None = None,
) -> Iterator[Gunicorn]:
    """The Procfile's web line for `app`, bound to a free loopback port; stopped on the way out.
    Its cache folder (the language model's arrays) is `cache`, or one shared by the run's servers."""
    port = free_port()
    # Passed through (DATABASE_URL, WEB_CONCURRENCY, ADVISOR_LISTENER_THREADS...) but for Slack's
    # settings and the database file, which are the benchmark's own.
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_") and k != "ADVISOR_DB_PATH"}
    env |= {
        "SLACK_BOT_TOKEN": "xoxb-bench-token",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": api_url,
        "ADVISOR_DB_PATH": str(folder / f"{app.split('.')[0]}-{port}.db"),
        "ADVISOR_CONSULT_URL": "https://consult.example/book",
        "ADVISOR_CACHE_DIR": str(cache or folder / "cache"),
        "PYTHONPATH": str(ROOT),
        # Compiled bytecode kept (in the run's folder, written by the first, uncounted start), as an
        # installed wheel or a checkout that has run once has it; without it every start compiles
        # the app's 14,000 lines again, which no deployment does on each start.
        "PYTHONPYCACHEPREFIX": str(folder / "pycache"),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if cert is not None:
        env["SSL_CERT_FILE"] = str(cert)  # the default SSL context trusts the run's own certificate
    config = "bench.bare_conf" if app == APPS["bare"] else "bot.gunicorn_conf"
    command = [sys.executable, "-m", "gunicorn", "-c", f"python:{config}"]
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning", app]
    log = folder / f"gunicorn-{port}.log"

    def pin() -> None:  # in the child, before exec: the master and the workers it forks inherit it
        if cores is not None:
            os.sched_setaffinity(0, cores)

    with log.open("wb") as sink:
        process = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=sink, stderr=sink, start_new_session=True, preexec_fn=pin
        )
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
_RUN = f"{os.getpid():06d}{int(time.time()) % 100000:05d}"  # event ids unique across runs too


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
            "client_msg_id": f"bench-{_RUN}-{number}",
        },
        "type": "event_callback",
        "event_id": f"Ev0B{_RUN}{number:08d}",
        "event_time": int(time.time()),
        "authorizations": [{"team_id": TEAM, "user_id": "U0BOT0001", "is_bot": True, "is_enterprise_install": False}],
        "is_ext_shared_channel": False,
    }
    return json.dumps(envelope).encode()


async def first_answer(client: httpx.AsyncClient, server: Gunicorn, fake: FakeSlackApi, started: float) -> float:
    """Seconds from `started` until a signed DM is acknowledged with 200 and answered in Slack."""
    deadline = started + _START_TIMEOUT
    warm = f"U0WARM{next(_event_ids):06d}"
    while time.perf_counter() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {server.log.read_text()[-2000:]}")
        reply = fake.reply_to("D" + warm[1:])
        body = dm_event(warm, "D" + warm[1:], "hi")
        try:
            answer = await client.post(server.url, content=body, headers=signed(body), timeout=_START_TIMEOUT)
        except httpx.TransportError:
            reply.cancel()
            await asyncio.sleep(0.005)
            continue
        if answer.status_code != 200:
            raise RuntimeError(f"warm-up request answered {answer.status_code}: {answer.text[:200]}")
        acked = time.perf_counter() - started
        await asyncio.wait_for(reply, _REPLY_TIMEOUT)
        return acked
    raise RuntimeError("gunicorn did not answer a signed request")


# -- the load ---------------------------------------------------------------------------------------

PACED_THINK = (1.0, 5.0)  # seconds a person takes between the bot's reply and their next line


class Pace:
    """One person's pacing: a think time drawn uniformly from `think` after each reply, from a
    seeded generator of its own (so pacing never changes what the users say)."""

    def __init__(self, seed: int, think: tuple[float, float] = PACED_THINK) -> None:
        self.rng = random.Random(seed)
        self.low, self.high = think

    def arrival(self) -> float:
        """When the person sends their first line: spread over one think time, not all at once."""
        return self.rng.uniform(0, self.high)

    def think(self) -> float:
        return self.rng.uniform(self.low, self.high)


async def play(
    client: httpx.AsyncClient,
    url: str,
    fake: FakeSlackApi,
    population: Population,
    budget: Iterator[int],
    result: LoadResult,
    pace: Pace | None = None,
) -> None:
    """One seat at the keyboard: conversations of fresh users one after another, one line after
    the bot's reply to the last, until the shared message budget is spent. With `pace`, the person
    reads the reply and thinks before each line (and first arrives at a random moment)."""
    if pace is not None:
        await asyncio.sleep(pace.arrival())
    while True:
        user = population.new_user()
        result.conversations += 1
        asking: str | None = None
        while (text := user.next_line(asking)) is not None:
            if next(budget, None) is None:
                return
            body = dm_event(user.id, user.channel, text)
            reply = fake.reply_to(user.channel)
            started = time.perf_counter()
            try:
                answer = await client.post(url, content=body, headers=signed(body), timeout=_REQUEST_TIMEOUT)
            except httpx.HTTPError as error:
                result.errors += 1
                result.error_kinds[type(error).__name__] += 1
                reply.cancel()
                break
            result.acks.append(time.perf_counter() - started)
            if answer.status_code != 200:
                result.errors += 1
                result.error_kinds[f"HTTP {answer.status_code}"] += 1
                reply.cancel()
                break
            try:
                await asyncio.wait_for(reply, _REPLY_TIMEOUT)
            except TimeoutError:
                result.errors += 1
                result.error_kinds["no reply"] += 1
                break
            result.replies.append(time.perf_counter() - started)
            asking = fake.asking.get(user.channel, "")
            if pace is not None:
                await asyncio.sleep(pace.think())


def _cpu_seconds(processes: Sequence[psutil.Process]) -> float:
    total = 0.0
    for process in processes:
        with contextlib.suppress(psutil.Error):
            times = process.cpu_times()
            total += times.user + times.system
    return total


async def load(
    server: Gunicorn,
    client: httpx.AsyncClient,
    fake: FakeSlackApi,
    population: Population,
    users: int,
    requests: int,
    paced: bool = False,
) -> LoadResult:
    """`users` people at once until `requests` messages are sent: back to back (each sends as soon
    as the bot replies: the server saturates, and latency is its queue), or `paced` (each thinks
    PACED_THINK seconds between a reply and the next line, as people do)."""
    result = LoadResult(users=users, requests=requests, paced=paced)
    budget = iter(range(requests))
    me, workers = psutil.Process(), server.workers()
    client_before, workers_before = _cpu_seconds([me]), _cpu_seconds(workers)
    calls_before, connections_before = sum(fake.calls.values()), fake.connections
    started = time.perf_counter()
    paces = [Pace(seed) if paced else None for seed in range(users)]
    await asyncio.gather(*(play(client, server.url, fake, population, budget, result, pace) for pace in paces))
    result.seconds = time.perf_counter() - started
    result.client_cpu = (_cpu_seconds([me]) - client_before) / result.seconds
    # A turn may still be posting (closing a question, its Home tab) after its first reply: let it
    # finish so its CPU is counted, outside the timed window. Idle workers add nothing meanwhile.
    await asyncio.sleep(_SETTLE)
    result.worker_cpu = _cpu_seconds(workers) - workers_before
    result.api_calls = sum(fake.calls.values()) - calls_before
    result.api_connections = fake.connections - connections_before
    return result


@contextlib.asynccontextmanager
async def rss_sampler(server: Gunicorn, every: float = 0.02) -> AsyncIterator[list[int]]:
    """Samples the memory of each worker while the body runs; yields a three-item list: the peak RSS,
    the peak of its part not backed by files (RSS less the resident pages of shared libraries and
    mapped files, such as the language model's arrays: pages the kernel shares between the workers
    and can drop and read again), and the peak unique set size (pages of this worker alone; what it
    shares with the master that loaded the advisor, or with the other workers, is not counted)."""
    peak = [0, 0, 0]

    async def sample() -> None:
        for sweep in itertools.count():
            for worker in server.workers():
                with contextlib.suppress(psutil.Error):
                    memory = worker.memory_info()
                    peak[0] = max(peak[0], memory.rss)
                    peak[1] = max(peak[1], memory.rss - memory.shared)
                    if sweep % 10 == 0:
                        peak[2] = max(peak[2], worker.memory_full_info().uss)
            await asyncio.sleep(every)

    task = asyncio.create_task(sample())
    try:
        yield peak
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def cold_start(
    client: httpx.AsyncClient, app: str, fake: FakeSlackApi, folder: Path, cores: frozenset[int] | None, fresh: bool
) -> tuple[float, float]:
    """A fresh gunicorn: seconds to listening, and to the first signed request answered. `fresh`:
    with an empty cache folder, as on a new machine or a platform's fresh container."""
    cache = Path(tempfile.mkdtemp(prefix="cache-", dir=folder)) if fresh else None
    started = time.perf_counter()
    with gunicorn(app, fake.api_url, folder, cores, cache=cache) as server:
        listening = wait_listening(server, started)
        return listening, await first_answer(client, server, fake, started)


async def run_async(
    users: Sequence[int],
    requests: int,
    starts: int,
    placement: Placement,
    transports: Sequence[str],
    api_delay: float = 0.0,
    paced: tuple[int, int] | None = None,
) -> dict[str, AppResult]:
    """Both apps side by side, per transport: both served at once and loaded in turn (advisor,
    minimal app, advisor, ...), so a change in the machine's load falls on both alike. Back to back
    for each N in `users`, then `paced` = (people, messages) at human pace."""
    results = {name: AppResult(name) for name in APPS}
    population = Population()
    # Idle connections are dropped before gunicorn's keep-alive would close them under us.
    most = max([*users, paced[0] if paced else 0])
    limits = httpx.Limits(max_connections=most + 5, max_keepalive_connections=most + 5, keepalive_expiry=1.0)
    with tempfile.TemporaryDirectory(prefix="advisor-bench-") as tmp:
        folder = Path(tmp)
        cert, key = tls_certificate(folder)
        async with httpx.AsyncClient(limits=limits) as client:
            for transport in transports:
                fake = await FakeSlackApi(tls=(cert, key) if transport == "TLS" else None, delay=api_delay).start()
                try:
                    if starts and transport == transports[0]:
                        times: dict[tuple[str, bool], list[tuple[float, float]]] = {
                            (name, fresh): [] for name in APPS for fresh in (True, False)
                        }
                        # one start not counted, so the run's shared cache folder is written
                        await cold_start(client, APPS["advisor"], fake, folder, placement.servers, False)
                        for _ in range(starts):
                            for (name, fresh), samples in times.items():
                                samples.append(
                                    await cold_start(client, APPS[name], fake, folder, placement.servers, fresh)
                                )
                        for (name, fresh), samples in times.items():  # medians
                            first = percentile([s[1] for s in samples], 0.5)
                            if fresh:
                                results[name].first_answer_fresh = first
                            else:
                                results[name].listening = percentile([s[0] for s in samples], 0.5)
                                results[name].first_answer = first
                    trust = cert if transport == "TLS" else None
                    with contextlib.ExitStack() as stack:
                        servers = {
                            name: stack.enter_context(gunicorn(app, fake.api_url, folder, placement.servers, trust))
                            for name, app in APPS.items()
                        }
                        for server in servers.values():
                            wait_listening(server, time.perf_counter())
                            await first_answer(client, server, fake, time.perf_counter())
                            # Warm the workers (imports, first database connection, first Web API calls).
                            await load(server, client, fake, population, 4, 24)
                        for n in users:
                            for name, server in servers.items():
                                async with rss_sampler(server) as peak:
                                    result = await load(server, client, fake, population, n, requests)
                                results[name].loads[(transport, n)] = result
                                results[name].peak_rss = max(results[name].peak_rss, peak[0])
                                results[name].peak_private = max(results[name].peak_private, peak[1])
                                results[name].peak_unique = max(results[name].peak_unique, peak[2])
                        if paced:
                            for name, server in servers.items():
                                result = await load(server, client, fake, population, *paced, paced=True)
                                results[name].loads[(transport, PACED)] = result
                finally:
                    await fake.stop()
    return results


def _figures(r: LoadResult, ack_target: str = "") -> str:
    return (
        f"worker CPU {r.cpu_per_message * 1e3:.2f} ms/message, {r.rate:.0f} messages/s,"
        f" ack p50 {percentile(r.acks, 0.5) * 1e3:.1f} ms p99 {percentile(r.acks, 0.99) * 1e3:.1f} ms"
        f"{ack_target}, reply p50 {percentile(r.replies, 0.5) * 1e3:.1f} ms"
        f" ({r.requests} messages in {r.conversations} conversations, {r.errors} errors{_kinds(r)};"
        f" per message {r.api_calls / r.requests:.2f} Web API calls,"
        f" {r.api_connections / r.requests:.2f} new connections; load generator {r.client_cpu:.2f} cores"
        + (", saturated: latencies include its queueing" if r.client_cpu > _SATURATED else "")
        + ")"
    )


def _ratio(a: LoadResult, b: LoadResult) -> str:
    # (a handful of messages may take less CPU than the clock's tick shows: no ratio, not a crash)
    cpu = f"{a.cpu_per_message / b.cpu_per_message:.2f}x" if b.cpu_per_message > 0 else "n/a (too few to measure)"
    rate = f"{a.rate / b.rate:.2f}" if b.rate > 0 else "n/a"
    return f"worker CPU per message {cpu} (target <= {TARGET_CPU_RATIO:g}x), throughput {rate}"


def _kinds(result: LoadResult) -> str:
    return f" ({', '.join(f'{k}: {v}' for k, v in result.error_kinds.items())})" if result.errors else ""


def run(
    users: Sequence[int] = (1, 10, 50),
    requests: int = 2000,
    starts: int = 5,
    transports: Sequence[str] = ("plain", "TLS"),
    api_delay: float = 0.0,
    paced: tuple[int, int] | None = (50, 600),
) -> dict[str, str]:
    """The figures as table rows (`api_delay`: seconds the fake Web API waits before each answer;
    `paced`: people and messages of the paced load, None for none)."""
    placement = Placement.for_machine()
    with pinned(placement.generator):
        results = asyncio.run(run_async(users, requests, starts, placement, transports, api_delay, paced))
    advisor, bare = results["advisor"], results["bare"]
    db = engine()
    rows: dict[str, str] = {"HTTP placement": placement.said}
    for transport in transports:
        for n in users:
            a, b = advisor.loads[(transport, n)], bare.loads[(transport, n)]
            # Back to back, nobody waits between a reply and the next line: at N = 50 the server is
            # saturated by construction, so these rows give throughput, and their latency is queueing.
            kind = "back-to-back" + (" (saturation)" if n >= 50 else "")
            for name, r in (("advisor", a), ("bare", b)):
                rows[f"HTTP {db} {transport} N={n} {kind} {LABELS[name]}"] = _figures(r)
            rows[f"HTTP {db} {transport} N={n} {kind} advisor / minimal app"] = _ratio(a, b)
        if paced:
            a, b = advisor.loads[(transport, PACED)], bare.loads[(transport, PACED)]
            kind = f"N={paced[0]} paced ({PACED_THINK[0]:g}-{PACED_THINK[1]:g} s think time)"
            for name, r in (("advisor", a), ("bare", b)):
                ack_target = f" (target < {TARGET_ACK_P99 * 1e3:g} ms)" if name == "advisor" else ""
                rows[f"HTTP {db} {transport} {kind} {LABELS[name]}"] = _figures(r, ack_target)
            rows[f"HTTP {db} {transport} {kind} advisor / minimal app"] = _ratio(a, b)
    if starts:
        for app in (advisor, bare):
            target = app is advisor
            rows[f"cold start, {LABELS[app.name]}"] = (
                f"listening {app.listening * 1e3:.0f} ms, first signed request answered"
                f" {app.first_answer * 1e3:.0f} ms (empty cache folder: {app.first_answer_fresh * 1e3:.0f} ms)"
                + (" (target < 1 s)" if target else "")
            )
    for app in (advisor, bare):
        rows[f"peak RSS of one worker under load, {LABELS[app.name]}"] = (
            f"{app.peak_rss / 2**20:.1f} MB (not backed by files: {app.peak_private / 2**20:.1f} MB;"
            f" unique to the worker: {app.peak_unique / 2**20:.1f} MB)"
        ) + (" (target < 100 MB)" if app is advisor else "")
    return rows
