"""The programme's real content, taken from the five seed pages in /work/shared/seeds/.

Plain data that `content.loader.programme_content_load()` writes to the database: records refer
to each other by slug. Texts quote or closely follow the seeds; nothing here is invented
except what is marked as portal metadata (publication times) or general knowledge (city
coordinates, native and alternative spellings of city names). Long texts are plain text
with paragraphs separated by blank lines.

Seed pages, as the `source` of figures names them:
- 000 and 001 "Regional conferences" (two versions of the same page);
- 002 news "First Admin4All regional Conference: connecting European municipalities";
- 003 news "Admin4All Mid-Term Regional Consultation";
- 004 the project page (context and rationale, objectives, expected results, scope).
"""

import datetime
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")

SOURCE_CONFERENCES = "Regional conferences"
SOURCE_NEWS_BRUSSELS = "News: First Admin4All regional Conference"
SOURCE_NEWS_MILAN = "News: Admin4All Mid-Term Regional Consultation"
SOURCE_PROJECT = "Project page: Project scope and timeframe"


def _brussels(year: int, month: int, day: int, hour: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=BRUSSELS)


# Publication times are portal metadata, not seed facts: an event is published at the
# start of its (first) day, a news article at 18:00 on the last day of the event it
# reports. The seeds give no date for the webinars, so they and the studies they
# presented are published at the end of phase 2 (30 June 2020), the last date by which
# the seeds place them within the programme.
PUBLISHED_BRUSSELS_EVENT = _brussels(2017, 11, 28)
PUBLISHED_MILAN_EVENT = _brussels(2019, 10, 8)
PUBLISHED_WEBINARS = _brussels(2020, 6, 30)
PUBLISHED_BRUSSELS_NEWS = _brussels(2017, 11, 28, 18)
PUBLISHED_MILAN_NEWS = _brussels(2019, 10, 9, 18)


ORGANISATIONS = [
    {
        "slug": "iom",
        "name": "International Organization for Migration",
        "acronym": "IOM",
        "kind": "international",
        "parent": None,
        "description": "Implements the ADMin4ALL programme.",
    },
    {
        "slug": "iom-coordination-office-for-the-mediterranean",
        "name": "IOM Coordination Office for the Mediterranean",
        "acronym": "",
        "kind": "international",
        "parent": "iom",
        "description": (
            "The IOM office in Rome, Italy, which manages the second phase of ADMin4ALL and "
            "implements it in Italy, Spain, Austria, Romania, Poland, Greece and Malta."
        ),
    },
    {
        "slug": "european-commission",
        "name": "European Commission",
        "acronym": "EC",
        "kind": "eu_institution",
        "parent": None,
        "description": "",
    },
    {
        "slug": "dg-empl",
        "name": "Directorate-General for Employment, Social Affairs and Inclusion",
        "acronym": "DG EMPL",
        "kind": "eu_institution",
        "parent": "european-commission",
        "description": "Funds the ADMin4ALL programme.",
    },
    {
        "slug": "eurocities",
        "name": "Eurocities",
        "acronym": "",
        "kind": "network",
        "parent": None,
        "description": (
            "A key stakeholder in the work on migration done at European level, present at "
            "the first Admin4All regional workshop in Brussels."
        ),
    },
    {
        "slug": "mpi",
        "name": "Migration Policy Institute",
        "acronym": "MPI",
        "kind": "research",
        "parent": None,
        "description": (
            "The two ADMin4ALL studies presented in the regional webinars were conducted in "
            "cooperation with the Migration Policy Institute."
        ),
    },
    {
        "slug": "mpi-europe",
        "name": "Migration Policy Institute Europe",
        "acronym": "MPI Europe",
        "kind": "research",
        "parent": "mpi",
        "description": "The research partner of the ADMin4ALL project.",
    },
    {
        "slug": "municipality-of-milan",
        "name": "Municipality of Milan",
        "acronym": "",
        "kind": "local_authority",
        "parent": None,
        "description": "",
    },
    {
        "slug": "municipality-of-barcelona",
        "name": "Municipality of Barcelona",
        "acronym": "",
        "kind": "local_authority",
        "parent": None,
        "description": "",
    },
    {
        "slug": "madrid-city-council",
        "name": "Madrid City Council",
        "acronym": "",
        "kind": "local_authority",
        "parent": None,
        "description": "",
    },
    {
        "slug": "maltese-ministry-for-european-affairs-and-equality",
        "name": "Maltese Ministry for European Affairs and Equality",
        "acronym": "",
        "kind": "national_authority",
        "parent": None,
        "description": "",
    },
    {
        "slug": "italian-ministry-of-labour",
        "name": "Italian Ministry of Labour",
        "acronym": "",
        "kind": "national_authority",
        "parent": None,
        "description": "",
    },
    {
        "slug": "romanian-ministry-of-the-interior",
        "name": "Romanian Ministry of the Interior",
        "acronym": "",
        "kind": "national_authority",
        "parent": None,
        "description": "",
    },
]


PEOPLE = [
    {
        "slug": "emmanuelle-grange",
        "name": "Emmanuelle Grange",
        "honorific": "",
        "job_title": "Head of Unit Disability and Inclusion",
        "organisation": "dg-empl",
    },
    {
        "slug": "federico-soda",
        "name": "Federico Soda",
        "honorific": "",
        "job_title": "Director of the IOM Coordination Office for the Mediterranean",
        "organisation": "iom-coordination-office-for-the-mediterranean",
    },
    {
        "slug": "laurence-hart",
        "name": "Laurence Hart",
        "honorific": "",
        "job_title": "Director of the IOM Coordination Office for the Mediterranean",
        "organisation": "iom-coordination-office-for-the-mediterranean",
    },
    {
        "slug": "rabaiotti",
        "name": "Rabaiotti",
        "honorific": "Mr.",
        "job_title": "Welfare Deputy Mayor of Milan",
        "organisation": "municipality-of-milan",
    },
    {
        "slug": "sanahuja-velez",
        "name": "Sanahuja Vélez",
        "honorific": "Mr.",
        "job_title": "Director of Migrants Attention and Welcoming Policies",
        "organisation": "municipality-of-barcelona",
    },
    {
        "slug": "gonzalo-lopez",
        "name": "Gonzalo López",
        "honorific": "Mr.",
        "job_title": (
            "General Director of Primary Care, Community Intervention and Social Emergency"
        ),
        "organisation": "madrid-city-council",
    },
    {
        "slug": "tortell",
        "name": "Tortell",
        "honorific": "Mr.",
        "job_title": "Director of the Integration and Anti-Racism Unit",
        "organisation": "maltese-ministry-for-european-affairs-and-equality",
    },
    {
        "slug": "di-dio",
        "name": "Di Dio",
        "honorific": "Mr.",
        "job_title": (
            "Migration & Labour Integration Policy Specialist and consultant for the "
            "Italian Ministry of Labour"
        ),
        "organisation": "italian-ministry-of-labour",
    },
    {
        "slug": "riziou",
        "name": "Riziou",
        "honorific": "Mr.",
        "job_title": (
            "Specialist officer for integration and resettlement, Department of Asylum and "
            "Integration"
        ),
        "organisation": "romanian-ministry-of-the-interior",
    },
    {
        "slug": "van-gessel",
        "name": "van Gessel",
        "honorific": "Mr.",
        "job_title": "",
        "organisation": "dg-empl",
    },
    {
        # Named only in the footnote of seed 003, which does not say of which city.
        "slug": "laura-marmorale",
        "name": "Laura Marmorale",
        "honorific": "",
        "job_title": "Former deputy mayor for citizenship rights and social cohesion",
        "organisation": None,
    },
]


