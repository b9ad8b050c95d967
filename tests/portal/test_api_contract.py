"""The API keeps the word of its OpenAPI schema, for every operation, anonymously and as each role.

Schemathesis generates requests from the published schema and sends them in-process to the portal's WSGI
application, on the demo data: no answer is a server error, every answer (errors included) has a status code
and a body the schema documents, and an operation that needs credentials refuses a request without them.
It is bounded (few examples per operation, derandomized, no shrinking) so the whole module stays near a minute.

A client generated from the same schema (pydantic models by datamodel-code-generator) then reads every list
and every detail of the demo: a field the schema calls a string that is null would break it.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from tests.openapi import published_schema

pytestmark = pytest.mark.django_db

# A fixed CSRF secret, sent as the cookie and the header Django compares, so signed-in writes get past the check.
CSRF = "contract" * 4

# The demo's users, one per role (the board is "klankbord", Rotterdam's municipality user is under its CBS code).
ROLES = {"staff": "staf", "municipality": "GM0599", "board": "klankbord"}


SCHEMA = published_schema()

schema = schemathesis.openapi.from_dict(
    SCHEMA,
    config=SchemathesisConfig.from_dict(
        {
            "generation": {"deterministic": True, "no-shrink": True, "with-security-parameters": False},
            "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
        }
    ),
)
schema.app = WSGIHandler()


@pytest.fixture(autouse=True)
def _connection_kept_between_requests() -> Iterator[None]:
    """The WSGI application closes the database connection after a request, and the test's transaction with
    it (on PostgreSQL); Django's own test client keeps it open the same way."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


class Signed:
    """The session of the role a test runs as; None: anonymous."""

    session: str | None = None
    # Per path template, the path parameters of objects that exist in the demo (filled by `known_objects`).
    known: dict[str, list[dict]] = {}


@schema.auth(refresh_interval=None)
class SessionAuth:
    """A real session of a demo user, as the browser has it; schemathesis also tries the request without it."""

    def get(self, case, context) -> str | None:
        return Signed.session

    def set(self, case, data: str, context) -> None:
        case.cookies = {**(case.cookies or {}), "sessionid": data, "csrftoken": CSRF}
        case.headers = {**(case.headers or {}), "X-CSRFToken": CSRF}


@schema.hook
def flatmap_path_parameters(context, path_parameters: dict) -> st.SearchStrategy:
    """Half the ids are made up (404), half name an object of the demo, so the answers include its body."""
    known = Signed.known.get(context.operation.path)
    if not known:
        return st.just(path_parameters)
    return st.one_of(st.just(path_parameters), st.sampled_from(known))


def _ids(queryset, name: str = "id") -> list[dict]:
    return [{name: value} for value in queryset.order_by("pk").values_list("pk", flat=True)[:12]]


@pytest.fixture
def known_objects(demo) -> Iterator[None]:
    from agenda.models import Expenditure, Kpi
    from analysis.models import Advice, Dashboard
    from interventions.models import Evaluation, Intervention, Report, ReportItem
    from municipalities.models import Grant, LearningCommunityMembership, Municipality, Organisation, Partnership

    reports = Report.objects.filter(municipality__cbs_code__in=["GM0599", "GM0344"])
    items = ReportItem.objects.filter(report__in=reports).order_by("report", "pk")
    Signed.known = {
        "/api/advice/{id}/": _ids(Advice.objects),
        "/api/dashboards/{id}/": _ids(Dashboard.objects),
        "/api/expenditures/{id}/": _ids(Expenditure.objects),
        "/api/kpis/{code}/": [{"code": code} for code in Kpi.objects.values_list("code", flat=True).distinct()],
        "/api/register/evaluations/{id}/": _ids(Evaluation.objects),
        "/api/register/grants/{id}/": _ids(Grant.objects),
        "/api/register/interventions/{id}/": _ids(Intervention.objects),
        "/api/register/learning-community-memberships/{id}/": _ids(LearningCommunityMembership.objects),
        "/api/register/municipalities/{id}/": _ids(Municipality.objects.filter(grants__isnull=False).distinct()),
        "/api/register/organisations/{id}/": _ids(Organisation.objects),
        "/api/register/partnerships/{id}/": _ids(Partnership.objects),
        "/api/catalogue/interventions/{slug}/": [
            {"slug": slug} for slug in Intervention.objects.order_by("pk").values_list("slug", flat=True)[:12]
        ],
        "/api/reports/{id}/": _ids(reports),
        "/api/reports/{report_pk}/items/{id}/": [
            {"report_pk": report, "id": item} for report, item in items.values_list("report", "pk")[:12]
        ],
    }
    Signed.known["/api/kpis/{code}/members/"] = Signed.known["/api/kpis/{code}/"]
    Signed.known["/api/reports/{id}/submit/"] = Signed.known["/api/reports/{id}/"]
    Signed.known["/api/reports/{report_pk}/items/"] = [
        {"report_pk": params["id"]} for params in Signed.known["/api/reports/{id}/"]
    ]
    yield
    Signed.known = {}


@pytest.fixture
def signed_in_as(request, demo, known_objects, client) -> Iterator[str]:
    client.force_login(demo["users"][ROLES[request.param]])
    Signed.session = client.cookies["sessionid"].value
    yield request.param
    Signed.session = None


def _names_a_route(response) -> bool:
    """Whether the URL sent is one of the portal's (an id that is not a number names none, and is a 404)."""
    try:
        resolve(urlsplit(response.request.url).path)
    except Resolver404:
        return False
    return True


def _needs_credentials(operation) -> bool:
    security = operation.definition.raw.get("security", [])
    return bool(security) and {} not in security


