"""The two ways a rendered mail leaves: an SMTP session of our own, or Django's mail backend.

`SmtpTransport` speaks SMTP with smtplib over one connection and splits each mail in two: `begin` sends
MAIL FROM, RCPT TO, DATA and the body without the terminating dot; `release` sends the dot and `outcome`
reads the server's reply to it (two calls, so that the sender can read the database's reply in between);
`abandon` drops the connection instead, so the server discards the unfinished mail. `DjangoTransport` is
for any other backend (the console in `make run`, locmem in tests): `begin` only keeps the mail and
`release` sends it whole. See `radslag.messaging.sender` for why the split matters.
"""

from __future__ import annotations

import re
import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.utils import parseaddr
from typing import Protocol

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

_LINE_END = re.compile(rb"\r\n|\n|\r(?!\n)")
_LEADING_DOT = re.compile(rb"^\.", re.MULTILINE)


class TransportError(Exception):
    """The connection to the mail server failed (not a reply from it)."""


@dataclass(frozen=True)
class Reply:
    code: int
    text: str

    @property
    def ok(self) -> bool:
        return 200 <= self.code < 300

    @property
    def permanent(self) -> bool:
        return 500 <= self.code < 600

    @classmethod
    def of(cls, code: int, text: bytes | str) -> Reply:
        text = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
        return cls(code, f"{code} {text}".strip())


class Transport(Protocol):
    def begin(self, email: EmailMessage) -> Reply | None: ...
    def release(self) -> None: ...
    def outcome(self) -> Reply: ...
    def abandon(self) -> None: ...
    def close(self) -> None: ...


def envelope_sender() -> str:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or settings.DEFAULT_FROM_EMAIL


def wire_format(email: EmailMessage) -> bytes:
    """The message as it goes after DATA: CRLF line ends, leading dots doubled, ending in CRLF."""
    data = _LINE_END.sub(b"\r\n", email.message().as_bytes())
    data = _LEADING_DOT.sub(b"..", data)
    return data if data.endswith(b"\r\n") else data + b"\r\n"


class SmtpTransport:
    """One SMTP connection (opened on first use, reopened after an abandoned mail)."""

    def __init__(self, *, host: str, port: int, timeout: float, use_tls: bool, use_ssl: bool,
                 username: str, password: str) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.use_tls, self.use_ssl = use_tls, use_ssl
        self.username, self.password = username, password
        self._smtp: smtplib.SMTP | None = None

    @classmethod
    def from_settings(cls) -> SmtpTransport:
        return cls(
            host=settings.EMAIL_HOST or "localhost",
            port=int(settings.EMAIL_PORT),
            timeout=float(getattr(settings, "EMAIL_TIMEOUT", None) or 30),
            use_tls=bool(getattr(settings, "EMAIL_USE_TLS", False)),
            use_ssl=bool(getattr(settings, "EMAIL_USE_SSL", False)),
            username=getattr(settings, "EMAIL_HOST_USER", ""),
            password=getattr(settings, "EMAIL_HOST_PASSWORD", ""),
        )

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is None:
            try:
                smtp = (smtplib.SMTP_SSL if self.use_ssl else smtplib.SMTP)(self.host, self.port, timeout=self.timeout)
                # Commands and the final dot are small writes that wait for a reply: without this, Nagle's
                # algorithm holds each one back until the previous segment is acknowledged.
                if smtp.sock is not None:
                    smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                if self.use_tls:
                    smtp.starttls(context=ssl.create_default_context())
                if self.username:
                    smtp.login(self.username, self.password)
                smtp.ehlo_or_helo_if_needed()
            except (smtplib.SMTPException, OSError) as error:
                raise TransportError(f"cannot connect to {self.host}:{self.port}: {error}") from error
            self._smtp = smtp
        return self._smtp

    def begin(self, email: EmailMessage) -> Reply | None:
        smtp = self._connection()
        data = wire_format(email)
        try:
            options = ["BODY=8BITMIME"] if smtp.has_extn("8bitmime") else []
            code, text = smtp.mail(envelope_sender(), options)
            if code == 250:
                code, text = smtp.rcpt(email.to[0])
            if code in (250, 251):
                code, text = smtp.docmd("DATA")
            if code != 354:
                smtp.rset()
                return Reply.of(code, text)
            smtp.send(data)
        except (smtplib.SMTPException, OSError) as error:
            self.abandon()
            raise TransportError(str(error)) from error
        return None

    def release(self) -> None:
        """Ends DATA: from here on the server delivers the mail, whatever becomes of this process."""
        smtp = self._connection()
        try:
            smtp.send(b".\r\n")
        except (smtplib.SMTPException, OSError) as error:
            self.abandon()
            raise TransportError(str(error)) from error

    def outcome(self) -> Reply:
        """The server's reply to the dot."""
        smtp = self._connection()
        try:
            code, text = smtp.getreply()
        except (smtplib.SMTPException, OSError) as error:
            self.abandon()
            raise TransportError(str(error)) from error
        return Reply.of(code, text)

    def abandon(self) -> None:
        """Drops the connection without ending DATA: the server throws the unfinished mail away."""
        if self._smtp is not None:
            self._smtp.close()
            self._smtp = None

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
            self._smtp = None


class DjangoTransport:
    """Django's configured backend (console, locmem, file ...), which sends a mail in one piece."""

    def __init__(self) -> None:
        self._connection = get_connection()
        self._pending: EmailMessage | None = None

    def begin(self, email: EmailMessage) -> Reply | None:
        self._pending = email
        return None

    def release(self) -> None:
        email, self._pending = self._pending, None
        assert email is not None, "release() without begin()"
        email.connection = self._connection
        try:
            email.send()
        except Exception as error:  # any backend's failure is a failed connection here
            raise TransportError(str(error)) from error

    def outcome(self) -> Reply:
        return Reply(250, "250 OK")

    def abandon(self) -> None:
        self._pending = None

    def close(self) -> None:
        self._connection.close()