THEMES = [
    {
        "slug": "housing",
        "name": "Housing",
        "description": "Access of third country nationals to the local housing market.",
    },
    {
        "slug": "labour-market",
        "name": "Labour market",
        "description": "Access of third country nationals to local labour markets.",
    },
    {
        "slug": "education",
        "name": "Education",
        "description": "Access of third country nationals to the education system.",
    },
    {
        "slug": "local-governance-of-social-services",
        "name": "Local governance of social services",
        "description": (
            "Models of local governance and management of social services for migrant integration."
        ),
    },
    {
        "slug": "social-innovation",
        "name": "Social innovation",
        "description": (
            "Social innovation in migrant integration, leveraging civil society and the "
            "private sector."
        ),
    },
    {
        "slug": "multi-level-coordination",
        "name": "Multi-level coordination",
        "description": (
            "Coordination between national and local authorities on migrant integration."
        ),
    },
    {
        "slug": "capacity-building-and-training",
        "name": "Capacity building and training",
        "description": (
            "Building the capacity of municipal administrations and their front-line staff: "
            "needs assessment, training sessions and peer-exchange visits."
        ),
    },
]


PHASES = [
    {
        "slug": "phase-1",
        "number": 1,
        "name": "Supportive Active Inclusion of Disadvantaged Migrants in Europe",
        "summary": (
            "The first phase of the ADMIN4ALL program, a regional initiative implemented by "
            "IOM and funded by the European Commission DG Employment, Social Affairs and "
            "Inclusion, in 14 municipalities in Italy, Austria, Poland and Romania."
        ),
        "description": (
            "ADMIN4ALL conducted a detailed assessment of the capacity building needs of the "
            "14 municipalities in the program. On the basis of this assessment, a training "
            "curriculum was developed and a series of training sessions for municipal social "
            "services and immigration departments were conducted in all program cities, "
            "reaching more than 500 people. These trainings were followed by peer-exchange "
            "visits that allowed each municipality to learn the way another city manages "
            "social services for increasingly diverse populations.\n\n"
            "The first Admin4All regional workshop, organized in Brussels on 28 November "
            "2017, was the culmination of 18 months of work in the program municipalities. "
            "It provided a chance to take stock of the work done in the first phase of the "
            "programme, discuss the good practices and the challenges identified in the "
            "program cities, but also identify opportunities for future capacity-building of "
            "municipalities with the goal to strengthen, and render more accessible, "
            "municipal services for migrants in Europe."
        ),
        # The seeds give no dates for phase 1.
        "start_date": None,
        "end_date": None,
        "duration_months": None,
        "managed_by": "iom",
        "funded_by": "dg-empl",
        "goals": [
            {
                "kind": "objective",
                "text": (
                    "The ADMIN4ALL program aims to strengthen the capacity of local social "
                    "service providers to manage migration, by supporting a multi-stakeholder "
                    "and multi-sectoral approach, based on strong local coordination, as well "
                    "as partnerships with other cities, regional or national governments, "
                    "civil society and migrants’ associations."
                ),
            },
        ],
        "figures": [
            {
                "label": "municipalities",
                "value": 14,
                "qualifier": "exact",
                "indicator": "municipalities",
                "source": SOURCE_NEWS_BRUSSELS,
            },
            {
                "label": "countries",
                "value": 4,
                "qualifier": "exact",
                "source": SOURCE_NEWS_BRUSSELS,
            },
            {
                "label": "people reached by the training sessions",
                "value": 500,
                "qualifier": "more_than",
                # Trained municipal staff: the expected result the figure reports on.
                "indicator": "staff_trained",
                "source": SOURCE_NEWS_BRUSSELS,
            },
            {
                "label": "months of work",
                "value": 18,
                "qualifier": "exact",
                "source": SOURCE_CONFERENCES,
            },
        ],
    },
    {
        "slug": "phase-2",
        "number": 2,
        "name": "Supporting Social Inclusion of Vulnerable Migrants in Europe",
        "summary": (
            "The project ADMin4ALL – Supporting Social Inclusion of Vulnerable Migrants in "
            "Europe aims to enhance the capacity of local governments to develop sustainable "
            "strategies and inclusive services for the successful social and economic "
            "integration of migrants."
        ),
        "description": (
            "The population in EU Member States has become increasingly diverse as a result "
            "of intra-EU mobility and immigration from third countries. The latter comprises "
            "both established multi-generational migrant communities already in Europe, as "
            "well as migrant and refugee newcomers. Increasing diversity, coupled with "
            "entrenched disadvantage and marginalization for some groups, present challenges "
            "for the successful socio-economic integration of migrants in Europe and social "
            "cohesion within local communities.\n\n"
            "In this regard, policy responses at the local level are crucial to address both "
            "the challenges related to successful socio-economic inclusion of migrants, as "
            "well as ways to create inclusive communities. In particular, providers of "
            "employment and social services at the local level often experience difficulties "
            "in successfully reaching out to and supporting migrants. Gaps exist between the "
            "provision of immediate newcomer reception and orientation services, and "
            "subsequent longer-term integration services (income support, labour market "
            "inclusion, social services) to which migrants or refugees may be eligible.\n\n"
            "In this context, the project ADMin4ALL – Supporting Social Inclusion of "
            "Vulnerable Migrants in Europe aims to enhance the capacity of local governments "
            "to develop sustainable strategies and inclusive services for the successful "
            "social and economic integration of migrants.\n\n"
            "The project is active in more than 30 municipalities across 7 EU member states: "
            "Italy, Austria, Poland, Romania, Greece, Spain and Malta (most of local councils "
            "as well as regional and national authorities).\n\n"
            "The project is in its second phase and will be implemented for 24 months, from "
            "July 2018 to June 2020. It is managed by the IOM office in Rome, Italy."
        ),
        "start_date": datetime.date(2018, 7, 1),
        "end_date": datetime.date(2020, 6, 30),
        "duration_months": 24,
        "managed_by": "iom-coordination-office-for-the-mediterranean",
        "funded_by": "dg-empl",
        "goals": [
            {
                "kind": "objective",
                "text": (
                    "The main objective of the programme is to increase the capacity of "
                    "municipal administrations and other service providers at the local "
                    "level, with particular attention to their front-line staff, in dealing "
                    "with the multiple dimensions of long-term socio-economic inclusion of "
                    "migrants and refugees at local level."
                ),
            },
            {
                "kind": "objective",
                "text": (
                    "Project activities will ultimately focus on providing suitable and "
                    "accessible social and administrative services for migrants, as well as "
                    "promoting partnership approaches to migrant integration at the local "
                    "level among various public, private and non-profit stakeholders, while "
                    "also consolidating an EU-wide community of cities committed to "
                    "integration."
                ),
            },
            {
                "kind": "expected_result",
                "text": (
                    "Providers of services pertaining to social and economic inclusion in "
                    "selected municipalities, including frontline staff, are trained to "
                    "provide more accessible, effective and inclusive support to migrants."
                ),
            },
            {
                "kind": "expected_result",
                "text": (
                    "Selected municipalities have developed coordination mechanisms to "
                    "improve the provision of services for the social and economic inclusion "
                    "of migrants."
                ),
            },
            {
                "kind": "expected_result",
                "text": (
                    "Good practices on the social and labour inclusion of migrants are "
                    "identified and shared among selected municipalities in seven EU "
                    "Countries, thus contributing to dialogue on integration across Europe."
                ),
            },
        ],
        "figures": [
            {
                "label": "municipalities",
                "value": 30,
                "qualifier": "more_than",
                "indicator": "municipalities",
                "source": SOURCE_PROJECT,
            },
            {
                "label": "EU member states",
                "value": 7,
                "qualifier": "exact",
                "source": SOURCE_PROJECT,
            },
        ],
    },
]