# Every check but two that ask for more than the API promises: that any value the schema allows is accepted
# (a filter by the id of an object that does not exist, or a date outside the programme, is rightly a 400), and
# that any value it does not allow is refused (an empty filter means "no filter", as in the pages' forms, and a
# page size that is not a number falls back to the default, as DRF's pagination does).
LENIENT = [positive_data_acceptance, negative_data_rejection]

BOUNDED = settings(max_examples=6, deadline=None, database=None, suppress_health_check=list(HealthCheck))


@schema.parametrize()
@settings(BOUNDED, max_examples=2)
def test_anonymous_requests_get_what_the_schema_says_and_are_refused_where_it_needs_credentials(case, known_objects):
    response = case.call_and_validate(excluded_checks=LENIENT)
    if _needs_credentials(case.operation) and _names_a_route(response):
        assert response.status_code == 401, response.text


@pytest.mark.parametrize("signed_in_as", list(ROLES), indirect=True)
@schema.parametrize()
@BOUNDED
def test_each_role_gets_what_the_schema_says(case, signed_in_as):
    case.call_and_validate(excluded_checks=LENIENT)


# A client generated from the schema ----------------------------------------------------------------------------


@pytest.fixture
def generated_client(tmp_path) -> object:
    """Pydantic models for every component of the schema, written and imported from the test's own folder."""
    from datamodel_code_generator import DataModelType, InputFileType, generate
    from datamodel_code_generator.format import Formatter

    output = tmp_path / "veerkracht_api_models.py"
    generate(
        json.dumps(SCHEMA),
        input_file_type=InputFileType.OpenAPI,
        output=output,
        output_model_type=DataModelType.PydanticV2BaseModel,
        strict_nullable=True,  # a field may be null only where the schema says so
        extra_fields="forbid",  # and an answer may hold no field the schema does not name
        formatters=[Formatter.BUILTIN],
        disable_timestamp=True,
    )
    spec = importlib.util.spec_from_file_location(output.stem, output)
    module = importlib.util.module_from_spec(spec)
    sys.modules[output.stem] = module
    spec.loader.exec_module(module)
    yield module
    del sys.modules[output.stem]


def _generated_type(models, response_schema: dict) -> type:
    """The generated type of a 200 answer: a component, or a list of one."""
    if "$ref" in response_schema:
        return getattr(models, response_schema["$ref"].rsplit("/", 1)[1])
    assert response_schema["type"] == "array", response_schema
    return list[_generated_type(models, response_schema["items"])]  # type: ignore[misc]


def _get_operations() -> dict[str, dict]:
    """Per path template of a GET operation, the schema of its 200 answer; shortest first, so a list comes
    before the details and nested lists it leads to."""
    paths = [path for path, methods in SCHEMA["paths"].items() if "get" in methods]
    return {
        path: SCHEMA["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        for path in sorted(paths, key=lambda path: (path.count("{"), len(path)))
    }


def _read(client, url: str, reader: TypeAdapter) -> list[dict] | None:
    """Every page of an answer, each parsed by the generated client; the objects a list holds.

    None when the role may not read it (401, 403): the schemathesis tests check that answer.
    """
    listed: list[dict] = []
    while url:
        response = client.get(url)
        if response.status_code in (401, 403):
            return None
        assert response.status_code == 200, (url, response.content)
        body = reader.validate_json(response.content)
        assert isinstance(body, BaseModel | list), url
        data = response.json()
        if isinstance(data, dict) and "results" in data:  # a page: on to the next
            listed += data["results"]
            url = data["next"]
        else:
            listed += data if isinstance(data, list) else []
            url = None
    return listed


def _concrete_urls(
    template: str, read: dict[str, list[str]], listed: dict[str, list[dict]], *, each: int | None = None
) -> list[str]:
    """The URLs of a template with parameters, from the objects the list before its last parameter showed:
    /api/reports/{report_pk}/items/{id}/ from each item that each report's /api/reports/N/items/ listed
    (or from the first `each` of them)."""
    prefix, rest = template.rsplit("{", 1)
    name, rest = rest.split("}/", 1)
    urls = []
    for url in read.get(prefix, []):
        path, _, query = url.partition("?")
        for item in listed[url][:each]:
            urls.append(f"{path}{item.get(name, item.get('id'))}/{rest}" + (f"?{query}" if query else ""))
    return urls


def test_a_client_generated_from_the_schema_reads_every_list_and_detail_of_the_demo(generated_client, demo, client):
    from agenda.models import Programme

    programmes = list(Programme.objects.values_list("code", flat=True))
    operations = _get_operations()
    readers = {path: TypeAdapter(_generated_type(generated_client, schema)) for path, schema in operations.items()}
    for role in ("staff", "municipality", "board", "anonymous"):
        client.logout()
        if role != "anonymous":
            client.force_login(demo["users"][ROLES[role]])
        read: dict[str, list[str]] = {}  # per template, the URLs read
        listed: dict[str, list[dict]] = {}  # per URL, the objects its list held
        for path in operations:
            if "{" in path:
                # Staff read the detail of every object (of a report's items, whose list they read whole, the
                # first); the others, whose answers have the same shapes, of a few.
                each = (1 if path.count("{") > 1 else None) if role == "staff" else 3
                urls = _concrete_urls(path, read, listed, each=each)
            elif any(parameter["name"] == "programme" for parameter in SCHEMA["paths"][path]["get"]["parameters"]):
                urls = [f"{path}?programme={code}" for code in programmes]
            else:
                urls = [path]
            for url in urls:
                objects = _read(client, url, readers[path])
                if objects is not None:
                    listed[url] = objects
                    read.setdefault(path, []).append(url)
        if role == "staff":
            assert set(read) == set(operations), "staff read every GET operation of the demo"
