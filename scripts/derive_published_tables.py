#!/usr/bin/env python3
"""Derives the national context bundled in Datasets/published/ from the published statistics in
the reference data folder (docs/testing.md; docs/national-context.md says what each file holds and how the hub uses it).

Outputs, each a tidy Explore Education Statistics (EES) file that `hnhub init` imports with the
`ees-table` importer (UTF-8, LF line ends, rows in the source's order):

  Datasets/published/<EES file name>.csv   the EES "Education, health and care plans" tables the
      indicators use, cut down to the key columns (time, geography, breakdown) and the measures the
      published-figures metric maps (Plugins/CaseloadMetrics/Sources/PublishedFiguresProvider.swift).
      Each keeps its source's file name, so its figures are labelled with the table they come from,
      and importing the full published file later replaces the bundled extract (same table name).
      Cells are copied as published, symbols (x, z, c, low) included; every row is kept (national,
      regional and LA totals: these tables have no other breakdown, checked below).
  Datasets/published/population_0_25.csv   ONS resident population aged 0-25 per LA, from the LA
      lookup's `ons_population_0-25`, with region and England totals added up here. The source does
      not state the year: time_period is `unstated`. Its defects are handled as follows:
        - Cumberland (942) and Westmorland and Furness (943) both carry the figure of the former
          Cumbria (909): neither LA gets a row (the figure is not theirs), and Cumbria's figure is
          counted once in the North West and England totals, which it belongs to whole;
        - terminated LAs without a figure (Poole 836, Northamptonshire 928) are left out;
        - regions are taken from the LA register (Datasets/local_authorities.csv), not the
          lookup's own region columns, whose names differ from the register's.

Contains public sector information licensed under the Open Government Licence v3.0 (Department for
Education; Office for National Statistics).

Run from the package root: python3 scripts/derive_published_tables.py [path/to/shared/data]
"""
import csv
import os
import sys

# The columns that key a row: time, level, the area's code (country, region or 3-digit LA) and an LA's
# name. Every row the hub reads is a table's total, so the breakdown columns (always "All ...") go.
KEYS = ["time_period", "time_identifier", "geographic_level", "country_code", "region_code", "old_la_code",
        "la_name"]

NEEDS = ["asd", "hi", "mld", "msi", "oth", "pd", "pmld", "semh", "slcn", "sld", "spld", "vi"]

# Source file -> the measures the published-figures metric reads from it.
TABLES = {
    "caseload_all_plans_2019_2024.csv": [
        "ehcplans", "mainstream_total", "special_total", "special_la_maintained", "special_academy_free",
        "special_independent", "special_non_maintained", "fe_total", "ap_pru_total", "ed_elsewhere",
        "placement_unknown"],
    "sen_needs_all_plans_2025.csv": ["ehc_plans"] + [f"number_{need}" for need in NEEDS],
    "requests_2019_2024.csv": ["requests_received_in_year", "requests_decided_not_to_assess"],
    "assessments_2019_2024.csv": ["assess_issued", "assess_not_issued"],
    "timeliness_20_week_2019_2024.csv": [
        "plans_issued_den", "plans_issued_within_20_weeks", "plans_issued_den_ex", "plans_issued_20_weeks_ex"],
    "ceased_plans_2022_2024.csv": ["needs_met", "total_ceased"],
}

ENGLAND = "E92000001"
# Successor LAs the population source gives the figure of the county they came from.
CUMBRIA, CUMBRIA_SUCCESSORS = "909", {"942", "943"}


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def derive_ees(source, out):
    for name, measures in TABLES.items():
        with open(os.path.join(source, "ees", name), encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            missing = [c for c in KEYS + measures if c not in reader.fieldnames]
            if missing:
                sys.exit(f"{name}: missing columns {', '.join(missing)}")
            rows = []
            for r in reader:
                if r["breakdown"] != r["breakdown_topic"]:
                    sys.exit(f"{name}: a row that is not the table's total ({r['breakdown']}); keep only totals")
                rows.append([r[c] for c in KEYS + measures])
        write(os.path.join(out, name), KEYS + measures, rows)


def live_register():
    """3-digit code -> (E-code, name, region code, region name) of each LA's newest register period."""
    register = {}
    with open(os.path.join("Datasets", "local_authorities.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            register[r["la_code"]] = (r["e_code"], r["name"], r["region_code"], r["region_name"], r["valid_to"])
    return register


def derive_population(source, out):
    register = live_register()
    with open(os.path.join(source, "reference", "la_lookup_with_population_0_25.csv"), encoding="utf-8-sig") as f:
        figures = {r["la_code"]: int(r["ons_population_0-25"]) for r in csv.DictReader(f)
                   if r["ons_population_0-25"].strip().isdigit()}
    if figures.get("942") != figures.get(CUMBRIA) or figures.get("943") != figures.get(CUMBRIA):
        sys.exit("population: Cumberland and Westmorland no longer carry Cumbria's figure; revisit this script")
    # Whole areas: every live LA, with Cumbria standing in once for its two successors.
    counted = {code for code, row in register.items() if not row[4] and code not in CUMBRIA_SUCCESSORS} | {CUMBRIA}
    unknown = sorted(code for code in counted if code not in figures)
    if unknown:
        sys.exit(f"population: no figure for LAs {', '.join(unknown)}")
    regions = {}
    for code in counted:
        region = register[code][2:4]
        regions[region] = regions.get(region, 0) + figures[code]

    time = ["unstated", "Year not stated by the source"]
    header = KEYS + ["population_0_25"]
    rows = [time + ["National", ENGLAND, "", "", "", sum(figures[c] for c in counted)]]
    for (code, _), total in sorted(regions.items()):
        rows.append(time + ["Regional", ENGLAND, code, "", "", total])
    for code in sorted(counted - {CUMBRIA}):
        _, name, region_code, _, _ = register[code]
        rows.append(time + ["Local authority", ENGLAND, region_code, code, name, figures[code]])
    write(os.path.join(out, "population_0_25.csv"), header, rows)


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data")
    out = os.path.join("Datasets", "published")
    os.makedirs(out, exist_ok=True)
    derive_ees(source, out)
    derive_population(source, out)


if __name__ == "__main__":
    main()
