"""A small OpenID Connect provider for tests, on 127.0.0.1 in a thread of the test process.

It answers discovery, authorize, token, userinfo and JWKS as a real provider does for the authorization-code
flow with PKCE, and signs its ID tokens with an RS256 key made when it starts. `claims` are those of whoever
signs in next (None: the user cancels at the provider).
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from django.urls import clear_url_caches

CLIENT_ID = "veerkracht-portal"
CLIENT_SECRET = "provider-secret-for-tests"
KEY_ID = "test-key-1"


class Provider:
    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.claims: dict[str, Any] | None = {}
        self.audience = CLIENT_ID
        self.codes: dict[str, dict[str, Any]] = {}
        self.access_tokens: dict[str, dict[str, Any]] = {}
        self.token_requests: list[dict[str, str]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def discovery_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"

    def discovery(self) -> dict[str, str]:
        return {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "userinfo_endpoint": f"{self.url}/userinfo",
            "jwks_uri": f"{self.url}/jwks",
        }

    def jwks(self) -> dict[str, Any]:
        key = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [{**key, "kid": KEY_ID, "alg": "RS256", "use": "sig"}]}

    def authorize(self, url: str) -> str:
        """What the browser does at the provider's sign-in page: returns where the provider sends it back."""
        parts = urlsplit(url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        connection.request("GET", f"{parts.path}?{parts.query}")
        response = connection.getresponse()
        response.read()
        connection.close()
        assert response.status == 302, response.status
        return response.getheader("Location") or ""

    # --- the endpoints ---------------------------------------------------------------------------------------

    def _authorize(self, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
            return 400, {}, b"unknown client"
        if self.claims is None:
            answer = {"error": "access_denied", "state": query["state"]}
        else:
            code = secrets.token_urlsafe(16)
            self.codes[code] = {"query": query, "claims": dict(self.claims)}
            answer = {"code": code, "state": query["state"]}
        return 302, {"Location": f"{query['redirect_uri']}?{urlencode(answer)}"}, b""

    def _token(self, form: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        self.token_requests.append(form)
        grant = self.codes.pop(form.get("code", ""), None)
        if (
            grant is None
            or form.get("grant_type") != "authorization_code"
            or form.get("client_id") != CLIENT_ID
            or form.get("client_secret") != CLIENT_SECRET
            or form.get("redirect_uri") != grant["query"]["redirect_uri"]
            or _challenge(form.get("code_verifier", "")) != grant["query"].get("code_challenge")
        ):
            return 400, {"Content-Type": "application/json"}, b'{"error": "invalid_grant"}'
        now = int(time.time())
        id_token = jwt.encode(
            {
                "iss": self.url,
                "sub": grant["claims"].get("sub", ""),
                "aud": self.audience,
                "iat": now,
                "exp": now + 300,
                "nonce": grant["query"].get("nonce"),
            },
            self.key,
            algorithm="RS256",
            headers={"kid": KEY_ID},
        )
        access_token = secrets.token_urlsafe(16)
        self.access_tokens[access_token] = grant["claims"]
        body = {"access_token": access_token, "token_type": "Bearer", "expires_in": 300, "id_token": id_token}
        return 200, {"Content-Type": "application/json"}, json.dumps(body).encode()

    def _userinfo(self, authorization: str) -> tuple[int, dict[str, str], bytes]:
        claims = self.access_tokens.get(authorization.removeprefix("Bearer "))
        if claims is None:
            return 401, {}, b""
        return 200, {"Content-Type": "application/json"}, json.dumps(claims).encode()


def _challenge(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


def _handler(provider: Provider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = {key: values[0] for key, values in parse_qs(parts.query).items()}
            if parts.path == "/.well-known/openid-configuration":
                self._send(200, {"Content-Type": "application/json"}, json.dumps(provider.discovery()).encode())
            elif parts.path == "/jwks":
                self._send(200, {"Content-Type": "application/json"}, json.dumps(provider.jwks()).encode())
            elif parts.path == "/authorize":
                self._send(*provider._authorize(query))
            elif parts.path == "/userinfo":
                self._send(*provider._userinfo(self.headers.get("Authorization", "")))
            else:
                self._send(404, {}, b"")

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
            form = {key: values[0] for key, values in parse_qs(body).items()}
            if urlsplit(self.path).path == "/token":
                self._send(*provider._token(form))
            else:
                self._send(404, {}, b"")

        def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


def switch_on(settings, *, discovery_url: str = "", endpoints: dict[str, str] | None = None) -> None:
    """Turn single sign-on on in the test's settings (pytest-django's `settings`), and mount its routes."""
    settings.OIDC_ENABLED = True
    settings.OIDC_PROVIDER_NAME = "Testprovider"
    settings.AUTHENTICATION_BACKENDS = [
        "django.contrib.auth.backends.ModelBackend",
        "portal.oidc.PortalOIDCBackend",
    ]
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_DISCOVERY_URL = discovery_url
    endpoints = endpoints or {}
    for name in ("OIDC_OP_AUTHORIZATION_ENDPOINT", "OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_USER_ENDPOINT"):
        setattr(settings, name, endpoints.get(name, ""))
    settings.OIDC_OP_JWKS_ENDPOINT = endpoints.get("OIDC_OP_JWKS_ENDPOINT", "")
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_RP_SCOPES = "openid email profile"
    settings.OIDC_USE_PKCE = True
    settings.OIDC_TIMEOUT = 10
    settings.OIDC_CLAIM_USERNAME = "sub"
    settings.OIDC_CLAIM_ROLE = "veerkracht_role"
    settings.OIDC_CLAIM_MUNICIPALITY = "cbs_code"
    settings.OIDC_ROLE_STAFF = ["programmastaf"]
    settings.OIDC_ROLE_MUNICIPALITY = ["gemeente"]
    settings.OIDC_ROLE_BOARD = ["klankbordgroep"]
    reload_urls()


def switch_off(settings) -> None:
    settings.OIDC_ENABLED = False
    reload_urls()


def reload_urls() -> None:
    import importlib

    import portal.urls

    clear_url_caches()
    importlib.reload(portal.urls)
    clear_url_caches()
