"""The code an authenticator app shows (RFC 6238, as django-otp's TOTP devices expect: 30 s, 6 digits)."""

import hashlib
import hmac
import struct


def totp_code(key: bytes, *, at: float, step: int = 30, digits: int = 6) -> str:
    counter = int(at // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 10**digits:0{digits}d}"
