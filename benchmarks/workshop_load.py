"""A workshop room under load: 60 phones join, poll the board and add cards at once (issue 22).

gunicorn serves Surveyor on 127.0.0.1 (sync workers, as in production). Then:
1. join: 60 participants open the join page and post name and role (session CSRF on), at once;
   then one phone alone adds 50 cards, polling after each (latency without contention);
2. burst: after a barrier all 60 add ``--cards`` cards each as fast as they can, polling the
   board every 1.5 s in between, as the phones' script does;
3. resend: every card is sent once more (a phone that lost the answer): all must answer 200
   "duplicate" and the database must not grow;
4. room: for ``--seconds`` the 60 phones poll every 1.5 s and each adds a card every ~5 s while
   the facilitator's board polls too; it records when each card first shows on the board
   (freshness = first seen - acknowledged).
Checked after each phase: stored cards == acknowledged cards, no duplicate client ids.
First, the CPU each kind of request costs in-process (test client, scratch SQLite): the figure
that does not depend on what else the machine is doing.

    .venv/bin/python benchmarks/workshop_load.py [--database postgresql://...|sqlite] \
        [--workers 4] [--participants 60] [--cards 10] [--seconds 20]

Traffic goes only to 127.0.0.1; the load generator runs on the same 2 cores as the server.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from load_client import SECRET, percentiles
from load_setup import Server, ensure_pg_database, serving
from sqlalchemy import create_engine, text

POLL_SECONDS = 1.5
CSRF = re.compile(rb'name="csrf_token" type="hidden" value="([^"]+)"')


@dataclass
class Room:
    code: str
    workshop_id: int
    facilitator_cookie: str = ""


@dataclass
class Figures:
    joins: list[float] = field(default_factory=list)
    cards: list[float] = field(default_factory=list)
    resends: list[float] = field(default_factory=list)
    polls_200: list[float] = field(default_factory=list)
    polls_304: list[float] = field(default_factory=list)
    acked: dict[str, float] = field(default_factory=dict)
    seen: dict[str, float] = field(default_factory=dict)
    statuses: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, name: str, seconds: float, status: int) -> None:
        with self.lock:
            getattr(self, name).append(seconds)
            self.statuses[f"{name}:{status}"] += 1


def call(port: int, method: str, path: str, body=None, headers=None, timeout: float = 30):
    """One request on a fresh connection; returns status, headers, body and seconds."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    started = time.perf_counter()
    try:
        connection.request(method, path, body, headers or {})
        response = connection.getresponse()
        data = response.read()
    finally:
        connection.close()
    return response.status, response.headers, data, time.perf_counter() - started


def cookies_of(headers) -> str:
    return "; ".join(value.split(";", 1)[0] for value in headers.get_all("Set-Cookie") or [])


def prepare(url: str) -> Room:
    """A fresh schema with one project, one workshop with the perception world open."""
    from bench_common import fresh_schema

    from surveyor import create_app
    from surveyor.extensions import db
    from surveyor.services.projects import journey
    from surveyor.services.workshops import setup

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET})
    with app.app_context():
        fresh_schema(migrate=True)
        project = journey.create_project(journey.create_client("Bench"), "Room")
        journey.add_touchpoint(project, name="Hotline", channel="phone")
        workshop = setup.create_workshop(project, None, "Load", card_limit=100)
        db.session.flush()
        setup.open_world(workshop, "perception")
        db.session.commit()
        room = Room(workshop.join_code, workshop.id)
        db.engine.dispose()
    return room


def join(port: int, room: Room, number: int, figures: Figures) -> tuple[str, str]:
    """What a phone does: the join page (session + CSRF token), then name and role."""
    status, headers, page, seconds = call(port, "GET", f"/join/{room.code}")
    session = cookies_of(headers)
    token = CSRF.search(page).group(1).decode()
    body = urlencode({"csrf_token": token, "name": f"Phone {number}", "role": "customer"})
    status, headers, _, more = call(
        port,
        "POST",
        f"/join/{room.code}",
        body,
        {"Content-Type": "application/x-www-form-urlencoded", "Cookie": session},
    )
    figures.add("joins", seconds + more, status)
    return headers["Location"], cookies_of(headers)


