#!/usr/bin/env python3
"""Writes the small synthetic SEN2 returns in Datasets/fixtures/ used by the quick start and tests.

Every name, identifier and date is invented. Known contents (census-date logic, docs/sen2.md):
  person 1  plan since two years, mainstream URN placement, ASD primary + SLCN secondary, reviewed
  person 2  new plan in the work year, within 20 weeks
  person 3  request refused (N)
  person 4  plan ceased in the work year, reason 2 (needs met)  -> not active at the census
  person 5  request pending (A)
  person 6  new plan with Week20 exceptions; rank 1 placement ended the day before the census,
            rank 2 placement (OLA) current -> rank 2 fallback
  person 7  plan from the year before, reviewed
  person 8  (800's 2025 return only) one more new plan
Active plans at the census: 800/2024 = 4, 800/2025 = 5, 801/2025 = 4.
Run from the package root: python3 scripts/make_sen2_fixtures.py
"""
import os

ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ0123456789"


def upn(rest):
    """A UPN whose check letter is right for the 12 characters `rest` (docs/sen2.md)."""
    total = sum(ALPHABET.index(c) * (i + 2) for i, c in enumerate(rest))
    return ALPHABET[total % 23] + rest


def person(index, la, surname, forename, birth, sex, ethnicity, postcode, requests):
    return f"""    <Person>
      <Surname>{surname}</Surname>
      <Forename>{forename}</Forename>
      <PersonBirthDate>{birth}</PersonBirthDate>
      <Sex>{sex}</Sex>
      <Ethnicity>{ethnicity}</Ethnicity>
      <PostCode>{postcode}</PostCode>
      <UPN>{upn(la + "%08d" % index + "1")}</UPN>
{requests}    </Person>
"""


def request_source(year, code):
    return f"        <RequestSource>{code}</RequestSource>\n" if year >= 2025 else ""


def plan_request(year, received, decided, assessed, start, placements, needs,
                 cease=None, reason=None, week20=0, review=None):
    cease_xml = (f"            <CeaseDate>{cease}</CeaseDate>\n"
                 f"            <CeaseReason>{reason}</CeaseReason>\n") if cease else ""
    placement_xml = ""
    for kind, value, rank, entry, leaving in placements:
        leaving_xml = f"          <LeavingDate>{leaving}</LeavingDate>\n" if leaving else ""
        placement_xml += f"""        <PlacementDetail>
          <{kind}>{value}</{kind}>
          <PlacementRank>{rank}</PlacementRank>
          <EntryDate>{entry}</EntryDate>
{leaving_xml}          <SENunitIndicator>0</SENunitIndicator>
          <ResourcedProvisionIndicator>0</ResourcedProvisionIndicator>
        </PlacementDetail>
"""
    need_xml = "".join(f"""        <SENneed>
          <SENtype>{sen_type}</SENtype>
          <SENtypeRank>{rank}</SENtypeRank>
        </SENneed>
""" for sen_type, rank in needs)
    review_xml = (f"        <ReviewMeeting>{review}</ReviewMeeting>\n"
                  f"        <LastReview>{review}</LastReview>\n"
                  f"        <ReviewOutcome>M</ReviewOutcome>\n") if review else ""
    kind, value = placements[0][0], placements[0][1]
    return f"""      <Requests>
        <ReceivedDate>{received}</ReceivedDate>
{request_source(year, 1)}        <RYA>0</RYA>
        <RequestOutcomeDate>{decided}</RequestOutcomeDate>
        <RequestOutcome>Y</RequestOutcome>
        <RequestMediation>0</RequestMediation>
        <RequestTribunal>0</RequestTribunal>
        <Assessment>
          <AssessmentOutcome>Y</AssessmentOutcome>
          <AssessmentOutcomeDate>{assessed}</AssessmentOutcomeDate>
          <AssessmentMediation>0</AssessmentMediation>
          <AssessmentTribunal>0</AssessmentTribunal>
          <OtherMediation>0</OtherMediation>
          <OtherTribunal>0</OtherTribunal>
          <Week20>{week20}</Week20>
          <NamedPlan>
            <StartDate>{start}</StartDate>
            <PlanDetail>
              <{kind}>{value}</{kind}>
              <PlacementRank>1</PlacementRank>
              <SENunitIndicator>0</SENunitIndicator>
              <ResourcedProvisionIndicator>0</ResourcedProvisionIndicator>
            </PlanDetail>
            <PB>0</PB>
            <OA>0</OA>
{cease_xml}          </NamedPlan>
        </Assessment>
        <ActivePlans>
{placement_xml}{need_xml}{review_xml}        </ActivePlans>
      </Requests>
"""


def refused(year, received, decided):
    return f"""      <Requests>
        <ReceivedDate>{received}</ReceivedDate>
{request_source(year, 2)}        <RYA>0</RYA>
        <RequestOutcomeDate>{decided}</RequestOutcomeDate>
        <RequestOutcome>N</RequestOutcome>
        <RequestMediation>0</RequestMediation>
        <RequestTribunal>0</RequestTribunal>
      </Requests>
"""