COUNTRIES = [
    {"slug": "italy", "name": "Italy", "native_name": "Italia", "iso_code": "IT"},
    {"slug": "austria", "name": "Austria", "native_name": "Österreich", "iso_code": "AT"},
    {"slug": "poland", "name": "Poland", "native_name": "Polska", "iso_code": "PL"},
    {"slug": "romania", "name": "Romania", "native_name": "România", "iso_code": "RO"},
    {"slug": "greece", "name": "Greece", "native_name": "Ελλάδα", "iso_code": "GR"},
    {"slug": "spain", "name": "Spain", "native_name": "España", "iso_code": "ES"},
    {"slug": "malta", "name": "Malta", "native_name": "Malta", "iso_code": "MT"},
]


# `alternative_names` holds every spelling the seeds use that differs from the canonical
# name, plus common ASCII and English variants, so that search finds them all.
# Coordinates are general knowledge (city centres), not seed facts. `region` is set only
# where a seed says it: seed 004 lists "Telfs, Korneuburg, Kufstein and Schwaz in Tirol",
# and Korneuburg is in Lower Austria, so only the three Tyrolean towns get it.
MUNICIPALITIES = [
    # Italy
    {
        "slug": "bari",
        "name": "Bari",
        "native_name": "Bari",
        "alternative_names": [],
        "country": "italy",
        "region": "",
        "latitude": "41.11714",
        "longitude": "16.87187",
        "phases": ["phase-1", "phase-2"],
    },
    {
        "slug": "cagliari",
        "name": "Cagliari",
        "native_name": "Cagliari",
        "alternative_names": [],
        "country": "italy",
        "region": "",
        "latitude": "39.22384",
        "longitude": "9.12166",
        "phases": ["phase-2"],
    },
    {
        "slug": "florence",
        "name": "Florence",
        "native_name": "Firenze",
        "alternative_names": [],
        "country": "italy",
        "region": "",
        "latitude": "43.76956",
        "longitude": "11.25581",
        "phases": ["phase-1", "phase-2"],
    },
    {
        "slug": "naples",
        "name": "Naples",
        "native_name": "Napoli",
        "alternative_names": [],
        "country": "italy",
        "region": "",
        "latitude": "40.85177",
        "longitude": "14.26812",
        "phases": ["phase-1", "phase-2"],
    },
    {
        "slug": "milan",
        "name": "Milan",
        "native_name": "Milano",
        "alternative_names": [],
        "country": "italy",
        "region": "",
        "latitude": "45.46427",
        "longitude": "9.18951",
        "phases": ["phase-1", "phase-2"],
    },
    {
        "slug": "rome",
        "name": "Rome",
        "native_name": "Roma",
        "alternative_names": [],
        "country": "italy",
        "region": "",
        "latitude": "41.89193",
        "longitude": "12.51133",
        "phases": ["phase-2"],
    },
    {
        "slug": "palermo",
        "name": "Palermo",
        "native_name": "Palermo",
        "alternative_names": [],
        "country": "italy",
        "region": "",
        "latitude": "38.11582",
        "longitude": "13.35976",
        "phases": ["phase-2"],
    },
    {
        "slug": "venice",
        "name": "Venice",
        "native_name": "Venezia",
        "alternative_names": [],
        "country": "italy",
        "region": "",
        "latitude": "45.43713",
        "longitude": "12.33265",
        "phases": ["phase-2"],
    },
    # Austria
    {
        "slug": "bruck-an-der-leitha",
        "name": "Bruck an der Leitha",
        "native_name": "Bruck an der Leitha",
        "alternative_names": [],
        "country": "austria",
        "region": "",
        "latitude": "48.02552",
        "longitude": "16.77937",
        "phases": ["phase-1", "phase-2"],
    },
    {
        # The seeds say "Tulln"; the town's official name is Tulln an der Donau.
        "slug": "tulln",
        "name": "Tulln an der Donau",
        "native_name": "Tulln an der Donau",
        "alternative_names": ["Tulln"],
        "country": "austria",
        "region": "",
        "latitude": "48.33176",
        "longitude": "16.05971",
        "phases": ["phase-1"],
    },
    {
        "slug": "korneuburg",
        "name": "Korneuburg",
        "native_name": "Korneuburg",
        "alternative_names": [],
        "country": "austria",
        "region": "",
        "latitude": "48.34532",
        "longitude": "16.33288",
        "phases": ["phase-1", "phase-2"],
    },
    {
        "slug": "telfs",
        "name": "Telfs",
        "native_name": "Telfs",
        "alternative_names": [],
        "country": "austria",
        "region": "Tirol",
        "latitude": "47.30709",
        "longitude": "11.07221",
        "phases": ["phase-2"],
    },
    {
        "slug": "kufstein",
        "name": "Kufstein",
        "native_name": "Kufstein",
        "alternative_names": [],
        "country": "austria",
        "region": "Tirol",
        "latitude": "47.58350",
        "longitude": "12.16997",
        "phases": ["phase-2"],
    },
    {
        "slug": "schwaz",
        "name": "Schwaz",
        "native_name": "Schwaz",
        "alternative_names": [],
        "country": "austria",
        "region": "Tirol",
        "latitude": "47.35169",
        "longitude": "11.71014",
        "phases": ["phase-2"],
    },
    # Poland
    {
        "slug": "poznan",
        "name": "Poznań",
        "native_name": "Poznań",
        "alternative_names": ["Poznan", "Posen"],
        "country": "poland",
        "region": "",
        "latitude": "52.40637",
        "longitude": "16.92517",
        "phases": ["phase-1", "phase-2"],
    },
    {
        "slug": "warsaw",
        "name": "Warsaw",
        "native_name": "Warszawa",
        "alternative_names": [],
        "country": "poland",
        "region": "",
        "latitude": "52.22977",
        "longitude": "21.01178",
        "phases": ["phase-1", "phase-2"],
    },
    {
        "slug": "wroclaw",
        "name": "Wrocław",
        "native_name": "Wrocław",
        "alternative_names": ["Wroclav", "Wroclaw", "Breslau"],
        "country": "poland",
        "region": "",
        "latitude": "51.10789",
        "longitude": "17.03854",
        "phases": ["phase-1", "phase-2"],
    },
    {
        "slug": "gdansk",
        "name": "Gdańsk",
        "native_name": "Gdańsk",
        "alternative_names": ["Gdansk"],
        "country": "poland",
        "region": "",
        "latitude": "54.35205",
        "longitude": "18.64637",
        "phases": ["phase-1", "phase-2"],
    },
    {
        "slug": "bydgoszcz",
        "name": "Bydgoszcz",
        "native_name": "Bydgoszcz",
        "alternative_names": [],
        "country": "poland",
        "region": "",
        "latitude": "53.12350",
        "longitude": "18.00762",
        "phases": ["phase-1"],
    },
    {
        "slug": "krakow",
        "name": "Kraków",
        "native_name": "Kraków",
        "alternative_names": ["Krakow", "Cracow"],
        "country": "poland",
        "region": "",
        "latitude": "50.06465",
        "longitude": "19.94498",
        "phases": ["phase-2"],
    },
    # Romania
    {
        "slug": "bucharest",
        "name": "Bucharest",
        "native_name": "București",
        "alternative_names": ["Bucuresti"],
        "country": "romania",
        "region": "",
        "latitude": "44.42677",
        "longitude": "26.10254",
        "phases": ["phase-1", "phase-2"],
    },
    {
        "slug": "cluj-napoca",
        "name": "Cluj-Napoca",
        "native_name": "Cluj-Napoca",
        "alternative_names": ["Cluj"],
        "country": "romania",
        "region": "",
        "latitude": "46.77121",
        "longitude": "23.62363",
        "phases": ["phase-1", "phase-2"],
    },
    {
        "slug": "galati",
        "name": "Galați",
        "native_name": "Galați",
        "alternative_names": ["Galati"],
        "country": "romania",
        "region": "",
        "latitude": "45.43530",
        "longitude": "28.00800",
        "phases": ["phase-2"],
    },
    {
        "slug": "oradea",
        "name": "Oradea",
        "native_name": "Oradea",
        "alternative_names": [],
        "country": "romania",
        "region": "",
        "latitude": "47.04650",
        "longitude": "21.91894",
        "phases": ["phase-2"],
    },
    # Greece
    {
        "slug": "athens",
        "name": "Athens",
        "native_name": "Αθήνα",
        "alternative_names": ["Athina"],
        "country": "greece",
        "region": "",
        "latitude": "37.98381",
        "longitude": "23.72754",
        "phases": ["phase-2"],
    },
    {
        "slug": "heraklion",
        "name": "Heraklion",
        "native_name": "Ηράκλειο",
        "alternative_names": ["Iraklio", "Iraklion"],
        "country": "greece",
        "region": "",
        "latitude": "35.33872",
        "longitude": "25.14418",
        "phases": ["phase-2"],
    },
    {
        "slug": "kalamaria",
        "name": "Kalamaria",
        "native_name": "Καλαμαριά",
        "alternative_names": [],
        "country": "greece",
        "region": "",
        "latitude": "40.58250",
        "longitude": "22.95028",
        "phases": ["phase-2"],
    },
    {
        # Taken to be the municipality in the Athens area (Nea Filadelfeia–Nea Chalkidona).
        "slug": "nea-philadelphia",
        "name": "Nea Philadelphia",
        "native_name": "Νέα Φιλαδέλφεια",
        "alternative_names": ["Nea Filadelfeia", "Nea Filadelfia"],
        "country": "greece",
        "region": "",
        "latitude": "38.03530",
        "longitude": "23.73810",
        "phases": ["phase-2"],
    },
    {
        # Taken to be Neapoli in the Thessaloniki area (municipality of Neapoli-Sykies),
        # listed beside Kalamaria and Thessaloniki.
        "slug": "neapoli",
        "name": "Neapoli",
        "native_name": "Νεάπολη",
        "alternative_names": ["Neapolis"],
        "country": "greece",
        "region": "",
        "latitude": "40.65360",
        "longitude": "22.96860",
        "phases": ["phase-2"],
    },
    {
        "slug": "piraeus",
        "name": "Piraeus",
        "native_name": "Πειραιάς",
        "alternative_names": ["Peiraias", "Pireas"],
        "country": "greece",
        "region": "",
        "latitude": "37.94200",
        "longitude": "23.64650",
        "phases": ["phase-2"],
    },
    {
        "slug": "thessaloniki",
        "name": "Thessaloniki",
        "native_name": "Θεσσαλονίκη",
        "alternative_names": ["Salonica", "Thessalonica"],
        "country": "greece",
        "region": "",
        "latitude": "40.64028",
        "longitude": "22.94444",
        "phases": ["phase-2"],
    },
    # Spain
    {
        "slug": "fuenlabrada",
        "name": "Fuenlabrada",
        "native_name": "Fuenlabrada",
        "alternative_names": [],
        "country": "spain",
        "region": "",
        "latitude": "40.28419",
        "longitude": "-3.79415",
        "phases": ["phase-2"],
    },
    {
        "slug": "madrid",
        "name": "Madrid",
        "native_name": "Madrid",
        "alternative_names": [],
        "country": "spain",
        "region": "",
        "latitude": "40.41678",
        "longitude": "-3.70379",
        "phases": ["phase-2"],
    },
    {
        "slug": "malaga",
        "name": "Málaga",
        "native_name": "Málaga",
        "alternative_names": ["Malaga"],
        "country": "spain",
        "region": "",
        "latitude": "36.72016",
        "longitude": "-4.42034",
        "phases": ["phase-2"],
    },
    # Malta takes part through its local councils and regional and national authorities,
    # not one city: one record stands for them all, placed on the map at Valletta.
    {
        "slug": "malta-local-authorities",
        "name": "Maltese local councils and authorities",
        "native_name": "",
        "alternative_names": [],
        "kind": "local_authorities",
        "country": "malta",
        "region": "",
        "latitude": "35.89890",
        "longitude": "14.51460",
        "profile": (
            "Malta takes part in the programme through most of its local councils as well "
            "as regional and national authorities."
        ),
        "phases": ["phase-2"],
    },
]

