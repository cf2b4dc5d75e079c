#!/usr/bin/env python3
"""Writes the synthetic case-management exports in Tests/Fixtures/mapping/ that the example mappings
in config/importers/ read. Each holds the same eight children as Datasets/fixtures/sen2-800-2025.xml
(scripts/make_sen2_fixtures.py), so importing an export gives the same indicators as the XML:

  caseview-children-800-2025.csv   one row per child, UTF-8, comma, dd/mm/yyyy, words for codes
  caseview-children-800-2025.xlsx  the same rows as a workbook: an 'About' sheet first, the data on
                                   sheet 'Children'; shared strings, an inline string column, URNs as
                                   numbers, dates as serials in date-formatted cells
  synergy-placements-800-2025.csv  one row per placement, Windows-1252, semicolons, d-mmm-yyyy,
                                   another vocabulary (an en dash in need names)

Every name, identifier and date is invented. Run from the package root:
    python3 scripts/make_mapping_fixtures.py
The XLSX is written with the standard library's zipfile (no openpyxl).
"""
import datetime
import os
import zipfile
from xml.sax.saxutils import escape

OUT = "Tests/Fixtures/mapping"

# person: id, surname, forename, birth, sex, ethnicity, postcode, upn, request, assessment, plan,
# placements [(urn or setting, rank, entry, leaving)], needs, review
PEOPLE = [
    dict(id="CV1001", surname="Kelmaro", forename="Tiva", birth="2012-03-04", sex="M", eth="WBRI", pc="BS1 4DJ",
         upn="V800000000011", received="2022-02-01", source=1, decided="2022-03-10", decision="Y",
         outcome="Y", outcome_date="2022-06-01", week20=0, start="2022-06-10", named=100001, cease=None, reason=None,
         placements=[(100001, 1, "2022-09-01", None)], needs=["ASD", "SLCN"], review="2024-05-01", review_outcome="M"),
    dict(id="CV1002", surname="Dunsore", forename="Bel", birth="2009-07-08", sex="F", eth="MWBC", pc="BS2 0AB",
         upn="H800000000021", received="2024-01-10", source=1, decided="2024-02-15", decision="Y",
         outcome="Y", outcome_date="2024-05-20", week20=0, start="2024-05-25", named=100002, cease=None, reason=None,
         placements=[(100002, 1, "2024-09-01", None)], needs=["SEMH"], review=None, review_outcome=None),
    dict(id="CV1003", surname="Orravin", forename="Ketto", birth="2015-11-12", sex="M", eth="APKN", pc="BS3 1QQ",
         upn="W800000000031", received="2024-03-01", source=2, decided="2024-04-05", decision="N",
         outcome=None, placements=[], needs=[], review=None, review_outcome=None),
    dict(id="CV1004", surname="Pallimoor", forename="Sen", birth="2006-05-06", sex="F", eth="WBRI", pc="BS4 2RT",
         upn="J800000000041", received="2020-01-05", source=1, decided="2020-02-10", decision="Y",
         outcome="Y", outcome_date="2020-05-01", week20=0, start="2020-05-10", named=100003, cease="2024-07-31", reason=2,
         placements=[(100003, 1, "2020-09-01", "2024-07-20")], needs=["MLD"], review="2024-03-01", review_outcome="M"),
    dict(id="CV1005", surname="Quennet", forename="Aru", birth="2017-01-20", sex="M", eth="BAFR", pc="BS5 9XY",
         upn="X800000000051", received="2024-12-01", source=1, decided=None, decision="A",
         outcome=None, placements=[], needs=[], review=None, review_outcome=None),
    dict(id="CV1006", surname="Ravelle", forename="Mio", birth="2010-09-30", sex="F", eth="WBRI", pc="BS6 6AA",
         upn="K800000000061", received="2024-02-01", source=1, decided="2024-03-01", decision="Y",
         outcome="Y", outcome_date="2024-08-30", week20=1, start="2024-09-02", named=100004, cease=None, reason=None,
         placements=[(100004, 1, "2024-09-03", "2025-01-15"), ("OLA", 2, "2024-09-03", None)], needs=["SLD"],
         review=None, review_outcome=None),
    dict(id="CV1007", surname="Tolbrand", forename="Ivo", birth="2013-04-14", sex="M", eth="WBRI", pc="BS7 8PL",
         upn="Y800000000071", received="2023-04-01", source=1, decided="2023-05-10", decision="Y",
         outcome="Y", outcome_date="2023-08-10", week20=0, start="2023-08-20", named=100005, cease=None, reason=None,
         placements=[(100005, 1, "2023-09-01", None)], needs=["SPLD"], review="2024-08-01", review_outcome="M"),
    dict(id="CV1008", surname="Weskarro", forename="Lune", birth="2011-02-02", sex="F", eth="WBRI", pc="BS8 1TH",
         upn="L800000000081", received="2024-04-01", source=1, decided="2024-05-01", decision="Y",
         outcome="Y", outcome_date="2024-07-01", week20=0, start="2024-07-05", named=100006, cease=None, reason=None,
         placements=[(100006, 1, "2024-09-01", None)], needs=["PD"], review=None, review_outcome=None),
]

