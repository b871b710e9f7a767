#!/usr/bin/env python3
"""Reads a received message with Python's email module, as a mail client would, and prints what
the tests compare as JSON: headers decoded, every header line 7-bit, and the text of each part.

    check_mail.py MESSAGE.eml
"""
import email
import email.policy
import json
import sys


def main():
    raw = open(sys.argv[1], "rb").read()
    head = raw.split(b"\r\n\r\n", 1)[0] if b"\r\n\r\n" in raw else raw.split(b"\n\n", 1)[0]
    message = email.message_from_bytes(raw, policy=email.policy.default)
    parts = []
    for part in message.walk():
        if part.is_multipart():
            continue
        parts.append({
            "type": part.get_content_type(),
            "charset": part.get_content_charset(),
            "encoding": part.get("Content-Transfer-Encoding"),
            "text": part.get_content(),
        })
    print(json.dumps({
        "subject": str(message["Subject"]),
        "to": [str(a) for a in message["To"].addresses],
        "to_addresses": [a.addr_spec for a in message["To"].addresses],
        "date": str(message["Date"]),
        "message_id": str(message["Message-ID"]),
        "mime_version": str(message["MIME-Version"]),
        "content_type": message.get_content_type(),
        "headers_7bit": all(byte < 128 for byte in head),
        "longest_header_line": max(len(line) for line in head.splitlines()),
        "defects": [str(d) for d in message.defects] + [str(d) for p in message.walk() for d in p.defects],
        "parts": parts,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