PHASE_1_MUNICIPALITIES = [
    "bari",
    "florence",
    "naples",
    "milan",
    "bruck-an-der-leitha",
    "tulln",
    "korneuburg",
    "poznan",
    "warsaw",
    "wroclaw",
    "gdansk",
    "bydgoszcz",
    "bucharest",
    "cluj-napoca",
]


BRUSSELS_DAY = datetime.date(2017, 11, 28)
MILAN_DAY_1 = datetime.date(2019, 10, 8)
MILAN_DAY_2 = datetime.date(2019, 10, 9)

EVENTS = [
    {
        "slug": "brussels-regional-workshop-2017",
        "kind": "regional_workshop",
        "title": "First Admin4All regional workshop",
        "phase": "phase-1",
        "summary": (
            "The first Admin4All regional workshop brought together representatives from the "
            "14 programme municipalities, DG EMPL, IOM and other key stakeholders to take "
            "stock of the first phase of the programme."
        ),
        "description": (
            "The first Admin4All regional workshop was organized in Brussels on 28 November "
            "2017. The event brought together representatives from the 14 municipalities "
            "that have been part of the programme: Bari, Florence, Naples and Milan in "
            "Italy; Bruck an der Leitha, Tulln, Korneuburg in Austria; Poznań, Warsaw, "
            "Wroclav, Gdansk and Bydgoszcz in Poland; and Bucharest and Cluj-Napoca in "
            "Romania.\n\n"
            "Representatives from the European Commission DG Employment, Social Affairs and "
            "Inclusion (DG EMPL), the International Organization for Migration (IOM), and "
            "other key stakeholders engaged in the integration of migrants at the local "
            "level in Europe have also been present.\n\n"
            "The meeting was the culmination of the first phase of the ADMIN4ALL program, "
            "“Supportive Active Inclusion of Disadvantaged Migrants in Europe”, a regional "
            "initiative implemented by IOM and funded by the European Commission DG "
            "Employment, Social Affairs and Inclusion.\n\n"
            "This event was the culmination of 18 months of work in the program "
            "municipalities. This included a round of training sessions for municipal "
            "social services and immigration departments, followed by a series of "
            "peer-review visits in which each municipality was able to see first-hand the "
            "work and learn from the experience of another city.\n\n"
            "In order to achieve its objectives, participants had the opportunities to both "
            "listen and talk about their work through a balance between plenary "
            "presentations and direct exchanges."
        ),
        "start_date": BRUSSELS_DAY,
        "end_date": None,
        "is_online": False,
        "venue": "",
        "address": "",
        "city": "Brussels",
        # Belgium is not a partner country of the programme.
        "country": None,
        "host_municipality": None,
        "organisers": ["iom"],
        "participating_municipalities": PHASE_1_MUNICIPALITIES,
        "participating_organisations": ["dg-empl", "iom", "eurocities"],
        "participant_count": 75,
        "participant_count_qualifier": "about",
        # Seed 001 nests two sub-points under each of its two objectives; each line joins
        # an objective with one of its sub-points.
        "objectives": (
            "Continue the learning process of the participating municipalities by providing "
            "updates about the work on migration done at European level by the EU, the IOM "
            "and other key stakeholders (notably Eurocities)\n"
            "Continue the learning process of the participating municipalities by learning "
            "about experiences, practices and activities in the other cities and countries "
            "involved in the ADMiN4ALL programme\n"
            "Recognize the engagement in the programme and the work done at the local level "
            "by sharing experiences from a number of municipalities\n"
            "Recognize the engagement in the programme and the work done at the local level "
            "by discussing further needs and possibilities for future work and continued "
            "assistance"
        ),
        "outcome": (
            "The final event provided a chance to take stock of the work done in the first "
            "phase of the programme, discuss the good practices and the challenges "
            "identified in the programme cities, but also identify opportunities for future "
            "work in building the capacity of cities to strengthen, and render more "
            "accessible, municipal services for migrants in Europe.\n\n"
            "The meeting brought together around 75 participants, including representatives "
            "from the 14 programme municipalities, the IOM, DG EMPL and other Brussels-based "
            "key stakeholders working on cities, migration and integration in Europe."
        ),
        "themes": ["capacity-building-and-training"],
        "published_at": PUBLISHED_BRUSSELS_EVENT,
        "figures": [
            {
                "label": "participants",
                "value": 75,
                "qualifier": "about",
                "source": SOURCE_CONFERENCES,
            },
            {
                "label": "programme municipalities",
                "value": 14,
                "qualifier": "exact",
                "source": SOURCE_CONFERENCES,
            },
        ],
        # The seeds give no times, only "a balance between plenary presentations and
        # direct exchanges"; the speakers are those seed 002 quotes.
        "sessions": [
            {
                "title": "Plenary presentations",
                "kind": "plenary",
                "day": BRUSSELS_DAY,
                "track": "",
                "description": (
                    "Emmanuelle Grange, Head of Unit Disability and Inclusion, recognized that "
                    "while migration policy and legislation is made at the national level, it "
                    "is cities and municipalities that play a crucial role in providing basic "
                    "services to migrants and refugees and in facilitating their integration "
                    "in host societies. The EU Action Plan on the Integration of third-country "
                    "nationals, adopted in June 2016, includes concrete actions to support "
                    "local and regional authorities in their integration efforts.\n\n"
                    "Federico Soda, the Director of the IOM Coordination office for the "
                    "Mediterranean, acknowledged how increasing diversity, coupled with "
                    "entrenched disadvantage and marginalization of some groups, are "
                    "increasingly challenges for the development of inclusive local "
                    "communities. Ensuring adequate service delivery to new, diverse and "
                    "growing populations poses the biggest challenge."
                ),
                "themes": [],
                "speakers": [
                    {
                        "person": "emmanuelle-grange",
                        "role": "speaker",
                        "job_title": "Head of Unit Disability and Inclusion",
                        "organisation": "dg-empl",
                    },
                    {
                        "person": "federico-soda",
                        "role": "speaker",
                        "job_title": (
                            "Director of the IOM Coordination Office for the Mediterranean"
                        ),
                        "organisation": "iom-coordination-office-for-the-mediterranean",
                    },
                ],
            },
            {
                "title": "Exchanges among the participating municipalities",
                "kind": "discussion",
                "day": BRUSSELS_DAY,
                "track": "",
                "description": (
                    "Direct exchanges in which the participating municipalities shared "
                    "experiences and learned about the practices and activities in the other "
                    "cities and countries involved in the programme, and discussed further "
                    "needs and possibilities for future work and continued assistance."
                ),
                "themes": [],
                "speakers": [],
            },
        ],
    },
    {
        "slug": "milan-mid-term-regional-consultation-2019",
        "kind": "regional_consultation",
        "title": "Admin4All Mid-Term Regional Consultation",
        "phase": "phase-2",
        "summary": (
            "The International Organization for Migration (IOM) organized a Regional "
            "Consultation gathering representatives from local and national authorities, EU "
            "institutions and academia to discuss challenges and opportunities of a "
            "well-managed social inclusion of migrants at local level."
        ),
        "description": (
            "The Mid-Term Regional Consultation was organized by the IOM within the scope of "
            "the project ADMin4ALL and was hosted by the Municipality of Milan on 8-9 October "
            "2019 at the “Fabbrica del Vapore”, Via Giulio Cesare Procaccini 4. During the "
            "consultation, representatives from over 35 EU municipalities, the European "
            "Commission, national ministries, national municipal associations and research "
            "institutes discussed how to cope with the multiple challenges posed to local "
            "authorities by migrants’ social and economic inclusion.\n\n"
            "On the first day, the discussion revolved around the different models of local "
            "governance of social services for migrant integration as well as how to create "
            "social innovation in this field leveraging civil society and the private "
            "sector. On the second day, 3 parallel thematic workshops addressed the "
            "difficulties faced by third country nationals in accessing the local housing "
            "and labour markets as well as the education system.\n\n"
            "The consultation fell within the scope of the project ADMin4ALL – Supporting "
            "Social Inclusion of Vulnerable Migrants in Europe – funded by the European "
            "Commission’s Directorate-General for Employment, Social Affairs and Inclusion, "
            "and implemented by the IOM Coordination Office for the Mediterranean in Italy, "
            "Spain, Austria, Romania, Poland, Greece and Malta."
        ),
        "start_date": MILAN_DAY_1,
        "end_date": MILAN_DAY_2,
        "is_online": False,
        "venue": "Fabbrica del Vapore",
        "address": "Via Giulio Cesare Procaccini 4",
        "city": "Milan",
        "country": "italy",
        "host_municipality": "milan",
        "organisers": ["iom-coordination-office-for-the-mediterranean"],
        # The seeds name no list of the municipalities present ("more than 30" / "over
        # 35"): only Milan (the host, whose deputy mayor spoke) and Madrid (whose city
        # council's general director spoke) are named. Barcelona spoke too but is not a
        # programme municipality, so it appears among the organisations.
        "participating_municipalities": ["milan", "madrid"],
        "participating_organisations": [
            "dg-empl",
            "mpi-europe",
            "municipality-of-barcelona",
            "maltese-ministry-for-european-affairs-and-equality",
            "italian-ministry-of-labour",
            "romanian-ministry-of-the-interior",
        ],
        "participant_count": None,
        "participant_count_qualifier": "exact",
        "objectives": (
            "Discuss challenges and opportunities of a well-managed social inclusion of "
            "migrants at local level\n"
            "Foster the exchange of good practices related to migrant integration"
        ),
        "outcome": "",
        "themes": [
            "local-governance-of-social-services",
            "social-innovation",
            "multi-level-coordination",
            "housing",
            "labour-market",
            "education",
        ],
        "published_at": PUBLISHED_MILAN_EVENT,
        # The two sources disagree on the number of municipalities: both are kept, as
        # one fact (the same indicator) in each source's words.
        "figures": [
            {
                "label": "EU municipalities represented",
                "value": 35,
                "qualifier": "more_than",
                "indicator": "municipalities",
                "source": SOURCE_CONFERENCES,
            },
            {
                "label": "European municipalities",
                "value": 30,
                "qualifier": "more_than",
                "indicator": "municipalities",
                "source": SOURCE_NEWS_MILAN,
            },
            {
                "label": "EU Member States",
                "value": 7,
                "qualifier": "exact",
                "source": SOURCE_NEWS_MILAN,
            },
        ],
        # Seed 000 places the discussion on models of local governance and social
        # innovation on day 1 and the three thematic workshops on day 2. Seed 003 does
        # not date the high-level panels: they are put on day 1 because they discussed
        # the governance of social services. The opening is on the first day and the
        # closing on the last; the seeds give no times.
        "sessions": [
            {
                "title": "Opening",
                "kind": "opening",
                "day": MILAN_DAY_1,
                "track": "",
                "description": (
                    "Laurence Hart, Director of the IOM Coordination Office for the "
                    "Mediterranean, opened the discussion:\n\n"
                    "> it is at the local level that "
                    "integration processes take place in everyday life, and where policies "
                    "designed and adopted nationally or regionally are implemented, for this "
                    "reason, local authorities play a key role in integrating migrants and "
                    "empowering them to contribute to their new communities."
                ),
                "themes": [],
                "speakers": [
                    {
                        "person": "laurence-hart",
                        "role": "opening",
                        "job_title": (
                            "Director of the IOM Coordination Office for the Mediterranean"
                        ),
                        "organisation": "iom-coordination-office-for-the-mediterranean",
                    },
                ],
            },
            {
                "title": (
                    "Models of local governance of social services for migrants and social "
                    "innovation"
                ),
                "kind": "presentation",
                "day": MILAN_DAY_1,
                "track": "",
                "description": (
                    "Presented by the project’s research partner, the Migration Policy "
                    "Institute Europe: models of local governance for social services for "
                    "migrants and social innovation leveraging civil society and the private "
                    "sector."
                ),
                "themes": ["local-governance-of-social-services", "social-innovation"],
                "speakers": [],
            },
            {
                "title": (
                    "Models of management of social services for migrant integration in "
                    "urban areas"
                ),
                "kind": "panel",
                "day": MILAN_DAY_1,
                "track": "",
                "description": (
                    "A high-level panel of discussion on models of management of social "
                    "services for migrant integration in urban areas."
                ),
                "themes": ["local-governance-of-social-services"],
                "speakers": [
                    {
                        "person": "rabaiotti",
                        "role": "panellist",
                        "job_title": "Welfare Deputy Mayor of Milan",
                        "organisation": "municipality-of-milan",
                    },
                    {
                        "person": "sanahuja-velez",
                        "role": "panellist",
                        "job_title": "Director of Migrants Attention and Welcoming Policies",
                        "organisation": "municipality-of-barcelona",
                    },
                    {
                        "person": "gonzalo-lopez",
                        "role": "panellist",
                        "job_title": (
                            "General Director of Primary Care, Community Intervention and "
                            "Social Emergency"
                        ),
                        "organisation": "madrid-city-council",
                    },
                ],
            },
            {
                "title": (
                    "Coordination between national and local authorities on migrant integration"
                ),
                "kind": "panel",
                "day": MILAN_DAY_1,
                "track": "",
                "description": (
                    "A second high-level panel on strategies for improved coordination "
                    "between national and local authorities on migrant integration."
                ),
                "themes": ["multi-level-coordination"],
                "speakers": [
                    {
                        "person": "tortell",
                        "role": "panellist",
                        "job_title": "Director of the Integration and Anti-Racism Unit",
                        "organisation": "maltese-ministry-for-european-affairs-and-equality",
                    },
                    {
                        "person": "di-dio",
                        "role": "panellist",
                        "job_title": (
                            "Migration & Labour Integration Policy Specialist and consultant "
                            "for the Italian Ministry of Labour"
                        ),
                        "organisation": "italian-ministry-of-labour",
                    },
                    {
                        "person": "riziou",
                        "role": "panellist",
                        "job_title": (
                            "Specialist officer for integration and resettlement, Department "
                            "of Asylum and Integration"
                        ),
                        "organisation": "romanian-ministry-of-the-interior",
                    },
                ],
            },
            {
                "title": "Thematic workshop: access to housing",
                "kind": "thematic_workshop",
                "day": MILAN_DAY_2,
                "track": "Housing",
                "description": (
                    "The difficulties faced by third country nationals in accessing the local "
                    "housing market. Municipalities participated actively, comparing their "
                    "local situations and sharing their experience and strategies."
                ),
                "themes": ["housing"],
                "speakers": [],
            },
            {
                "title": "Thematic workshop: access to the labour market",
                "kind": "thematic_workshop",
                "day": MILAN_DAY_2,
                "track": "Labour market",
                "description": (
                    "The difficulties faced by third country nationals in accessing local "
                    "labour markets. Municipalities participated actively, comparing their "
                    "local situations and sharing their experience and strategies."
                ),
                "themes": ["labour-market"],
                "speakers": [],
            },
            {
                "title": "Thematic workshop: access to the education system",
                "kind": "thematic_workshop",
                "day": MILAN_DAY_2,
                "track": "Education",
                "description": (
                    "The difficulties faced by third country nationals in accessing the "
                    "education system. Municipalities participated actively, comparing their "
                    "local situations and sharing their experience and strategies."
                ),
                "themes": ["education"],
                "speakers": [],
            },
            {
                "title": "Closing",
                "kind": "closing",
                "day": MILAN_DAY_2,
                "track": "",
                "description": (
                    "Mr. van Gessel from the European Commission (DG Employment) closed the "
                    "Consultation, thanking all the participating municipalities for their "
                    "commitment in the frontline to addressing migrants’ integration needs, "
                    "thus translating into reality the policies conceived in Brussels."
                ),
                "themes": [],
                "speakers": [
                    {
                        "person": "van-gessel",
                        "role": "closing",
                        "job_title": "",
                        "organisation": "dg-empl",
                    },
                ],
            },
        ],
    },
    # The seeds date neither webinar and name none of their panellists, so they have no
    # agenda (a session needs a day).
    {
        "slug": "webinar-european-cities-on-the-front-line",
        "kind": "webinar",
        "title": "Webinar: European Cities on the Front Line",
        "phase": "phase-2",
        "summary": (
            "The first regional webinar presented and disseminated the results of the study "
            "European Cities on the Front Line – New and emerging governance models for "
            "migrant inclusion."
        ),
        "description": (
            "In the first webinar, panellists presented a study on European Cities on the "
            "Front Line – New and emerging governance models for migrant inclusion, "
            "analyzing the main challenges faced by local administrators in granting "
            "migrants access to public services, and sharing recommendations on how to make "
            "the most of local governance levers to optimize integration outcomes in the "
            "face of various constraints."
        ),
        "start_date": None,
        "end_date": None,
        "is_online": True,
        "venue": "",
        "address": "",
        "city": "",
        "country": None,
        "host_municipality": None,
        "organisers": [],
        "participating_municipalities": [],
        "participating_organisations": [],
        "participant_count": None,
        "participant_count_qualifier": "exact",
        "objectives": "Present and disseminate the results of the study",
        "outcome": "",
        "themes": ["local-governance-of-social-services"],
        "published_at": PUBLISHED_WEBINARS,
        "figures": [],
        "sessions": [],
    },
    {
        "slug": "webinar-driving-migrant-inclusion-through-social-innovation",
        "kind": "webinar",
        "title": "Webinar: Driving Migrant Inclusion through Social Innovation",
        "phase": "phase-2",
        "summary": (
            "The second regional webinar presented and discussed the study Driving Migrant "
            "Inclusion through Social Innovation: Lessons for cities in a pandemic."
        ),
        "description": (
            "During the second webinar, a study on Driving Migrant Inclusion through Social "
            "Innovation: Lessons for cities in a pandemic was presented and discussed. The "
            "study explores the social innovations developed in some EU municipalities since "
            "2015-2016 in the area of migrant integration, which include innovative models "
            "of financing integration measures, inclusive strategies for engaging migrants "
            "and refugees in the design and delivery of integration services, creative "
            "approaches to community engagement, and human-centred, holistic service models."
        ),
        "start_date": None,
        "end_date": None,
        "is_online": True,
        "venue": "",
        "address": "",
        "city": "",
        "country": None,
        "host_municipality": None,
        "organisers": [],
        "participating_municipalities": [],
        "participating_organisations": [],
        "participant_count": None,
        "participant_count_qualifier": "exact",
        "objectives": "Present and disseminate the results of the study",
        "outcome": "",
        "themes": ["social-innovation"],
        "published_at": PUBLISHED_WEBINARS,
        "figures": [],
        "sessions": [],
    },
]