# Placement kinds by URN, in each system's own words (the register says what the URN is).
URN_KIND = {100001: "mainstream", 100002: "special", 100003: "mainstream", 100004: "mainstream",
            100005: "independent", 100006: "college"}

CASEVIEW = dict(
    sex={"M": "Male", "F": "Female"},
    eth={"WBRI": "White - British", "MWBC": "Mixed - White and Black Caribbean", "APKN": "Asian - Pakistani",
         "BAFR": "Black - African"},
    source={1: "Parent/Carer", 2: "School/Setting"},
    decision={"Y": "Agreed to assess", "N": "Refused", "A": "Awaiting decision"},
    outcome={"Y": "Plan issued"},
    reason={2: "Needs met"},
    setting={"mainstream": "Mainstream", "special": "Special", "independent": "Independent special",
             "college": "FE college", "OLA": "EOTAS (LA arranged)"},
    need={"ASD": "Autism", "SLCN": "Speech, language and communication", "SEMH": "Social, emotional and mental health",
          "MLD": "Moderate learning difficulty", "SLD": "Severe learning difficulty",
          "SPLD": "Specific learning difficulty", "PD": "Physical disability"},
    review={"M": "Maintain"},
)

SYNERGY = dict(
    decision={"Y": "Yes - assess", "N": "No - not assessing", "A": "Pending"},
    outcome={"Y": "EHCP Issued"},
    setting={"mainstream": "Mainstream - Academy", "special": "Special - LA Maintained",
             "independent": "Special - Independent", "college": "Further Education", "OLA": "EOTAS - LA arranged"},
    need={"ASD": "ASD \u2013 Autistic Spectrum Disorder", "SLCN": "SLCN \u2013 Speech, Language and Communication",
          "SEMH": "SEMH \u2013 Social, Emotional and Mental Health", "MLD": "MLD \u2013 Moderate Learning Difficulty",
          "SLD": "SLD \u2013 Severe Learning Difficulty", "SPLD": "SpLD \u2013 Specific Learning Difficulty",
          "PD": "PD \u2013 Physical Disability"},
)

CASEVIEW_COLUMNS = [
    "Child ID", "Surname", "Forename", "Date of Birth", "Gender", "Ethnicity", "Postcode", "UPN",
    "Request Received", "Request From", "Young Person Request", "Decision Date", "Decision", "Mediation", "Tribunal",
    "Assessment Outcome", "Assessment Outcome Date", "20 Week Exception", "Plan Start", "Named Setting URN",
    "Personal Budget", "Plan End", "End Reason",
    "Placement 1 URN", "Placement 1 Setting", "Placement 1 Start", "Placement 1 End",
    "Placement 2 URN", "Placement 2 Setting", "Placement 2 Start", "Placement 2 End",
    "Primary Need", "Secondary Need", "Last Review", "Review Outcome", "Key Worker",
]

