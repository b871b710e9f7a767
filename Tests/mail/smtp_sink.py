#!/usr/bin/env python3
"""A real SMTP server on loopback for the mail tests (aiosmtpd), writing each message it
receives to FOLDER/N.eml exactly as it arrived, and its envelope to FOLDER/N.envelope.

    smtp_sink.py FOLDER [SECONDS]

Listens on 127.0.0.1 on a free port, which it writes to FOLDER/port once it accepts
connections. Stops by itself after SECONDS (default 120), or when FOLDER/stop appears.
"""
import os
import socket
import sys
import time

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.folder, str(self.count))
        with open(base + ".eml.tmp", "wb") as out:
            out.write(envelope.original_content or envelope.content)
        with open(base + ".envelope", "w") as out:
            out.write(envelope.mail_from + "\n" + "\n".join(envelope.rcpt_tos) + "\n")
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    folder = sys.argv[1]
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 120
    port = free_port()
    controller = Controller(Sink(folder), hostname="127.0.0.1", port=port)
    controller.start()
    with open(os.path.join(folder, "port.tmp"), "w") as out:
        out.write(str(port))
    os.rename(os.path.join(folder, "port.tmp"), os.path.join(folder, "port"))
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline and not os.path.exists(os.path.join(folder, "stop")):
            time.sleep(0.05)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
