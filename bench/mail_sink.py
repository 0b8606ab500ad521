"""An SMTP server for the mail benchmark, in its own process: accepts everything and writes down, for
each accepted mail, its recipient (RCPT TO) and its Message-ID, one line each.

Usage: python bench/mail_sink.py PORT OUTFILE. Prints "ready" when it listens; on SIGTERM it flushes
OUTFILE and exits. A mail whose DATA never ended (the sender died before the final dot) is never
accepted, so never written.
"""

from __future__ import annotations

import re
import signal
import sys
import threading
from typing import Any, TextIO

from aiosmtpd.controller import Controller

MESSAGE_ID = re.compile(rb"^Message-ID:\s*(<[^>\r\n]*>)", re.IGNORECASE | re.MULTILINE)


class Sink:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.accepted = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        head = envelope.content.split(b"\r\n\r\n", 1)[0]
        found = MESSAGE_ID.search(head)
        message_id = found.group(1).decode("ascii", "replace") if found else "-"
        for rcpt in envelope.rcpt_tos:
            self.out.write(f"{rcpt}\t{message_id}\n")
        self.accepted += 1
        return "250 OK"


def main() -> None:
    port, path = int(sys.argv[1]), sys.argv[2]
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    with open(path, "w", encoding="ascii", buffering=1 << 20) as out:
        controller = Controller(Sink(out), hostname="127.0.0.1", port=port)
        controller.start()
        print("ready", flush=True)
        stop.wait()
        controller.stop()
        out.flush()


if __name__ == "__main__":
    main()
