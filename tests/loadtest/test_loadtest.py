"""The load test's pure parts: reading forms, the authenticator's code, and the checks of its results."""

from loadtest.forms import form_fields
from loadtest.totp import totp_code
from loadtest.verify import compare_reports, parse_stats, stats_table, targets

PAGE = """
<form method="post" action="/i18n/setlang/"><input type="hidden" name="csrfmiddlewaretoken" value="a">
<select name="language"><option value="nl" selected>NL</option><option value="en">EN</option></select></form>
<form method="post" enctype="multipart/form-data">
  <input type="hidden" name="csrfmiddlewaretoken" value="b">
  <input type="hidden" name="report-revision" value="3">
  <input type="text" name="item-7-participants_total" value="12">
  <textarea name="item-7-activities">
Bijeenkomsten &amp; huisbezoeken</textarea>
  <select name="item-7-factor_2"><option value="">Niet beoordeeld</option><option value="4" selected>4</option></select>
  <select name="item-7-focus_area"><option value="">Geen</option><option value="9">Noord</option></select>
  <input type="checkbox" name="attachment-remove" value="5">
  <input type="checkbox" name="keep" value="1" checked>
  <input type="file" name="attachment-file">
  <button type="submit" name="action" value="save">Opslaan</button>
</form>
"""


def test_form_fields_are_those_a_browser_sends():
    assert form_fields(PAGE, having="report-revision") == {
        "csrfmiddlewaretoken": "b",
        "report-revision": "3",
        "item-7-participants_total": "12",
        "item-7-activities": "Bijeenkomsten & huisbezoeken",
        "item-7-factor_2": "4",
        "item-7-focus_area": "",
        "keep": "1",
    }
    assert form_fields(PAGE, having="language")["csrfmiddlewaretoken"] == "a"
    # A form is found by any of its fields, also one that is not sent (no radio button chosen yet).
    assert form_fields(PAGE, having="attachment-remove")["csrfmiddlewaretoken"] == "b"


def test_a_missing_form_is_an_error():
    try:
        form_fields(PAGE, having="username")
    except ValueError as error:
        assert "username" in str(error)
    else:
        raise AssertionError("no error for a missing form")


def test_totp_code_matches_the_rfc_6238_vectors():
    key = b"12345678901234567890"
    assert totp_code(key, at=59, digits=8) == "94287082"
    assert totp_code(key, at=1111111109, digits=8) == "07081804"
    assert totp_code(key, at=1234567890, digits=8) == "89005924"


def _row(report, status="submitted", municipality=1, period=10, items=None):
    items = items if items is not None else {"5": {"participants_total": 12, "spending": "250.00", "activities": "a"}}
    return {"report": report, "municipality": municipality, "period": period, "status": status, "items": items}


def _record(report, state="submitted", items=None):
    items = items if items is not None else {"5": {"participants_total": "12", "spending": "250", "activities": "a"}}
    return {"report": report, "state": state, "items": items}


def test_reports_handed_in_and_stored_alike_pass():
    findings = compare_reports([_record(1)], [_row(1)], accepted=[])
    assert findings.passed and findings.checked == 1


def test_a_lost_report_a_changed_item_and_an_unknown_report_are_found():
    rows = [
        _row(1, status="draft"),
        _row(2, municipality=2, items={"5": {"participants_total": 11, "spending": "250", "activities": "a"}}),
        _row(3, municipality=3),
    ]
    findings = compare_reports([_record(1), _record(2)], rows, accepted=[])
    assert findings.lost == [1]
    assert len(findings.mismatched) == 1 and "report 2" in findings.mismatched[0]
    assert findings.unrecorded == [3]
    assert not findings.passed


def test_duplicates_and_unaccepted_reports_are_found():
    rows = [_row(1), _row(2)]  # the same municipality and period twice
    findings = compare_reports([_record(1), _record(2)], rows, accepted=[1, 2], accepted_in_database={1})
    assert findings.duplicated == ["municipality 1, period 10: 2 reports"]
    assert findings.not_accepted == [2]


def test_a_submit_cut_off_by_the_end_of_the_run_may_go_either_way():
    assert compare_reports([_record(1, state="submitting")], [_row(1, status="draft")]).passed
    assert compare_reports([_record(1, state="submitting")], [_row(1)]).checked == 1
    missing_item = _row(1, items={})
    assert not compare_reports([_record(1, state="submitting")], [missing_item]).passed


HEADER = (
    "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,"
    "Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%"
)
STATS = (
    HEADER
    + """
POST,save items,100,0,120,130,50,900,0,2.5,0,120,140,160,170,200,250,400,600,900,900,900
GET,KPI page,40,1,150,160,80,700,0,1.0,0.02,150,170,180,190,210,240,300,500,700,700,700
,Aggregated,140,1,130,140,50,900,0,3.5,0.02,130,150,170,180,200,250,350,550,900,900,900
"""
)


def test_targets_follow_the_statistics():
    stats = parse_stats(STATS)
    assert [s.name for s in stats] == ["save items", "KPI page", "Aggregated"]
    lines = dict(targets(stats, compare_reports([], [])))
    assert lines["0 errors: 1"] is False
    assert (
        dict(targets(stats, compare_reports([], []), exceptions=2))["0 errors: 3 (1 failed requests, 2 failed steps)"]
        is False
    )
    assert lines["p95 save items <= 300 ms: 250 ms"] is True
    assert lines["p95 KPI page <= 200 ms: 240 ms"] is False
    table = stats_table(stats)
    assert "POST save items" in table and "all routes" in table


def test_a_route_without_requests_misses_its_target():
    lines = dict(targets(parse_stats(HEADER + "\n"), compare_reports([], [])))
    assert lines["p95 save items <= 300 ms: no requests"] is False


def test_a_refused_form_says_why():
    from loadtest.forms import first_error

    page = (
        '<div class="utrecht-alert utrecht-alert--error alert alert--error form-errors">'
        '<ul class="form-errors__list"><li>Het bedrag is hoger dan   de uitkering.</li></ul></div>'
    )
    assert first_error(page) == "(Het bedrag is hoger dan de uitkering.)"
    field = '<p class="utrecht-form-field__error-message utrecht-form-field-error-message">Vul <b>0</b> in.</p>'
    assert first_error(field) == "(Vul 0 in.)"
    assert first_error("<p>Opgeslagen</p>") == ""