class Phone:
    def __init__(self, port: int, board: str, cookie: str, figures: Figures) -> None:
        self.port, self.board, self.cookie, self.figures = port, board, cookie, figures
        self.etag = ""
        self.after: int | None = None
        self.revision: int | None = None
        self.sent: list[dict] = []
        self.next_poll = time.monotonic()

    def card(self, text_: str) -> None:
        payload = {"id": uuid.uuid4().hex, "text": text_, "world": "perception"}
        self._send(payload, "cards")
        self.sent.append(payload)

    def _send(self, payload: dict, name: str) -> None:
        status, _, _data, seconds = call(
            self.port,
            "POST",
            f"{self.board}cards",
            json.dumps(payload),
            {"Content-Type": "application/json", "Cookie": self.cookie},
        )
        self.figures.add(name, seconds, status)
        if status in (200, 201):
            with self.figures.lock:
                self.figures.acked.setdefault(payload["id"], time.monotonic())

    def resend_all(self) -> None:
        for payload in self.sent:
            self._send(payload, "resends")

    def poll_when_due(self) -> None:
        if time.monotonic() < self.next_poll:
            return
        self.next_poll += POLL_SECONDS
        status, seconds, _ = self.poll()
        self.figures.add("polls_304" if status == 304 else "polls_200", seconds, status)

    def poll(self) -> tuple[int, float, list[dict]]:
        """One poll as the page's script makes it: ETag plus the cursor of the newest card."""
        path = f"{self.board}board.json"
        if self.after is not None:
            path += f"?after={self.after}&revision={self.revision}"
        headers = {"Cookie": self.cookie, "If-None-Match": self.etag}
        status, answer, data, seconds = call(self.port, "GET", path, None, headers)
        cards: list[dict] = []
        if status == 200:
            state = json.loads(data)
            cards = state["cards"]
            self.etag, self.revision = answer.get("ETag", ""), state["revision"]
            self.after = max([card["id"] for card in cards] + [self.after or 0])
        return status, seconds, cards


def board_screen(screen: Phone, figures: Figures, stop: threading.Event) -> None:
    """The projected board (the facilitator's screen polls the same JSON): when does each card
    first show? Polls every 1.5 s with its ETag, like the page's script."""
    while not stop.is_set():
        _, _, cards = screen.poll()
        now = time.monotonic()
        with figures.lock:
            for card in cards:
                figures.seen.setdefault(card["client_id"], now)
        stop.wait(POLL_SECONDS)


def in_process_cpu(cards_on_board: int = 600, repeat: int = 100) -> dict:
    """CPU milliseconds per request in one process (Flask test client, a scratch SQLite file):
    what a request costs the server, apart from waiting for the machine or the database."""
    from surveyor import create_app

    url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'cpu.sqlite'}"
    room = prepare(url)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET})
    app.config["WTF_CSRF_ENABLED"] = False
    client = app.test_client()
    board = client.post(f"/join/{room.code}", data={"name": "CPU", "role": "employee"})
    board = board.headers["Location"]

    def card() -> None:
        payload = {"id": uuid.uuid4().hex, "text": "The queue was long", "world": "perception"}
        client.post(f"{board}cards", json=payload)

    for _ in range(cards_on_board):
        card()
    state = client.get(f"{board}board.json")
    cursor = f"?after={max(c['id'] for c in state.json['cards'])}&revision={state.json['revision']}"
    etag = state.headers["ETag"]
    steps = {
        "card": card,
        "full_board": lambda: client.get(f"{board}board.json"),
        "board_304": lambda: client.get(f"{board}board.json", headers={"If-None-Match": etag}),
        "board_since_cursor": lambda: client.get(f"{board}board.json{cursor}"),
    }
    costs = {}
    for name, step in steps.items():
        started = time.process_time()
        for _ in range(repeat):
            step()
        costs[name] = round(1000 * (time.process_time() - started) / repeat, 2)
    return {"cards_on_board": cards_on_board, "cpu_ms": costs}


def verify(url: str, figures: Figures) -> dict:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as connection:
        stored = connection.scalar(text("SELECT count(*) FROM workshop_card"))
        duplicates = connection.scalar(
            text(
                "SELECT count(*) FROM (SELECT client_id FROM workshop_card "
                "GROUP BY client_id HAVING count(*) > 1) d"
            )
        )
    engine.dispose()
    return {"acknowledged": len(figures.acked), "stored": stored, "duplicates": duplicates}


