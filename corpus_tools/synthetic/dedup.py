"""Labeled dedup corpus: team-written stories republished the way outlets do, with `story_id` as the truth.

Every sentence comes from the grammar below (written for this project). A story is a cast (people, an
organisation, a place, a topic, a handful of story-specific phrases) told in 8 to 26 paragraphs; outlets then
republish it: wrapped in their own boilerplate, abridged by up to 40%, late paragraphs reordered, headline
rewritten, words edited, typos, mojibake, truncated behind "Read more", padded with a local paragraph.

Hard negatives come with it: every outlet wraps all its stories in the same header and footer (some of them
long), and new stories often share the day, topic, place, organisation and a background paragraph of an
earlier one (a follow-up or a rival story of the same day). `count` is the number of records; generation
streams, in blocks shuffled with the seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any


def _words(text: str, separator: str | None = None) -> tuple[str, ...]:
    return tuple(text.split(separator))


FIRST_NAMES = _words(
    "Ada Alan Alma Amir Ana Anders Anton Aria Arjun Ayla Bea Bruno Carla Cato Chen Clara Dalia Dario Dev "
    "Dina "
    "Edda Elias Elif Emil Enzo Esther Ezra Fatima Felix Fern Flora Gael Greta Hana Hugo Ida Ilya Imani Ines "
    "Ivo "
    "Jada Jonas Jorge Juno Kai Kamal Kira Lars Leila Lena Leon Lior Luca Lucia Mads Maia Malik Mara Marek "
    "Mateo "
    "Mei Mila Milo Nadia Naomi Nia Nils Noor Olga Omar Oren Otto Paz Petra Pia Priya Quinn Rafael Rania Remy "
    "Rosa Rui Sami Sana Selma Soren Stella Tariq Tess Theo Uma Una Vera Viktor Wanda Wren Xenia Yara Yusuf "
    "Zane "
    "Zora Abel Beatriz Cyrus Delphine Emeka Farah Gideon Halima Ignacio Jalen Kofi Linnea Mirela Nando Odile"
)
LAST_NAMES = _words(
    "Abara Acosta Adler Ahlberg Alcott Amari Anand Arce Asante Ashdown Bakker Barros Becker Bellamy Benitez "
    "Berg Bianchi Blackwood Boateng Brennan Calder Carvalho Castell Chandra Chowdhury Collier Costa Crane "
    "Dahl "
    "Delacroix Dimitrov Drummond Duarte Eklund Ellery Esposito Falk Farrow Ferreira Fitzroy Fontaine "
    "Galloway "
    "Garza Haddad Halloran Hartmann Hayes Holm Ibarra Ilves Iqbal Jansen Jaramillo Kalnins Kaplan Keane "
    "Kovacs "
    "Kowalski Lachance Lindqvist Lombardi Lucero Madsen Maddox Marchetti Mbeki Mendes Moreau Mulligan "
    "Nakamura "
    "Navarro Nilsen Novak Nwosu Oakley Okafor Olsen Orlov Ortega Osei Pajari Pereira Petrov Quintero Radu "
    "Ramos Rasmussen Reyes Rinaldi Rocha Rossi Sadiq Salazar Sandoval Schuster Serrano Sorensen Stavros "
    "Sutter "
    "Takahashi Tamura Thorne Toivonen Torres Ulrich Valdez Varga Vasquez Vogel Wallace Weiss Whitlock Yilmaz "
    "Young Zamora Zeller Ziegler Achebe Bergstrom Cavanagh Dorsey Engel Faulkner Gutierrez Hollis Ionescu "
    "Juarez"
)
PLACES = _words(
    "Ashford,Bellhaven,Brookfield,Carrow,Castlemere,Cedar Falls,Clearwater,Corran,Dunmore,Eastbrook,Elmstead,"
    "Fairhollow,Farrowdale,Glenmoor,Greyport,Halden,Harrowgate,Highcliff,Holloway,Ironbridge,Juniper "
    "Bay,Kestrel,"
    "Kingsreach,Lakemont,Larchmere,Linwood,Lowfield,Marston,Meadowvale,Millbrook,Moorcastle,Northgate,Oakridge,"
    "Oldcastle,Pinecrest,Port Allard,Quarry Hill,Ravensholm,Redwater,Riverton,Rosemont,Saltmarsh,Sandbury,"
    "Silverlake,Southmoor,Stonebridge,Summerfield,Thornbury,Tidewater,Upton Vale,Westbrook,Whitby Cross,"
    "Willowmere,Winterhaven,Yarrow,Zenith Point,Amberley,Blackrock,Coldstream,Drayford,Emberton,Foxhall,"
    "Goldcrest,Hartwell", ",",
)
REGIONS = ("the northern province", "the coastal region", "the river valley", "the capital district",
           "the eastern highlands", "the southern plains", "the lake district", "the western counties")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

ROLES = (
    "a spokesperson for", "the director of", "a senior official at", "the chair of", "a lawyer for",
    "an economist at", "a board member of", "the deputy head of", "a researcher at", "the press officer of",
    "a former adviser to", "the treasurer of", "an analyst with", "the chief executive of",
    "a union steward at",
)
TOPICS: dict[str, dict[str, tuple[str, ...]]] = {
    "council": {
        "org": ("the {place} city council", "the {place} planning board", "the county commission",
                "the {place} housing authority", "the regional transit agency"),
        "thing": ("zoning plan", "housing levy", "bus network overhaul", "waterfront lease",
                  "parking ordinance",
                  "library expansion", "road repair bond", "rent stabilisation measure", "park renovation",
                  "school bus contract", "stormwater fee", "downtown bike lane", "property tax freeze"),
        "verb": ("approved", "rejected", "postponed a vote on", "amended", "scrapped", "fast-tracked",
                 "sent back for review", "narrowly passed"),
        "people": ("residents", "shop owners", "tenants", "commuters", "parents", "neighbourhood groups"),
        "detail": ("a packed public hearing", "a closed-door session", "three hours of testimony",
                   "a petition with thousands of signatures", "an emergency meeting", "a tied first ballot"),
    },
    "economy": {
        "org": ("the central bank", "the statistics office", "the finance ministry",
                "the {place} chamber of commerce",
                "the national retail federation", "the port authority of {place}"),
        "thing": ("interest rate", "inflation forecast", "export figures", "jobless rate", "budget deficit",
                  "wage agreement", "fuel subsidy", "housing starts", "consumer confidence index",
                  "manufacturing output", "bond auction", "sales tax plan", "pension reform"),
        "verb": ("raised", "cut", "revised", "held steady", "published", "warned about", "defended",
                 "unveiled"),
        "people": ("economists", "investors", "small businesses", "households", "exporters", "lenders"),
        "detail": ("a weaker currency", "slowing demand abroad", "higher energy bills", "a surge in imports",
                   "tighter credit", "a record harvest", "strikes at the docks"),
    },
    "court": {
        "org": ("the supreme court", "the {place} district court", "the appeals court",
                "the prosecutor's office",
                "the state bar association", "the ombudsman"),
        "thing": ("fraud case", "land dispute", "defamation suit", "extradition request", "bribery trial",
                  "custody appeal", "antitrust complaint", "privacy lawsuit", "election challenge",
                  "murder retrial", "pollution claim", "contract dispute"),
        "verb": ("dismissed", "upheld", "overturned", "adjourned", "reopened", "ruled on",
                 "heard arguments in",
                 "settled"),
        "people": ("defence lawyers", "prosecutors", "the plaintiffs", "witnesses", "jurors", "the families"),
        "detail": ("a sealed indictment", "new forensic evidence", "a surprise witness", "a procedural error",
                   "a split decision", "weeks of deliberation"),
    },
    "weather": {
        "org": ("the national weather service", "the {place} fire brigade", "the civil protection agency",
                "the flood control board", "the regional emergency office", "the coast guard"),
        "thing": ("storm warning", "flood alert", "heatwave advisory", "wildfire evacuation",
                  "snow emergency",
                  "drought plan", "hail damage survey", "river level forecast", "landslide risk map",
                  "power outage response", "water rationing order"),
        "verb": ("issued", "extended", "lifted", "upgraded", "downgraded", "announced", "coordinated",
                 "reviewed"),
        "people": ("farmers", "motorists", "fishermen", "hikers", "the elderly", "emergency crews"),
        "detail": ("gusts of more than 0 kilometres an hour", "rivers bursting their banks",
                   "closed mountain passes",
                   "record overnight temperatures", "downed power lines", "flooded basements"),
    },
    "sport": {
        "org": ("{place} United", "the {place} Rovers", "the national federation",
                "the {place} Athletic club",
                "the league's disciplinary panel", "the Olympic committee"),
        "thing": ("title race", "transfer deal", "coaching change", "stadium plan", "doping case",
                  "cup final",
                  "relegation battle", "season opener", "injury crisis", "youth academy",
                  "broadcast contract"),
        "verb": ("won", "lost", "confirmed", "appealed", "clinched", "completed", "postponed", "celebrated"),
        "people": ("supporters", "season ticket holders", "the players", "rival coaches", "pundits",
                   "the fans"),
        "detail": ("a late penalty", "a sold-out crowd", "extra time", "a red card", "a dramatic comeback",
                   "a waterlogged pitch"),
    },
    "health": {
        "org": ("the health ministry", "{place} General Hospital", "the medicines regulator",
                "the nurses' union",
                "the public health institute", "the {place} clinic network"),
        "thing": ("vaccination drive", "hospital merger", "waiting list", "drug shortage", "measles outbreak",
                  "screening programme", "ambulance contract", "mental health service", "staffing plan",
                  "food safety recall", "clinic closure"),
        "verb": ("launched", "suspended", "expanded", "investigated", "approved", "criticised", "funded",
                 "delayed"),
        "people": ("patients", "nurses", "family doctors", "pharmacists", "care home staff", "parents"),
        "detail": ("longer waiting times", "a shortage of beds", "new infection figures", "an internal audit",
                   "a whistleblower complaint", "emergency funding"),
    },
    "tech": {
        "org": ("the telecoms regulator", "the data protection authority", "{place} Digital",
                "the cyber agency",
                "the software firm Arclight", "the chipmaker Veridian"),
        "thing": ("data breach", "broadband rollout", "app ban", "chip factory", "outage report",
                  "privacy ruling", "satellite launch", "spectrum auction", "software update",
                  "ransomware attack",
                  "online safety code"),
        "verb": ("disclosed", "fined", "blocked", "announced", "delayed", "patched", "investigated",
                 "licensed"),
        "people": ("customers", "developers", "users", "security researchers", "engineers", "subscribers"),
        "detail": ("millions of exposed records", "a faulty update", "a leaked memo", "an encrypted backdoor",
                   "unpaid fines", "a botched launch"),
    },
    "transport": {
        "org": ("the national rail operator", "{place} airport", "the ferry company", "the roads agency",
                "the pilots' union", "the transport ministry"),
        "thing": ("rail strike", "runway expansion", "fare increase", "bridge closure", "timetable change",
                  "tunnel project", "ferry route", "toll plan", "train derailment", "airline merger",
                  "speed camera network"),
        "verb": ("announced", "cancelled", "suspended", "approved", "reopened", "delayed", "halted",
                 "reversed"),
        "people": ("passengers", "commuters", "hauliers", "cyclists", "taxi drivers", "travellers"),
        "detail": ("hours of delays", "a signal failure", "stranded passengers", "a safety inspection",
                   "rising fuel costs", "a walkout by staff"),
    },
    "environment": {
        "org": ("the environment agency", "the {place} water utility", "the forestry service",
                "the wildlife trust", "the energy regulator", "the {place} wind farm consortium"),
        "thing": ("emissions target", "river clean-up", "logging permit", "solar subsidy", "plastic ban",
                  "nature reserve", "coal plant closure", "recycling scheme", "fishing quota",
                  "pipeline route",
                  "air quality plan"),
        "verb": ("approved", "challenged", "unveiled", "abandoned", "tightened", "relaxed", "audited",
                 "funded"),
        "people": ("activists", "landowners", "anglers", "villagers", "scientists", "energy firms"),
        "detail": ("dead fish along the shore", "a toxic algae bloom", "an illegal dumping site",
                   "satellite images of clearing", "a court injunction", "a spike in pollution readings"),
    },
    "education": {
        "org": ("the education ministry", "the {place} school board", "the University of {place}",
                "the teachers' union", "the exam board", "the student council"),
        "thing": ("tuition fee rise", "school closure", "exam reform", "teacher pay deal",
                  "curriculum review",
                  "campus expansion", "grading scandal", "school meals plan", "scholarship fund",
                  "phone ban", "language policy"),
        "verb": ("announced", "scrapped", "approved", "delayed", "defended", "overhauled", "froze",
                 "extended"),
        "people": ("students", "teachers", "head teachers", "parents", "lecturers", "school governors"),
        "detail": ("falling enrolment", "a leaked exam paper", "overcrowded classrooms", "a budget shortfall",
                   "a boycott of lessons", "a legal challenge"),
    },
}
ADJECTIVES = _words(
    "new controversial long-awaited revised emergency disputed ambitious costly temporary sweeping "
    "scaled-back "
    "landmark interim expanded stalled proposed unpopular overdue modest bold fragile crowded remote rural "
    "urban "
    "coastal northern southern eastern western ageing modern cheaper safer slower faster quiet noisy vacant "
    "flooded derelict historic private public municipal regional federal national informal formal secret "
    "leaked "
    "unfinished cautious generous strict lenient hasty careful vague detailed confusing popular rival joint "
    "independent voluntary mandatory seasonal weekly annual rising falling stubborn volatile steady sudden "
    "gradual partial complete surprising unexpected familiar troubled wealthy struggling busy empty narrow "
    "wide "
    "underused overcrowded unsafe resilient costlier fragmented bitter lengthy brief heated polite tense "
    "dramatic routine unusual rare"
)
NOUNS = _words(
    "budget contract proposal inquiry deadline audit warehouse harbour bridge tunnel clinic library depot "
    "pipeline reservoir landfill quarry pier marina terminal substation mill factory bakery brewery shipyard "
    "orchard vineyard farm dairy greenhouse hostel shelter stadium arena gallery museum theatre cinema "
    "chapel "
    "cemetery courthouse prison barracks airfield runway motorway junction roundabout crossing footbridge "
    "viaduct canal lock dam levee seawall lighthouse harbourfront boardwalk promenade market arcade bazaar "
    "kiosk pharmacy laboratory campus dormitory nursery kindergarten playground skatepark allotment meadow "
    "woodland marsh estuary lagoon glacier ridge valley plateau summit cliff cove headland island peninsula "
    "loan grant subsidy levy tariff tax fine penalty refund bonus pension salary allowance voucher ticket "
    "permit licence patent trademark lease mortgage tender bid offer merger takeover buyout strike walkout "
    "boycott protest petition referendum ballot recount census survey poll study report review memo ledger "
    "archive database server network platform algorithm sensor camera drone satellite antenna cable turbine "
    "battery charger generator boiler furnace heater pump valve filter sewer drain gutter pothole kerb "
    "lamppost hydrant siren alarm barrier fence gate wall roof chimney basement attic warehouse garage"
)
VERBS = _words(
    "approved rejected postponed amended scrapped questioned praised criticised funded audited inspected "
    "delayed reopened closed expanded reduced doubled halved blocked challenged defended endorsed opposed "
    "reviewed revised published leaked disclosed concealed investigated dismissed upheld overturned settled "
    "negotiated signed cancelled suspended restored renamed relocated demolished renovated rebuilt insured "
    "sold bought leased valued priced taxed fined refunded subsidised monitored tested measured surveyed "
    "mapped flagged reported recorded documented described predicted estimated underestimated overlooked "
    "ignored welcomed resisted delivered promised withdrew abandoned revived launched unveiled paused "
    "accelerated streamlined simplified complicated tightened relaxed extended shortened"
)
BASE_VERBS = _words(
    "approve reject postpone amend scrap question praise fund audit inspect delay reopen close expand reduce "
    "block challenge defend endorse oppose review revise publish investigate settle negotiate sign cancel "
    "suspend restore relocate demolish renovate rebuild sell buy lease monitor test measure survey map "
    "report describe predict estimate overlook ignore welcome resist deliver abandon revive launch unveil "
    "pause accelerate simplify tighten relax extend shorten"
)
ADVERBS = _words(
    "quietly publicly abruptly finally narrowly reluctantly eagerly formally privately repeatedly briefly "
    "cautiously openly jointly partly fully temporarily permanently gradually suddenly swiftly slowly "
    "belatedly unanimously provisionally effectively largely mostly firmly angrily calmly"
)
TIMES = ("last week", "on {W}", "earlier this month", "in {M}", "before the summer recess", "late on {W}",
         "over the weekend", "this spring", "at the start of the year", "after the holidays",
         "by the end of {M}",
         "within days", "two years ago", "in the coming weeks", "since {M}", "overnight", "this morning")
CODENAMES = _words(
    "Harbor Street,Juniper,Northline,Blue Meadow,Kestrel,Saltworks,Copperfield,Granite,Old Mill,Lantern,"
    "Ridgeway,Cobalt,Tern Island,Foundry,Millrace,Beacon Hill,Orchard,Silver "
    "Birch,Quayside,Thistle,Longmarsh,"
    "Redfern,Ember,Halcyon,Pike Lane,Westgate,Ashgrove,Brindle,Calloway,Dovetail,Eastwick,Fernhill,Gullhaven,"
    "Hawthorn,Inkwell,Jasper,Kingfisher,Larkspur,Marigold,Nettlebed,Osprey,Pebblebrook,Quill,Rookery,"
    "Sandpiper,Tamarind,Umber,Vireo,Wickham,Yewdale", ",",
)
KINDS = ("site", "scheme", "deal", "report", "agreement", "project", "proposal", "plan", "contract", "review")
# Frames: upper-case slots are the story's cast ({A} organisation, {A2} a second one, {P}/{Q} people,
# {R}/{S} roles, {T} the matter, {G} the affected group, {D} a detail, {X}/{Y} story-specific names, {L}/{L2}
# places, {W} weekday, {M} month, {J} adjective of the matter, {V} its verb); lower-case slots draw anew each
# time from the story's own vocabulary ({a} adjective, {n} noun, {v} past verb, {b} base verb, {d} adverb,
# {t} time, {k} number), so that two stories share the frames' few fixed words, not their sentences.
LEDES = (
    "{A} {d} {V} the {J} {T} {t}, a decision that {G} in {L} had awaited for months.",
    "{A} {V} the {J} {T} {t}, ending weeks of uncertainty over the {X}.",
    "In a move that surprised {G}, {A} {V} the {T} {t} after {D}.",
    "{A} has {V} the {J} {T} following {D}, officials in {L} said {t}.",
    "The {J} {T} was {V} by {A} {t}, leaving {G} in {L} to weigh the cost of the {a} {n}.",
)
BODY = (
    "The {a} {n} affects about {k} {G}, according to figures {v} by {A}.",
    "{P}, {R} {A2}, said the {T} had been {v} {t} because of the {a} {n}.",
    "\u201cWe {v} the {n} {d}, and now the {a} {n} is on the table,\u201d said {P}, {R} {A2}.",
    "\u201cThe {X} cannot wait another {n},\u201d {Q} told reporters outside the {a} {n}.",
    "Critics argue that the {X} was {d} {v} and that {G} will pay for the {a} {n}.",
    "Supporters say the {a} {n} will save roughly {k} million over {k} years.",
    "The {n} was first {v} {t}, when {Q} was still {S} {A2}.",
    "{Q} declined to say whether the {Y} would be {v} before the {n} is {v}.",
    "Documents seen by this newspaper show {A} had {v} at least {k} {a} options for the {n}.",
    "At the heart of the dispute is the {Y}, which {G} {d} {v} {t}.",
    "Turnout was high, with {G} queuing outside the {a} {n} well before the doors opened.",
    "{P} said {A} would {b} the {a} {n} within {k} weeks.",
    "\u201cThis is about trust,\u201d {P} said. \u201cPeople in {L} deserve straight answers about the "
    "{Y}.\u201d",
    "The opposition called the {T} a distraction from the {a} {n} and {v} a new inquiry.",
    "A similar {n} was {v} in {L2} {t} after {D}.",
    "{k} people wrote to {A} about the {a} {n} {t}, officials said.",
    "{Q} described the outcome as \u201ca {a} victory for the {n}\u201d.",
    "According to {P}, the cost of the {X} has risen by {k} percent since the {a} {n} was {v}.",
    "The vote came after {D}, which {d} {v} the {a} timetable.",
    "Businesses in {L} warned that the {Y} could {b} the {a} {n} during the busy season.",
    "{A} said in a statement that it would {d} {b} the {X} despite the {a} {n}.",
    "Neither {P} nor {Q} responded to requests for comment about the {n} {t}.",
    "{G} in {L2} are watching the {a} {n} closely, {P} said.",
    "The next hearing on the {n} is set for {M} {k}, according to the {a} agenda.",
    "An independent review of the {n} found that the {Y} was \u201c{a} but {a}\u201d.",
    "{Q} said the figures showed the {a} {n} had been {v} from the start.",
    "Under the terms {v} {t}, {G} will be consulted before work on the {a} {n} begins.",
    "Some {G} said they were {d} {v} from the process, pointing to the {a} {n}.",
    "{P} rejected that, saying every meeting on the {X} had been {a}.",
    "The {J} {T} still needs the approval of {A2} before the {n} can be {v}.",
    "In {L}, where the {a} {n} has dominated local politics, reaction was {a}.",
    "\u201cWe will keep fighting for the {Y},\u201d said {Q}, who {d} {v} the campaign.",
    "Financial details of the {a} {n} were not disclosed, but {P} put it at {k} million.",
    "The announcement follows {D} {t}, which drew attention to the {a} {n} in {L}.",
    "Analysts said the {X} would test whether {A} can {b} its {a} {n}.",
    "{A2} is expected to {b} the {a} {n} by the end of {M}.",
    "Engineers {v} the {a} {n} near the {a} {n} {t}, {Q} said.",
    "The {a} {n} beside the {n} was {d} {v} {t}.",
    "{G} {d} {v} the {a} {n}, saying the {n} had been {v} for years.",
    "{P} {d} {v} the {n} and the {a} {n} in a letter to {A}.",
    "The {n} and the {n} were {v} {t} as part of the {J} {T}.",
    "Officials {v} the {a} {n} {t} and said the {n} would be {v} next.",
    "A {a} {n} in {L2} was {v} {t}, and a {a} {n} was {d} {v}.",
    "{Q} warned that the {a} {n} could {b} the {n} unless {A} {d} {v} the {Y}.",
    "Residents near the {a} {n} {d} {v} the plan {t}.",
    "The {X} was {d} {v} after the {a} {n} {v} the {n}.",
    "A {a} {n}, {v} {t}, showed the {n} was {a} and {a}.",
    "{R} {A}, {P}, {d} {v} the {a} {n} {t}.",
)
BACKGROUND = (
    "The dispute over the {X} dates back to {M} {k}, when {A} first {v} the {a} {n}.",
    "Since then, {G} in {L} have {d} {v} the {n}, and {Q} has become the face of the campaign against the "
    "{Y}.",
    "{A} has faced criticism over the {Y}, including from {S} {A2}, who {v} the {a} {n}.",
)
HEADLINES = (
    "{A} {V} {J} {T} in {L}",
    "{L}: {J} {T} {V} after {D}",
    "{T} {V} as {G} in {L} push back",
    "{X} at centre of row as {A} acts on {T}",
    "What the {T} decision means for {G} in {L}",
    "{A} {V} {T}; {Q} vows to fight on",
)
HEADLINE_REWRITES = (
    "{L} {T}: what we know so far", "Update: {A} and the {T}", "{G} react to {T} decision",
    "{T} news: {A} moves ahead", "Explainer: the {X} row in {L}", "{Q} responds to {T} move",
)
LOCAL_PADDING = (
    "Readers in {L2} told us the {a} {n} would change how they plan their week, with several saying they had "
    "not been consulted about the {T}.",
    "Our reporter in {L2} spoke to {G} at the weekly market, where the {T} and the {a} {n} were the main "
    "topic "
    "of conversation.",
    "Have you been affected by the {T}? Share your story with our newsroom through the contact page.",
    "This story has been updated with reaction from {G} in {L2} and a statement from {A2}.",
)
WIRES = (("AP", "(AP)"), ("Reuters", "(Reuters)"), ("AFP", "(AFP)"))
SYNONYMS = {
    "said": "says", "told": "informed", "rejected": "turned down", "expected": "set", "about": "around",
    "roughly": "about", "months": "weeks", "criticism": "criticisms", "approval": "backing",
    "people": "residents",
    "public": "open", "statement": "release", "decision": "ruling", "announced": "unveiled",
    "affects": "hits",
    "officials": "authorities", "described": "called", "warned": "cautioned", "high": "strong",
    "reporters": "journalists", "demanded": "called for", "alternatives": "options", "mixed": "divided",
    "repeated": "frequent", "formally": "officially", "closely": "carefully", "cost": "price",
}
MOJIBAKE = {"\u201c": "\u00e2\u20ac\u0153", "\u201d": "\u00e2\u20ac\ufffd", "\u2019": "\u00e2\u20ac\u2122",
            "\u2014": "\u00e2\u20ac\u201d", "\u00e9": "\u00c3\u00a9", "\u00fc": "\u00c3\u00bc"}

# Outlets: each has a domain, a header and footer it wraps every story in, and habits.
_OUTLET_WORDS = ("Herald", "Courier", "Gazette", "Observer", "Tribune", "Post", "Chronicle", "Ledger",
                 "Sentinel",
                 "Dispatch", "Record", "Examiner", "Journal", "Star", "Times", "Mercury", "Beacon", "Echo")
_HEADER_PARTS = (
    "Home | News | Local | Business | Sport | Opinion | Weather",
    "Subscribe now for unlimited access to the {name}.",
    "Breaking news alerts from the {name}: sign up in the app.",
    "Listen to this article",
    "This article is free to read for registered users of the {name}.",
)
_FOOTER_PARTS = (
    "Copyright {year} The {name}. All rights reserved. This material may not be published, broadcast, "
    "rewritten or redistributed without permission.",
    "Get the {name} morning briefing delivered to your inbox every weekday. Sign up with your email address "
    "and "
    "choose the newsletters that interest you; you can unsubscribe at any time from the link at the bottom "
    "of "
    "each message.",
    "We use cookies to personalise content and adverts, to provide social media features and to analyse our "
    "traffic. Read our privacy policy to learn how we handle your data and how you can change your settings.",
    "Related coverage: Council budget explained | Five things to know this week | Letters to the editor | "
    "Weekend weather outlook | Obituaries and notices",
    "Support independent local journalism. Our reporters cover the stories that matter to {region}, and "
    "readers like you make that possible. Become a member of the {name} from as little as a few coins a "
    "week.",
    "Comments on this story are closed. Please read our community guidelines before joining the discussion "
    "on "
    "other articles, and report any posts that break them to our moderators.",
    "The {name} is part of the {group} network of local titles. Contact the newsroom with tips and "
    "corrections.",
)
_GROUPS = ("Northern Press", "Meridian Media", "Coastline Publishing", "Harbour News Group",
           "Greenleaf Media")


class _Outlet:
    __slots__ = ("domain", "footer", "header", "keeps_dateline", "name", "slug", "teaser_rate")

    def __init__(self, rng: random.Random, index: int) -> None:
        place = PLACES[index % len(PLACES)]
        word = _OUTLET_WORDS[index % len(_OUTLET_WORDS)]
        self.name = f"{place} {word}"
        self.slug = (place + word).lower().replace(" ", "")
        self.domain = f"{self.slug}.{rng.choice(('com', 'net', 'co.uk', 'org', 'news'))}"
        region = rng.choice(REGIONS)
        fmt = {"name": self.name, "year": 2024, "region": region, "group": rng.choice(_GROUPS)}
        self.header = [part.format(**fmt) for part in rng.sample(_HEADER_PARTS, rng.randint(0, 3))]
        # A quarter of the outlets carry long footers: the template trap for short stories.
        footer_count = rng.choice((1, 1, 2, 2, 3, 5))
        self.footer = [part.format(**fmt) for part in rng.sample(_FOOTER_PARTS, footer_count)]
        self.keeps_dateline = rng.random() < 0.6
        self.teaser_rate = rng.choice((0.0, 0.0, 0.1, 0.3))


class _Story:
    __slots__ = ("background", "date", "headline", "paragraphs", "slots", "story_id", "topic", "wire")

    def __init__(self, story_id: str, topic: str, slots: dict[str, Any], headline: str, paragraphs: list[str],
                 background: list[str], day: date, wire: tuple[str, str] | None) -> None:
        self.story_id = story_id
        self.topic = topic
        self.slots = slots
        self.headline = headline
        self.paragraphs = paragraphs
        self.background = background
        self.date = day
        self.wire = wire


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _cast(rng: random.Random, topic: str, previous: _Story | None) -> dict[str, Any]:
    words = TOPICS[topic]
    place, other_place = rng.sample(PLACES, 2)
    slots: dict[str, Any] = {
        "L": place, "L2": other_place, "T": rng.choice(words["thing"]), "V": rng.choice(words["verb"]),
        "G": rng.choice(words["people"]), "D": rng.choice(words["detail"]), "J": rng.choice(ADJECTIVES),
        "P": _person(rng), "Q": _person(rng), "R": rng.choice(ROLES), "S": rng.choice(ROLES),
        "M": rng.choice(MONTHS), "W": rng.choice(WEEKDAYS),
        "X": f"{rng.choice(CODENAMES)} {rng.choice(words['thing'])}",
        "Y": f"{rng.choice(ADJECTIVES)} {rng.choice(CODENAMES)} {rng.choice(KINDS)}",
        # The story's own vocabulary, which the lower-case slots draw from.
        "a": rng.sample(ADJECTIVES, 10), "n": rng.sample(NOUNS, 16), "v": rng.sample(VERBS, 10),
        "b": rng.sample(BASE_VERBS, 6), "d": rng.sample(ADVERBS, 5), "t": rng.sample(TIMES, 5),
    }
    slots["A"] = rng.choice(words["org"]).format(place=place)
    slots["A2"] = rng.choice(words["org"]).format(place=other_place)
    if previous is not None:
        # A rival or follow-up story: same day, topic, place and organisation, one shared person and the
        # shared background; a different event, people and phrases otherwise.
        for key in ("L", "A", "X", "P"):
            slots[key] = previous.slots[key]
    return slots


def _compile(frame: str) -> tuple[tuple[str, str], ...]:
    """A frame as (literal, slot) pairs, parsed once so that filling is a join."""
    parts = []
    for chunk in frame.split("{"):
        if "}" in chunk:
            slot, literal = chunk.split("}", 1)
            parts.append(("", slot))
            if literal:
                parts.append((literal, ""))
        elif chunk:
            parts.append((chunk, ""))
    return tuple(parts)


_COMPILED: dict[str, tuple[tuple[str, str], ...]] = {}


def _fill(rng: random.Random, frame: str, slots: dict[str, Any]) -> str:
    parts = _COMPILED.get(frame)
    if parts is None:
        parts = _COMPILED[frame] = _compile(frame)
    out = []
    for literal, slot in parts:
        if not slot:
            out.append(literal)
        elif slot == "k":
            out.append(str(rng.randint(2, 950)))
        else:
            value = slots[slot]
            if isinstance(value, list):
                value = rng.choice(value)
                if "{" in value:
                    value = value.format(W=slots["W"], M=slots["M"])
            out.append(value)
    return "".join(out)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _new_story(rng: random.Random, serial: int, day: date, previous: _Story | None) -> _Story:
    topic = previous.topic if previous is not None else rng.choice(tuple(TOPICS))
    slots = _cast(rng, topic, previous)
    brief = rng.random() < 0.06
    paragraph_count = rng.randint(2, 4) if brief else rng.randint(10, 28)
    background = ([_capitalise(_fill(rng, frame, slots)) for frame in BACKGROUND] if previous is None
                  else previous.background)
    paragraphs = [_capitalise(_fill(rng, rng.choice(LEDES), slots))]
    for _ in range(paragraph_count - 1):
        take = rng.choice((1, 2, 2, 3))
        paragraphs.append(" ".join(_capitalise(_fill(rng, rng.choice(BODY), slots)) for _ in range(take)))
    if not brief:
        paragraphs.insert(rng.randint(3, 5), " ".join(background))
    headline = _capitalise(_fill(rng, rng.choice(HEADLINES), slots))
    wire = rng.choice(WIRES) if rng.random() < 0.5 else None
    return _Story(f"s{serial:07d}", topic, slots, headline, paragraphs, background, day, wire)


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 2)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == 1:
        return word[:i] + word[i + 1:]
    return word[:i] + word[i] + word[i:]


def _edit_words(rng: random.Random, paragraph: str, edits: int, typos: int) -> str:
    words = paragraph.split(" ")
    for _ in range(edits):
        i = rng.randrange(len(words))
        replacement = SYNONYMS.get(words[i])
        if replacement is not None:
            words[i] = replacement
        elif rng.random() < 0.5 and len(words) > 6:
            del words[i]
        else:
            words.insert(i, rng.choice(("also", "now", "still", "reportedly", "again", "however,")))
    for _ in range(typos):
        i = rng.randrange(len(words))
        words[i] = _typo(rng, words[i])
    return " ".join(words)


def _mojibake(text: str) -> str:
    for good, bad in MOJIBAKE.items():
        text = text.replace(good, bad)
    return text


def _republish(rng: random.Random, story: _Story, outlet: _Outlet, original: bool) -> tuple[str, str]:
    """(title, text) of one outlet's copy of the story."""
    paragraphs = list(story.paragraphs)
    title = story.headline
    if not original:
        n = len(paragraphs)
        if n > 4 and rng.random() < 0.5:
            drop = rng.randint(1, max(1, int(n * 0.4)))
            if rng.random() < 0.6:
                paragraphs = paragraphs[:n - drop]
            else:
                for _ in range(drop):
                    del paragraphs[rng.randrange(1, len(paragraphs))]
        if len(paragraphs) > 5 and rng.random() < 0.4:
            cut = len(paragraphs) * 2 // 3
            tail = paragraphs[cut:]
            rng.shuffle(tail)
            paragraphs[cut:] = tail
        if rng.random() < 0.5:
            title = _capitalise(_fill(rng, rng.choice(HEADLINE_REWRITES), story.slots))
        if rng.random() < 0.7:
            for _ in range(rng.randint(1, 4)):
                i = rng.randrange(len(paragraphs))
                paragraphs[i] = _edit_words(rng, paragraphs[i], rng.randint(1, 4), rng.randint(0, 2))
        if rng.random() < 0.25:
            where = rng.randint(1, len(paragraphs))
            paragraphs.insert(where, _fill(rng, rng.choice(LOCAL_PADDING), story.slots))
        if len(paragraphs) > 4 and rng.random() < outlet.teaser_rate:
            keep = max(2, int(len(paragraphs) * rng.uniform(0.35, 0.6)))
            paragraphs = paragraphs[:keep] + [f"Read more at {outlet.domain}"]
    if story.wire is not None and (original or outlet.keeps_dateline):
        city = story.slots["L"].upper()
        paragraphs[0] = f"{city} {story.wire[1]} \u2014 {paragraphs[0]}"
    body = "\n\n".join([*outlet.header, title, *paragraphs, *outlet.footer])
    if not original and rng.random() < 0.08:
        body = _mojibake(body)
    return title, body


