"""The open-data edition of a published analysis: every table in it as CSV and JSON, with DCAT-AP-NL metadata.

Built from the frozen data only, like the PDF and the HTML edition, so the three forms
show the same figures. The tables are the ones the document shows: the numbers behind
every figure (appendix B), the KPIs, the municipalities and the budget. The metadata
(``metadata.jsonld``) describes the data set in DCAT-AP (the Dutch profile DCAT-AP-NL
uses the same terms): title, publisher, licence, issue date, version and the data hash.
"""

import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass

from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext

from analysis.display.annual import analysis_content

LICENCE = "http://creativecommons.org/publicdomain/zero/1.0/deed.nl"
PUBLISHER = "Ministerie van Sociale Zaken en Werkgelegenheid"
PUBLISHER_URI = "https://standaarden.overheid.nl/owms/terms/Ministerie_van_Sociale_Zaken_en_Werkgelegenheid"
# Fixed times inside the ZIP, so the same snapshot always gives the same file.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass
class Table:
    name: str
    title: str
    headers: list[str]
    rows: list[list]


NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?$|^-?\d+(,\d+)?$")


def plain_value(cell: str) -> str:
    """A figure as the document shows it (Dutch: "€ 1.234.000", "12,5") as a plain number ("1234000", "12.5");
    a cell that is not a number is kept as it is."""
    text = cell.replace("€", "").replace("\u00a0", "").replace("\u202f", "").strip()
    if not NUMBER.match(text):
        return cell
    return text.replace(".", "").replace(",", ".")


def tables(snapshot: dict, *, data_hash: str) -> list[Table]:
    """Every table of the analysis, in the order of the document, in Dutch with plain numbers."""
    with translation.override("nl"):
        return _tables(snapshot, data_hash=data_hash)


def _tables(snapshot: dict, *, data_hash: str) -> list[Table]:
    content = analysis_content(snapshot, data_hash=data_hash)
    found = [
        Table(
            f"kpis-{snapshot['analysis']['year']}",
            gettext("KPI's op de peildatum"),
            ["code", "naam", "actielijn", "streefwaarde", "eenheid", "werkelijk", "status"],
            [
                [k["code"], k["name"], k["action_line"], k["target"], k["unit"], k["value"], k["status"]]
                for k in snapshot["kpis"]
            ],
        ),
        Table(
            "gemeenten",
            gettext("Gemeenten: uitkeringen, bereik, besteding en verslaglegging"),
            ["cbs_code", "gemeente", "provincie", "uitkeringen_totaal", "learning_community", "bereik", "besteding"],
            [
                [
                    m["cbs_code"],
                    m["name"],
                    m["province"],
                    m["grant_total"],
                    m["learning_community"],
                    m["reach"],
                    m["spending"],
                ]
                for m in snapshot["municipalities"]
            ],
        ),
        Table(
            "begroting",
            gettext("Begroting per actielijn: begroot, verplicht en uitgegeven"),
            ["actielijn", "naam", "begroot", "verplicht", "uitgegeven"],
            [
                [r["action_line"] or "", r["name"], r["total"]["planned"], r["total"]["committed"], r["total"]["spent"]]
                for r in snapshot["budget"]["rows"]
            ],
        ),
    ]
    for figure in content.charts:
        table = figure.chart.table
        found.append(
            Table(
                f"tabel-b{figure.number}-{slugify(figure.chart.title)[:60]}",
                str(figure.table_caption),
                [str(header) for header in table.headers],
                [[plain_value(str(cell)) for cell in row] for row in table.rows],
            )
        )
    return found


def as_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.headers)
    writer.writerows(table.rows)
    return buffer.getvalue()


def as_json(table: Table) -> str:
    records = [dict(zip(table.headers, row, strict=False)) for row in table.rows]
    return json.dumps({"title": table.title, "columns": table.headers, "rows": records}, ensure_ascii=False, indent=1)


def metadata(
    *, snapshot: dict, data_hash: str, title: str, issued, version: int, page_url: str, files: list[str]
) -> dict:
    """DCAT-AP(-NL) metadata of the data set, as JSON-LD."""
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "adms": "http://www.w3.org/ns/adms#",
            "spdx": "http://spdx.org/rdf/terms#",
            "owl": "http://www.w3.org/2002/07/owl#",
            "skos": "http://www.w3.org/2004/02/skos/core#",
        },
        "@type": "dcat:Dataset",
        "@id": page_url,
        "dct:title": {"@language": "nl", "@value": title},
        "dct:description": {
            "@language": "nl",
            "@value": gettext(
                "De tabellen van de landelijke veerkracht- en weerbaarheidsanalyse over %(year)s, versie %(version)s, "
                "uit de gegevens vastgelegd op %(date)s."
            )
            % {"year": snapshot["analysis"]["year"], "version": version, "date": snapshot["as_of"]},
        },
        "dct:publisher": {"@id": PUBLISHER_URI, "@type": "foaf:Agent", "foaf:name": PUBLISHER},
        "dct:license": {"@id": LICENCE},
        "dct:issued": {
            "@type": "http://www.w3.org/2001/XMLSchema#dateTime",
            "@value": issued.isoformat() if issued else None,
        },
        "dct:temporal": {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": f"{snapshot['analysis']['year']}-01-01",
            "dcat:endDate": snapshot["as_of"],
        },
        "owl:versionInfo": str(version),
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/NLD"},
        "dcat:landingPage": {"@id": page_url},
        "adms:identifier": {"@type": "adms:Identifier", "skos:notation": data_hash},
        "spdx:checksum": {
            "@type": "spdx:Checksum",
            "spdx:algorithm": {"@id": "http://spdx.org/rdf/terms#checksumAlgorithm_sha256"},
            "spdx:checksumValue": data_hash,
        },
        "dcat:distribution": [
            {
                "@type": "dcat:Distribution",
                "dct:title": name,
                "dcat:mediaType": "text/csv" if name.endswith(".csv") else "application/json",
                "dct:license": {"@id": LICENCE},
            }
            for name in files
        ],
    }


def zip_archive(*, snapshot: dict, data_hash: str, title: str, issued, version: int, page_url: str) -> bytes:
    """One ZIP: per table a CSV and a JSON file, and metadata.jsonld."""
    found = tables(snapshot, data_hash=data_hash)
    files: dict[str, str] = {}
    for table in found:
        files[f"csv/{table.name}.csv"] = as_csv(table)
        files[f"json/{table.name}.json"] = as_json(table)
    meta = metadata(
        snapshot=snapshot,
        data_hash=data_hash,
        title=title,
        issued=issued,
        version=version,
        page_url=page_url,
        files=list(files),
    )
    files["metadata.jsonld"] = json.dumps(meta, ensure_ascii=False, indent=1)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=ZIP_TIME), text.encode("utf-8"))
    return buffer.getvalue()
