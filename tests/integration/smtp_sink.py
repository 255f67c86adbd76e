#!/usr/bin/python3
"""smtp_sink.py - a real SMTP server on loopback (Debian's python3-aiosmtpd) that keeps every message it
accepts as a file, for the mail tests (t86) and for deploy/dev-up's local stack (var/mail).

usage: smtp_sink.py PORT DIR

Each accepted message becomes DIR/NNNNNN-<pid>.eml, written under a temporary name and renamed into
place, so a reader never sees half a message. What the server answers is steered by files in DIR, so a
test can change it while the server runs:
  DIR/refuse   lines "ADDRESS CODE TEXT": RCPT TO that address is answered "CODE TEXT" (451: try later,
               550: never)
  DIR/slow     a number of seconds to wait, after the message is kept and before the 250 answer (so a
               test can kill the sender between the server's acceptance and its own bookkeeping)
Nothing leaves the machine: the server relays nothing, and it listens on 127.0.0.1 only.
"""
import asyncio
import itertools
import os
import sys
import time

from aiosmtpd.controller import Controller

PORT = int(sys.argv[1])
DIR = sys.argv[2]
counter = itertools.count(1)


def refusal(address):
    try:
        with open(os.path.join(DIR, "refuse"), encoding="utf-8") as f:
            for line in f:
                parts = line.split(None, 2)
                if len(parts) >= 2 and parts[0].lower() == address.lower():
                    return parts[1] + " " + (parts[2].strip() if len(parts) > 2 else "refused")
    except FileNotFoundError:
        pass
    return None


class Keep:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        answer = refusal(address)
        if answer:
            return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        n = next(counter)
        name = "%06d-%d.eml" % (n, os.getpid())
        tmp = os.path.join(DIR, "." + name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(b"X-Envelope-From: " + envelope.mail_from.encode() + b"\r\n")
            f.write(b"X-Envelope-To: " + ",".join(envelope.rcpt_tos).encode() + b"\r\n")
            f.write(envelope.original_content)
        os.rename(tmp, os.path.join(DIR, name))
        try:
            with open(os.path.join(DIR, "slow"), encoding="utf-8") as f:
                await asyncio.sleep(float(f.read().strip() or 0))
        except FileNotFoundError:
            pass
        return "250 kept as " + name


def main():
    os.makedirs(DIR, exist_ok=True)
    c = Controller(Keep(), hostname="127.0.0.1", port=PORT, decode_data=False)
    c.start()
    print("listening on 127.0.0.1:%d, mail to %s" % (PORT, DIR), flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        c.stop()


if __name__ == "__main__":
    main()