def _copy_count(rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.45:
        return 1
    if roll < 0.75:
        return rng.randint(2, 3)
    if roll < 0.95:
        return rng.randint(4, 8)
    return rng.randint(9, 30)


OUTLET_COUNT = 48
BLOCK = 512


def generate(count: int, seed: int) -> Iterator[dict[str, Any]]:
    """`count` labeled records; the same (count, seed) always gives the same records in the same order."""
    rng = random.Random(seed)
    outlets = [_Outlet(rng, i) for i in range(OUTLET_COUNT)]
    start = date(2024, 1, 1)
    made = 0
    story_serial = 0
    previous: _Story | None = None
    pending: list[dict[str, Any]] = []
    while made < count:
        day = start + timedelta(days=story_serial // 120)
        related = previous if previous is not None and rng.random() < 0.25 else None
        story = _new_story(rng, story_serial, day, related)
        story_serial += 1
        previous = story
        copies = min(_copy_count(rng), count - made, len(outlets))
        for index, outlet in enumerate(rng.sample(outlets, copies)):
            title, text = _republish(rng, story, outlet, index == 0)
            published = story.date + timedelta(days=0 if index == 0 else rng.choice((0, 0, 1, 1, 2, 3)))
            serial = made * 0x9E3779B1 % (1 << 32)
            pending.append({
                "id": f"{outlet.slug}-{serial:08x}", "title": title, "text": text,
                "date": published.isoformat(), "domain": outlet.domain,
                "url": f"https://www.{outlet.domain}/{published.year}/{story.topic}/{serial:08x}",
                "story_id": story.story_id,
            })
            made += 1
        if len(pending) >= BLOCK:
            rng.shuffle(pending)
            yield from pending
            pending = []
    rng.shuffle(pending)
    yield from pending