SYNERGY_COLUMNS = [
    "Pupil Ref", "Legal Surname", "Legal Forename", "DOB", "Sex", "Ethnic Code", "Post Code", "UPN",
    "EHC Request Date", "Request Source Code", "Request Decision", "Decision Made", "Assessment Result",
    "Assessment Result Date", "Exception Applies", "EHCP Start", "EHCP Ceased", "Cease Reason Code",
    "Named School URN", "Placement URN", "Placement Type", "Placement Rank", "Placement Start", "Placement End",
    "Primary SEN", "Secondary SEN", "Review Date", "Review Result", "Caseworker",
]


def day(text):
    return datetime.date.fromisoformat(text) if text else None


def dmy(text):
    return day(text).strftime("%d/%m/%Y") if text else ""


def d_mon_y(text):
    d = day(text)
    return f"{d.day}-{d.strftime('%b')}-{d.year}" if d else ""


def caseview_rows():
    """One row per child; each cell as (kind, value) with kind 'text', 'number' or 'date'."""
    rows = []
    for p in PEOPLE:
        has_plan = p["outcome"] == "Y"
        slots = []
        for number in (1, 2):
            if number <= len(p["placements"]):
                where, _, entry, leaving = p["placements"][number - 1]
                urn = ("number", where) if isinstance(where, int) else ("text", "")
                kind = URN_KIND[where] if isinstance(where, int) else where
                slots += [urn, ("text", CASEVIEW["setting"][kind]), ("date", entry), ("date", leaving)]
            else:
                slots += [("text", "")] * 4
        needs = [CASEVIEW["need"][n] for n in p["needs"]] + ["", ""]
        rows.append([
            ("text", p["id"]), ("text", p["surname"]), ("text", p["forename"]), ("date", p["birth"]),
            ("text", CASEVIEW["sex"][p["sex"]]), ("text", CASEVIEW["eth"][p["eth"]]), ("inline", p["pc"]), ("text", p["upn"]),
            ("date", p["received"]), ("text", CASEVIEW["source"][p["source"]]), ("text", "No"), ("date", p["decided"]),
            ("text", CASEVIEW["decision"][p["decision"]]), ("text", "No"), ("text", "No"),
            ("text", CASEVIEW["outcome"][p["outcome"]] if p["outcome"] else ""), ("date", p.get("outcome_date")),
            ("text", ("Yes" if p["week20"] else "No") if has_plan else ""), ("date", p.get("start")),
            ("number", p["named"]) if has_plan else ("text", ""), ("text", "No" if has_plan else ""),
            ("date", p.get("cease")), ("text", CASEVIEW["reason"][p["reason"]] if p.get("reason") else ""),
        ] + slots + [
            ("text", needs[0]), ("text", needs[1]), ("date", p["review"]),
            ("text", CASEVIEW["review"][p["review_outcome"]] if p["review_outcome"] else ""), ("text", "A. Worker"),
        ])
    return rows


def csv_cell(text):
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',;"\n') else text