PUBLICATIONS = [
    {
        "slug": "european-cities-on-the-front-line",
        "kind": "study",
        "title": (
            "European Cities on the Front Line – New and emerging governance models for "
            "migrant inclusion"
        ),
        "organisation": "mpi",
        "year": None,
        "summary": (
            "The study analyzes the main challenges faced by local administrators in "
            "granting migrants access to public services, and shares recommendations on how "
            "to make the most of local governance levers to optimize integration outcomes in "
            "the face of various constraints.\n\n"
            "It was conducted in cooperation with the Migration Policy Institute (MPI)."
        ),
        "presented_at": "webinar-european-cities-on-the-front-line",
        "themes": ["local-governance-of-social-services"],
        "published_at": PUBLISHED_WEBINARS,
    },
    {
        "slug": "driving-migrant-inclusion-through-social-innovation",
        "kind": "study",
        "title": (
            "Driving Migrant Inclusion through Social Innovation: Lessons for cities in a pandemic"
        ),
        "organisation": "mpi",
        "year": None,
        "summary": (
            "The study explores the social innovations developed in some EU municipalities "
            "since 2015-2016 in the area of migrant integration, which include innovative "
            "models of financing integration measures, inclusive strategies for engaging "
            "migrants and refugees in the design and delivery of integration services, "
            "creative approaches to community engagement, and human-centred, holistic "
            "service models.\n\n"
            "It was conducted in cooperation with the Migration Policy Institute (MPI)."
        ),
        "presented_at": "webinar-driving-migrant-inclusion-through-social-innovation",
        "themes": ["social-innovation"],
        "published_at": PUBLISHED_WEBINARS,
    },
]


