#!/usr/bin/env python3
"""Derives the reference tables in Datasets/ from the published reference facts (LA codes, regions,
neighbours, ONS areas) in the reference data folder; docs/testing.md says where it lives.

Outputs (the project's own format, UTF-8 CSV, ISO dates):
  Datasets/local_authorities.csv      la_code,e_code,name,region_code,region_name,status,valid_from,valid_to
                                      one row per authority and E-code period, so that a 3-digit code and a
                                      date resolve to one row (North Yorkshire 815 and Somerset 933 kept their
                                      3-digit code but changed E-code in April 2023)
  Datasets/regions.csv                region_code,name
  Datasets/statistical_neighbours_2025.csv  edition,la_code,rank,neighbour_la_code,closeness
  Datasets/ons_ltla_to_utla.csv       ltla_code,ltla_name,utla_code,utla_name (ONS lower-tier -> upper-tier
                                      areas, December 2022: rolls district population up to the county LA)

Not derived here: Datasets/census_dates.csv (collection_year,census_date), the census day of each SEN2
collection as the DfE guide for that year sets it; no reference file carries it, so a new year's row is
added by hand (docs/validation.md).

Run from the package root: python3 scripts/derive_reference_datasets.py [path/to/shared/data/reference]
"""
import csv
import os
import sys


def iso(day):
    """dd/mm/yyyy -> yyyy-mm-dd ('' stays '')."""
    if not day:
        return ""
    d, m, y = day.split("/")
    return f"{y}-{m}-{d}"


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data", "reference")
    out = "Datasets"
    with open(os.path.join(source, "regions.csv"), encoding="utf-8-sig") as f:
        regions = {r["region_code"]: r["region_name"] for r in csv.DictReader(f) if r["region_code"].startswith("E12")}

    rows = []
    with open(os.path.join(source, "las.csv"), encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            code = r["old_la_code"].strip()
            # Combined rows ("940 / 941"), pre-2009 counties without a code (x) and BFPO (z) are not authorities.
            if not (len(code) == 3 and code.isdigit()) or not r["new_la_code"].startswith("E"):
                continue
            rows.append({
                "la_code": code, "e_code": r["new_la_code"], "name": r["la_name"],
                "region_code": r["parent_geography_code"], "region_name": regions.get(r["parent_geography_code"], ""),
                "status": r["status"], "valid_from": iso(r["date_of_operation"]), "valid_to": iso(r["date_of_termination"]),
            })
    rows.sort(key=lambda r: (r["la_code"], r["valid_from"]))
    with open(os.path.join(out, "local_authorities.csv"), "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    with open(os.path.join(out, "regions.csv"), "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["region_code", "name"])
        for code in sorted(regions):
            writer.writerow([code, regions[code]])

    with open(os.path.join(source, "stat_neighbours_2025_05_long.csv"), encoding="utf-8-sig") as f:
        neighbours = [("2025-05", r["la_code"], int(r["sn_rank"]), r["sn_la_code"], r["closeness"])
                      for r in csv.DictReader(f)]
    neighbours.sort()
    with open(os.path.join(out, "statistical_neighbours_2025.csv"), "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["edition", "la_code", "rank", "neighbour_la_code", "closeness"])
        writer.writerows(neighbours)

    with open(os.path.join(source, "ons_ltla_to_utla_dec2022.csv"), encoding="utf-8-sig") as f:
        lookup = sorted((r["LTLA22CD"], r["LTLA22NM"], r["UTLA22CD"], r["UTLA22NM"]) for r in csv.DictReader(f)
                        if r["LTLA22CD"].startswith("E"))
    with open(os.path.join(out, "ons_ltla_to_utla.csv"), "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["ltla_code", "ltla_name", "utla_code", "utla_name"])
        writer.writerows(lookup)


if __name__ == "__main__":
    main()