def write_caseview_csv(rows):
    lines = [",".join(csv_cell(c) for c in CASEVIEW_COLUMNS)]
    for row in rows:
        lines.append(",".join(csv_cell(dmy(v) if k == "date" else ("" if v is None else str(v))) for k, v in row))
    with open(os.path.join(OUT, "caseview-children-800-2025.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join(lines) + "\r\n")


def synergy_rows():
    rows = []
    for p in PEOPLE:
        has_plan = p["outcome"] == "Y"
        needs = [SYNERGY["need"][n] for n in p["needs"]] + ["", ""]
        common = [
            p["id"].replace("CV", "SY"), p["surname"], p["forename"], d_mon_y(p["birth"]), p["sex"], p["eth"], p["pc"], p["upn"],
            d_mon_y(p["received"]), str(p["source"]), SYNERGY["decision"][p["decision"]], d_mon_y(p["decided"]),
            SYNERGY["outcome"][p["outcome"]] if p["outcome"] else "", d_mon_y(p.get("outcome_date")),
            str(p["week20"]) if has_plan else "", d_mon_y(p.get("start")), d_mon_y(p.get("cease")),
            str(p["reason"]) if p.get("reason") else "", str(p["named"]) if has_plan else "",
        ]
        tail = [needs[0], needs[1], d_mon_y(p["review"]), p["review_outcome"] or "", "Zo\u00eb Hart"]
        if not p["placements"]:
            rows.append(common + ["", "", "", "", ""] + tail)
        for where, rank, entry, leaving in p["placements"]:
            kind = URN_KIND[where] if isinstance(where, int) else where
            urn = str(where) if isinstance(where, int) else ""
            rows.append(common + [urn, SYNERGY["setting"][kind], str(rank), d_mon_y(entry), d_mon_y(leaving)] + tail)
    # The export lists placements by start date: person 6's second placement comes last.
    second = next(i for i, r in enumerate(rows) if r[0] == "SY1006" and r[21] == "2")
    rows.append(rows.pop(second))
    return rows


def write_synergy_csv(rows):
    lines = [";".join(csv_cell(c) for c in SYNERGY_COLUMNS)] + [";".join(csv_cell(v) for v in row) for row in rows]
    with open(os.path.join(OUT, "synergy-placements-800-2025.csv"), "wb") as f:
        f.write(("\r\n".join(lines) + "\r\n").encode("cp1252"))


# --- XLSX ------------------------------------------------------------------------------------------

def column_letter(index):
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def write_caseview_xlsx(rows):
    strings, positions = [], {}

    def shared(text):
        if text not in positions:
            positions[text] = len(strings)
            strings.append(text)
        return positions[text]

    def cell(ref, kind, value):
        if value is None or value == "":
            return ""
        if kind == "number":
            return f'<c r="{ref}"><v>{value}</v></c>'
        if kind == "date":
            serial = (day(value) - datetime.date(1899, 12, 30)).days
            return f'<c r="{ref}" s="1"><v>{serial}</v></c>'
        if kind == "inline":
            return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
        return f'<c r="{ref}" t="s"><v>{shared(value)}</v></c>'

    sheet_rows = ['<row r="1">' + "".join(cell(f"{column_letter(i)}1", "text", name)
                                          for i, name in enumerate(CASEVIEW_COLUMNS)) + "</row>"]
    for r, row in enumerate(rows, start=2):
        sheet_rows.append(f'<row r="{r}">' + "".join(cell(f"{column_letter(i)}{r}", k, v)
                                                     for i, (k, v) in enumerate(row)) + "</row>")
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel_ns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    data_sheet = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {ns}><sheetData>'
                  + "".join(sheet_rows) + "</sheetData></worksheet>")
    about_sheet = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {ns}><sheetData>'
                   f'<row r="1"><c r="A1" t="s"><v>{shared("CaseView EHCP children export (synthetic)")}</v></c></row>'
                   "</sheetData></worksheet>")
    shared_xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst {ns} count="{len(strings)}" '
                  f'uniqueCount="{len(strings)}">' + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>")
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            "</Types>",
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {ns} {rel_ns}><sheets>'
            '<sheet name="About" sheetId="1" r:id="rId1"/><sheet name="Children" sheetId="2" r:id="rId2"/>'
            "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            "</Relationships>",
        "xl/styles.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet {ns}>'
            '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/></cellXfs>'
            "</styleSheet>",
        "xl/worksheets/sheet1.xml": about_sheet,
        "xl/worksheets/sheet2.xml": data_sheet,
        "xl/sharedStrings.xml": shared_xml,
    }
    path = os.path.join(OUT, "caseview-children-800-2025.xlsx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(2025, 2, 1, 9, 0, 0))  # fixed: the same bytes every run
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))


def main():
    os.makedirs(OUT, exist_ok=True)
    rows = caseview_rows()
    write_caseview_csv(rows)
    write_caseview_xlsx(rows)
    write_synergy_csv(synergy_rows())


if __name__ == "__main__":
    main()