def run(args) -> dict:
    room = prepare(args.database_url)
    folder = Path(tempfile.mkdtemp(prefix="workshop-load-"))
    server = Server(
        "wsgi:app", args.database_url, args.port, args.workers, 1, folder / "gunicorn.log"
    )
    figures = Figures()
    results: dict = {"workers": args.workers, "participants": args.participants}
    results["in_process"] = in_process_cpu()
    with serving(server):
        phones: list[Phone] = [None] * args.participants  # type: ignore[list-item]
        start = threading.Barrier(args.participants)

        def joined(number: int) -> None:
            start.wait()
            board, cookie = join(args.port, room, number, figures)
            phones[number] = Phone(args.port, board, cookie, figures)

        _all(joined, args.participants)
        results["join"] = percentiles(figures.joins)

        alone = Figures()
        single = Phone(args.port, phones[0].board, phones[0].cookie, alone)
        for number in range(50):
            single.card(f"Alone {number}")
            single.next_poll = 0
            single.poll_when_due()
        results["alone"] = {
            "card_ms": percentiles(alone.cards),
            "poll_200_ms": percentiles(alone.polls_200),
        }
        figures.acked.update(alone.acked)

        burst = threading.Barrier(args.participants)
        began = time.monotonic()

        def add_cards(number: int) -> None:
            phone = phones[number]
            burst.wait()
            phone.next_poll = time.monotonic()
            for card in range(args.cards):
                phone.card(f"Phone {number} card {card}: the queue at the hotline was long")
                phone.poll_when_due()

        _all(add_cards, args.participants)
        elapsed = time.monotonic() - began
        results["burst"] = {
            "cards": len(figures.cards),
            "seconds": round(elapsed, 2),
            "cards_per_second": round(len(figures.cards) / elapsed, 1),
            "card_ms": percentiles(figures.cards),
            "poll_200_ms": percentiles(figures.polls_200),
            "poll_304_ms": percentiles(figures.polls_304),
            "check": verify(args.database_url, figures),
        }
        _all(lambda number: phones[number].resend_all(), args.participants)
        results["resend"] = {
            "card_ms": percentiles(figures.resends),
            "check": verify(args.database_url, figures),
        }

        figures.cards.clear(), figures.polls_200.clear(), figures.polls_304.clear()
        acked_before = set(figures.acked)
        stop = threading.Event()
        board, cookie = join(args.port, room, args.participants, Figures())
        screen = Phone(args.port, board, cookie, figures)
        watcher = threading.Thread(target=board_screen, args=(screen, figures, stop))
        watcher.start()
        until = time.monotonic() + args.seconds

        def in_the_room(number: int) -> None:
            phone = phones[number]
            phone.next_poll = time.monotonic() + random.uniform(0, POLL_SECONDS)
            next_card = time.monotonic() + random.uniform(0, 5)
            while time.monotonic() < until:
                phone.poll_when_due()
                if time.monotonic() >= next_card:
                    phone.card(f"Phone {number}: another perception")
                    next_card += random.uniform(3, 7)
                time.sleep(0.05)

        _all(in_the_room, args.participants)
        time.sleep(2 * POLL_SECONDS)
        stop.set()
        watcher.join()
        fresh = [
            figures.seen[card] - acked
            for card, acked in figures.acked.items()
            if card not in acked_before and card in figures.seen
        ]
        results["room"] = {
            "cards": len(figures.cards),
            "card_ms": percentiles(figures.cards),
            "poll_200_ms": percentiles(figures.polls_200),
            "poll_304_ms": percentiles(figures.polls_304),
            "polls_per_second": round(
                (len(figures.polls_200) + len(figures.polls_304)) / args.seconds, 1
            ),
            "on_board_after_ms": percentiles(fresh),
            "check": verify(args.database_url, figures),
        }
    results["statuses"] = dict(sorted(figures.statuses.items()))
    results["cpu_count"] = os.cpu_count()
    return results


def _all(target, count: int) -> None:
    threads = [threading.Thread(target=target, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="sqlite", help="sqlite, or a PostgreSQL URL")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--participants", type=int, default=60)
    parser.add_argument("--cards", type=int, default=10)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    if args.database == "sqlite":
        args.database_url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'workshop.sqlite'}"
    else:
        args.database_url = args.database
        ensure_pg_database(args.database_url)
    return args


if __name__ == "__main__":
    print(json.dumps(run(arguments()), indent=2))