def pending(year, received):
    return f"""      <Requests>
        <ReceivedDate>{received}</ReceivedDate>
{request_source(year, 1)}        <RYA>0</RYA>
        <RequestOutcome>A</RequestOutcome>
        <RequestMediation>0</RequestMediation>
        <RequestTribunal>0</RequestTribunal>
      </Requests>
"""


def message(la, year, census, persons):
    dsco = "      <DSCO>Y</DSCO>\n" if year >= 2025 else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- Synthetic SEN2 return written by the hnhub project (scripts/make_sen2_fixtures.py) for its quick
     start and tests: every name, identifier and date is invented. -->
<Message>
  <Header>
    <CollectionDetails>
      <Collection>SEN2</Collection>
      <Year>{year}</Year>
      <ReferenceDate>{census}</ReferenceDate>
    </CollectionDetails>
    <Source>
      <SourceLevel>L</SourceLevel>
      <LEA>{la}</LEA>
      <SoftwareCode>hnhub fixture</SoftwareCode>
      <Release>1</Release>
      <SerialNo>001</SerialNo>
      <DateTime>{year}-02-01T09:00:00</DateTime>
      <DMO>Y</DMO>
      <DCO>Y</DCO>
{dsco}    </Source>
  </Header>
  <Persons>
{"".join(persons)}  </Persons>
</Message>
"""


NAMES = [("Kelmaro", "Tiva"), ("Dunsore", "Bel"), ("Orravin", "Ketto"), ("Pallimoor", "Sen"),
         ("Quennet", "Aru"), ("Ravelle", "Mio"), ("Tolbrand", "Ivo"), ("Weskarro", "Lune")]


def la_return(la, year, census, with_person_8):
    y = year - 1  # the calendar year of the work the return reports
    day_before_census = f"{year}-01-{int(census[-2:]) - 1:02d}"
    persons = [
        person(1, la, *NAMES[0], "2012-03-04", "M", "WBRI", "BS1 4DJ",
               plan_request(year, f"{y-2}-02-01", f"{y-2}-03-10", f"{y-2}-06-01", f"{y-2}-06-10",
                            [("URN", "100001", 1, f"{y-2}-09-01", None)], [("ASD", 1), ("SLCN", 2)],
                            review=f"{y}-05-01")),
        person(2, la, *NAMES[1], "2009-07-08", "F", "MWBC", "BS2 0AB",
               plan_request(year, f"{y}-01-10", f"{y}-02-15", f"{y}-05-20", f"{y}-05-25",
                            [("URN", "100002", 1, f"{y}-09-01", None)], [("SEMH", 1)])),
        person(3, la, *NAMES[2], "2015-11-12", "M", "APKN", "BS3 1QQ", refused(year, f"{y}-03-01", f"{y}-04-05")),
        person(4, la, *NAMES[3], "2006-05-06", "F", "WBRI", "BS4 2RT",
               plan_request(year, f"{y-4}-01-05", f"{y-4}-02-10", f"{y-4}-05-01", f"{y-4}-05-10",
                            [("URN", "100003", 1, f"{y-4}-09-01", f"{y}-07-20")], [("MLD", 1)],
                            cease=f"{y}-07-31", reason="2", review=f"{y}-03-01")),
        person(5, la, *NAMES[4], "2017-01-20", "M", "BAFR", "BS5 9XY", pending(year, f"{y}-12-01")),
        person(6, la, *NAMES[5], "2010-09-30", "F", "WBRI", "BS6 6AA",
               plan_request(year, f"{y}-02-01", f"{y}-03-01", f"{y}-08-30", f"{y}-09-02",
                            [("URN", "100004", 1, f"{y}-09-03", day_before_census),
                             ("SENSetting", "OLA", 2, f"{y}-09-03", None)],
                            [("SLD", 1)], week20=1)),
        person(7, la, *NAMES[6], "2013-04-14", "M", "WBRI", "BS7 8PL",
               plan_request(year, f"{y-1}-04-01", f"{y-1}-05-10", f"{y-1}-08-10", f"{y-1}-08-20",
                            [("URN", "100005", 1, f"{y-1}-09-01", None)], [("SPLD", 1)], review=f"{y}-08-01")),
    ]
    if with_person_8:
        persons.append(person(8, la, *NAMES[7], "2011-02-02", "F", "WBRI", "BS8 1TH",
                              plan_request(year, f"{y}-04-01", f"{y}-05-01", f"{y}-07-01", f"{y}-07-05",
                                           [("URN", "100006", 1, f"{y}-09-01", None)], [("PD", 1)])))
    return message(la, year, census, persons)


def main():
    folder = os.path.join("Datasets", "fixtures")
    os.makedirs(folder, exist_ok=True)
    for la, year, census, extra in [("800", 2024, "2024-01-18", False), ("800", 2025, "2025-01-16", True),
                                    ("801", 2025, "2025-01-16", False)]:
        with open(os.path.join(folder, f"sen2-{la}-{year}.xml"), "w", encoding="utf-8") as out:
            out.write(la_return(la, year, census, extra))


if __name__ == "__main__":
    main()