# Bodies are the seed texts, one paragraph per seed paragraph. Two repairs only: runs of
# spaces are collapsed, and the full stop missing after "integration efforts" in seed 002
# is restored.
NEWS_ARTICLES = [
    {
        "slug": "first-admin4all-regional-conference",
        "title": "First Admin4All regional Conference: connecting European municipalities",
        "summary": (
            "On November 28th, 14 cities from Italy, Austria, Romania and Poland met in "
            "Brussels to exchange experiences on improving the delivery of socio economic "
            "services to migrants and refugees."
        ),
        "body": (
            "On November 28th, 14 cities from Italy, Austria, Romania and Poland met in "
            "Brussels to exchange experiences on improving the delivery of socio economic "
            "services to migrants and refugees. The meeting is the culmination of the first "
            "phase of the ADMIN4ALL program, “Supportive Active Inclusion of Disadvantaged "
            "Migrants in Europe“, a regional initiative implemented by IOM and funded by the "
            "European Commission DG Employment, Social Affairs and Inclusion. The event "
            "brought together representatives from: Bari, Florence, Naples and Milan in "
            "Italy; Bruck an der Leitha, Tulln, Korneuburg in Austria; Poznań, Warsaw, "
            "Wroclav, Gdansk and Bydgoszcz in Poland; and Bucharest and Cluj-Napoca in "
            "Romania.\n\n"
            "Over the last two years, ADMIN4ALL conducted a detailed assessment of the "
            "capacity building needs of the 14 municipalities in the program. On the basis "
            "of this assessment, a training curriculum was developed and a series of "
            "training sessions for municipal social services and immigration departments "
            "were conducted in all program cities, reaching more than 500 people. These "
            "trainings were followed by peer-exchange visits that allowed each municipality "
            "to learn the way another city manages social services for increasingly diverse "
            "populations.\n\n"
            "The event in Brussels provided a chance to take stock of the work done in the "
            "first phase of the programme, discuss the good practices and the challenges "
            "identified in the program cities, but also identify opportunities for future "
            "capacity-building of municipalities with the goal to strengthen, and render "
            "more accessible, municipal services for migrants in Europe.\n\n"
            "Emmanuelle Grange, Head of Unit Disability and Inclusion, recognized that while "
            "migration policy and legislation is made at the national level, it is cities "
            "and municipalities that play a crucial role in providing basic services to "
            "migrants and refugees and in facilitating their integration in host societies. "
            "The EU Action Plan on the Integration of third-country nationals, adopted in "
            "June 2016, includes concrete actions to support local and regional authorities "
            "in their integration efforts. Federico Soda, the Director of the IOM "
            "Coordination office for the Mediterranean, acknowledged how increasing "
            "diversity, coupled with entrenched disadvantage and marginalization of some "
            "groups, are increasingly challenges for the development of inclusive local "
            "communities. Ensuring adequate service delivery to new, diverse and growing "
            "populations poses the biggest challenge.\n\n"
            "Across the 14 program cities, municipal services remain the first, and often "
            "the last, point of call for vulnerable migrants, and the number of people "
            "requesting support and the types of vulnerabilities encountered are on the "
            "rise, putting unprecedented pressures on service providers. This while outdated "
            "national legal frameworks weaken the ability of municipalities to respond to "
            "these challenges and years of austerity have drastically cut precious resources "
            "and the capacity of cities.\n\n"
            "The ADMIN4ALL program aims to strengthen the capacity of local social service "
            "providers to manage migration, by supporting a multi-stakeholder and "
            "multi-sectoral approach, based on strong local coordination, as well as "
            "partnerships with other cities, regional or national governments, civil "
            "society and migrants’ associations."
        ),
        "event": "brussels-regional-workshop-2017",
        "municipalities": PHASE_1_MUNICIPALITIES,
        "themes": ["capacity-building-and-training"],
        "published_at": PUBLISHED_BRUSSELS_NEWS,
    },
    {
        "slug": "admin4all-mid-term-regional-consultation",
        "title": "Admin4All Mid-Term Regional Consultation",
        "summary": (
            "In the framework of the Admin4All project, the International Organization for "
            "Migration (IOM) organized a Regional Consultation gathering representatives "
            "from local and national authorities, EU institutions and academia to discuss "
            "challenges and opportunities of a well-managed social inclusion of migrants at "
            "local level."
        ),
        "body": (
            "In the framework of the Admin4All project, the International Organization for "
            "Migration (IOM) organized a Regional Consultation gathering representatives "
            "from local and national authorities, EU institutions and academia to discuss "
            "challenges and opportunities of a well-managed social inclusion of migrants at "
            "local level.\n\n"
            "The event took place on October the 8th and 9th in Milan bringing together "
            "more than 30 European municipalities and representatives of key national "
            "ministries from 7 EU Member States with a view to fostering the exchange of "
            "good practices related to migrant integration.\n\n"
            "The consultation fell within the scope of the project ADMin4ALL – Supporting "
            "Social Inclusion of Vulnerable Migrants in Europe – funded by the European "
            "Commission’s Directorate-General for Employment, Social Affairs and Inclusion, "
            "and implemented by the IOM Coordination Office for the Mediterranean in Italy, "
            "Spain, Austria, Romania, Poland, Greece and Malta.\n\n"
            "Topics addressed during the Regional Consultation included models of local "
            "governance for social services for migrants and social innovation leveraging "
            "civil society and the private sector – presented by the project’s research "
            "partner, the Migration Policy Institute Europe – as well as the challenges "
            "related to the access to housing, local labour markets and the education system "
            "for third country nationals – addressed during three thematic workshops, in "
            "which municipalities participated actively comparing their local situations and "
            "sharing their experience and strategies.\n\n"
            "Among participants, the Consultation welcomed the Welfare Deputy Mayor of Milan, "
            "Mr. Rabaiotti, who debated models of management of social services for migrant "
            "integration in urban areas in a high-level panel of discussion with the "
            "Director of Migrants Attention and Welcoming Policies of the Municipality of "
            "Barcelona, Mr. Sanahuja Vélez, and the General Director of Primary Care, "
            "Community Intervention and Social Emergency of Madrid City Council, Mr. Gonzalo "
            "López.\n\n"
            "IOM also invited to the Consultation the Director of the Integration and "
            "Anti-Racism Unit within the Maltese Ministry for European Affairs and Equality, "
            "Mr. Tortell, to discuss strategies for improved coordination between national "
            "and local authorities on migrant integration during a second high-level panel "
            "with Mr. Di Dio – Migration & Labour Integration Policy Specialist and "
            "consultant for the Italian Ministry of Labour – and Mr. Riziou – Specialist "
            "officer for integration and resettlement within the Department of Asylum and "
            "Integration of the Romanian Ministry of the Interior.\n\n"
            "As highlighted by Laurence Hart, Director of the IOM Coordination Office for the "
            "Mediterranean, who opened the discussion:\n\n"
            "> it is at the local level that "
            "integration processes take place in everyday life, and where policies designed "
            "and adopted nationally or regionally are implemented, for this reason, local "
            "authorities play a key role in integrating migrants and empowering them to "
            "contribute to their new communities.\n\n"
            "Mr. van Gessel from the European Commission (DG Employment) closed the "
            "Consultation, thanking all the participating municipalities for their "
            "commitment in the frontline to addressing migrants’ integration needs, thus "
            "translating into reality the policies conceived in Brussels.\n\n"
            "*Laura Marmorale is the former deputy mayor for citizenship rights and social "
            "cohesion"
        ),
        "event": "milan-mid-term-regional-consultation-2019",
        "municipalities": ["milan", "madrid"],
        "themes": [
            "local-governance-of-social-services",
            "social-innovation",
            "multi-level-coordination",
            "housing",
            "labour-market",
            "education",
        ],
        "published_at": PUBLISHED_MILAN_NEWS,
    },
]
