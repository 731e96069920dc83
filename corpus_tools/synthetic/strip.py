"""Labeled records for `corpus eval strip`: team-written stories wrapped in outlet boilerplate with known spans.

Each record carries `boilerplate_spans: [[start, end, category], ...]`, character offsets into `text` of
everything a perfect strip would remove; the rest is story. The set is built to be hard in the ways real
corpora are: outlets whose boilerplate no shipped rule knows (only learning can find it), stories
republished by other outlets, re-crawled, abridged or re-introduced (their paragraphs recur but must
stay), background paragraphs shared by a short series of stories, stock news sentences, and story
sentences that use the words boilerplate uses ("share prices", "by the end of", "subscribers").
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

Piece = tuple[str, str | None]
"""A piece of text and its boilerplate category, or None for story text."""
Line = list[Piece]
Paragraph = list[Line]

_SLOTS: dict[str, list[str]] = {
    "city": ["Ashford", "Millbrook", "Port Selwyn", "Greyhaven", "Lindenfield", "Carrow Bay", "Eastmoor",
             "Halden", "Riverton", "Oakhurst", "Westmere", "Brackenridge", "Stonebridge", "Kelso Falls",
             "Marlowe", "Fenwick", "Larchmont", "Dunmore", "Harrowgate", "Silverlake"],
    "region": ["the northern valley", "the coastal district", "the eastern plains", "the hill country",
               "the lake region", "the southern delta", "the river counties", "the high moors"],
    "person": ["Maria Okafor", "Daniel Whitcombe", "Priya Raman", "Tomasz Nowicki", "Helen Achterberg",
               "Samuel Otieno", "Claire Fontaine", "Jorge Valdivia", "Aiko Tanabe", "Brendan Mulgrew",
               "Fatima Haddad", "Olu Adeyemi", "Ingrid Solberg", "Rafael Moreno", "Grace Lindqvist",
               "Victor Azarov", "Nadia Rahimi", "Peter Vance", "Lucia Bertoni", "Ahmed Karimi"],
    "role": ["the mayor", "the council leader", "the regional governor", "the health minister",
             "the transport commissioner", "the school superintendent", "the police chief",
             "the union representative", "the chief executive", "the fire marshal"],
    "org": ["the city council", "the regional water board", "the port authority", "the teachers' union",
            "the transit agency", "the county health department", "the housing trust",
            "the chamber of commerce", "the environmental agency", "the district court"],
    "company": ["Helix Freight", "Bramble Foods", "Northgate Energy", "Copperline Telecom", "Vantor Steel",
                "Meridian Textiles", "Orchard Systems", "Tidewater Shipping", "Quarry Hill Cement",
                "Lumen Pharmaceuticals"],
    "month": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"],
    "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "team": ["Ashford Rovers", "Port Selwyn United", "Greyhaven Athletic", "Millbrook Town", "Eastmoor City",
             "Carrow Bay Wanderers"],
}

# Story sentences by topic. Slots in braces; {n}, {m} and {pct} are fresh numbers each time.
_TOPICS: dict[str, list[str]] = {
    "council": [
        "{org} voted {n} to {m} on {day} to approve a revised budget for the coming year.",
        "The plan sets aside money for road repairs, two new libraries and a larger fleet of buses.",
        "{person}, who chairs the finance committee, said the vote followed months of negotiation.",
        "Opponents argued that the budget relied on optimistic forecasts for property tax revenue.",
        "Residents packed the chamber for the hearing, and more than {n} people asked to speak.",
        "By the end of the session, {org} had also agreed to review parking fees in the old town.",
        "Several members said they would push for an independent audit of the housing programme.",
        "The previous budget was delayed by {n} weeks after a dispute over pension contributions.",
        "{role} called the agreement a fair compromise that protects essential services.",
        "A final reading is scheduled for {month}, when amendments can still be proposed.",
        "Business owners in {city} welcomed the decision to freeze the commercial rate.",
        "Critics noted that spending on parks would fall by {pct} percent under the new plan.",
        "Subscribers to the municipal bus pass will pay {n} cents more per month from {month}.",
        "The council's own analysts had warned of a shortfall of about {n} million in the reserve fund.",
    ],
    "storm": [
        "A powerful storm swept across {region} on {day}, toppling trees and cutting power to thousands of homes.",
        "Emergency crews in {city} worked through the night to clear roads blocked by debris.",
        "By the end of the day, about {n} residents had been moved to temporary shelters.",
        "{role} urged people to stay indoors until the wind had eased.",
        "Forecasters said gusts reached {n} kilometres per hour near the coast.",
        "The utility company said it expected to restore electricity to most customers within {m} days.",
        "Schools in {city} remained closed while engineers inspected damaged buildings.",
        "Farmers in {region} reported flooded fields and losses among livestock.",
        "{person}, a shop owner on the harbour front, said the water rose faster than anyone expected.",
        "Insurance adjusters began arriving in the area to assess the damage.",
        "It was the strongest storm to hit {region} since records began, the weather service said.",
        "Volunteers handed out blankets and hot meals at the community hall.",
        "Rail services between {city} and the capital were suspended for {n} hours.",
    ],
    "business": [
        "{company} reported a quarterly profit of {n} million, up {pct} percent from a year earlier.",
        "Share prices at {company} rose sharply in early trading after the results were published.",
        "The company said demand had recovered faster than expected in its overseas markets.",
        "{person}, the chief financial officer, told analysts that costs would remain under pressure.",
        "Analysts had expected weaker figures because of higher energy prices.",
        "The firm plans to open a new plant near {city} that would employ about {n} people.",
        "Unions welcomed the investment but asked for guarantees on working conditions.",
        "{company} also confirmed it was in talks to buy a smaller rival, without naming a price.",
        "Revenue from its services division grew for the {m}th consecutive quarter.",
        "The board proposed a dividend of {n} cents per share, to be paid in {month}.",
        "Competitors have struggled with supply shortages that {company} largely avoided.",
        "Some investors questioned whether the growth could last into next year.",
        "Copyright disputes over its software licences cost the company {n} million last year.",
    ],
    "court": [
        "{org} ruled on {day} that the contract awarded to {company} had been granted unlawfully.",
        "The judge found that the tender process had not been properly advertised.",
        "Lawyers for {company} said they would study the decision before deciding whether to appeal.",
        "The case was brought by a group of residents from {city} who opposed the project.",
        "{person}, who represented the residents, called the ruling a victory for open government.",
        "The court gave the authorities {n} days to reopen the tender.",
        "Sources close to the case said an appeal was likely to be filed before {month}.",
        "The project, a new ring road around {city}, had been expected to cost {n} million.",
        "Construction work, which began in {month}, will now be halted.",
        "Legal experts said the ruling could affect several other contracts signed in recent years.",
        "The hearing lasted {m} days and drew dozens of spectators.",
        "Follow-up hearings on the question of damages are expected later in the year.",
    ],
    "health": [
        "Health officials in {city} reported {n} new cases of measles over the past week.",
        "{org} said most of the patients were children who had not been vaccinated.",
        "Clinics in {region} will extend their opening hours to offer more vaccinations.",
        "{person}, a paediatrician at the regional hospital, said the outbreak was preventable.",
        "Parents were asked to check their children's vaccination records.",
        "The number of cases is the highest recorded in the area for {m} years.",
        "Schools have been asked to inform families if a case is confirmed among pupils.",
        "{role} said extra staff would be sent to the worst affected districts.",
        "A mobile vaccination unit will visit villages in {region} from {month}.",
        "Doctors said early symptoms include fever, a cough and a rash.",
        "The hospital has opened a separate entrance for patients with suspected infections.",
        "Officials said they would publish updated figures every {day}.",
    ],
    "sport": [
        "{team} beat their local rivals {m}-{n} on {day} to move to the top of the table.",
        "The winning goal came in the final minutes after a long spell of pressure.",
        "{person}, the team's captain, said the victory belonged to the supporters.",
        "The visitors had taken the lead early in the second half.",
        "More than {n} fans filled the stadium in {city} for the match.",
        "The manager praised his defence, which has conceded only {m} goals this season.",
        "Injuries have left the squad short of midfielders for the coming weeks.",
        "The club said ticket sales for the next home game had already passed {n}.",
        "Both teams were cautioned after a scuffle near the touchline.",
        "The result leaves the rivals {m} points behind with {n} games remaining.",
        "Local businesses reported a busy evening as fans celebrated in the town centre.",
    ],
    "transport": [
        "{org} announced on {day} that fares on regional trains will rise by {pct} percent.",
        "The increase will take effect in {month} and apply to single and return tickets.",
        "Commuters from {city} said the service had become less reliable over the past year.",
        "{person}, who leads a passenger group, said higher fares must bring better trains.",
        "The operator blamed rising costs for fuel, staff and maintenance.",
        "A new timetable will add {n} extra services at peak times.",
        "Some routes through {region} will be replaced by buses on weekends during engineering work.",
        "{role} said the government would review the subsidy paid to the operator.",
        "Passenger numbers have recovered to about {pct} percent of their former level.",
        "Season ticket holders will be offered a discount if delays exceed {m} minutes.",
        "Cyclists welcomed plans to double the number of bike spaces on each train.",
    ],
    "environment": [
        "Scientists recorded the lowest water levels in {region} for more than {n} years.",
        "{org} warned that restrictions on irrigation could follow if the dry spell continued.",
        "Farmers said crops had already been damaged by weeks without rain.",
        "{person}, a hydrologist at the university, said the reservoirs were at {pct} percent of capacity.",
        "Residents of {city} were asked to limit the use of garden hoses.",
        "The fishing season on the river was suspended to protect spawning grounds.",
        "Environmental groups called for long-term investment in water storage.",
        "{role} said emergency supplies would be trucked to villages that rely on wells.",
        "Wildfire crews have been placed on alert across the area.",
        "The last comparable drought, in the {m}0s, led to rationing that lasted a whole summer.",
        "Donations to the regional food bank have fallen as farm incomes dropped, its director said.",
    ],
}

_HEADLINES: dict[str, list[str]] = {
    "council": ["Council Approves Budget After Long Night in {city}", "{city} Budget Vote Splits Council"],
    "storm": ["Storm Cuts Power Across {region}", "Thousands Evacuated as Storm Hits {city}"],
    "business": ["{company} Profit Beats Forecasts", "{company} Plans New Plant Near {city}"],
    "court": ["Court Halts Ring Road Contract in {city}", "Judge Rules Against {company} Tender"],
    "health": ["Measles Cases Rise in {city}", "Vaccination Drive Extended Across {region}"],
    "sport": ["{team} Go Top After Derby Win", "Late Goal Settles Derby in {city}"],
    "transport": ["Regional Train Fares to Rise", "Commuters in {city} Face Higher Fares"],
    "environment": ["Drought Grips {region}", "Water Restrictions Loom in {city}"],
}

# Standalone stock paragraphs that real stories repeat; they are story text and must stay.
_STOCK = [
    "The company did not respond to a request for comment.",
    "Police said the investigation was continuing.",
    "Officials did not say when a decision would be made.",
    "No one was injured, according to the authorities.",
    "The ministry declined to comment on the report.",
    "Further details were not immediately available.",
]

_SUBHEADINGS = ["What happens next", "A long road ahead", "Questions remain", "The wider picture",
                "Reaction from residents", "Looking back"]

_AUTHORS = ["Jane Marlow", "Tom Ashby", "Rhea Castellan", "Owen Pryce", "Mina Solis", "Karl Brandt",
            "Lena Hofer", "Dev Anand Rao", "Sofia Lind", "Paul Okoro"]


@dataclass
class Story:
    """A story's paragraphs (each a list of sentences), its headline, and the stock paragraph it may end on."""

    headline: str
    paragraphs: list[list[str]]
    ident: int


@dataclass
class Context:
    """What outlet boilerplate may mention: the outlet, the author, the date."""

    rng: random.Random
    outlet: Outlet
    author: str
    date: tuple[int, int, int]
    story: Story

    @property
    def long_date(self) -> str:
        year, month, day = self.date
        return f"{_SLOTS['month'][month - 1]} {day}, {year}"


Make = Callable[[Context], list[Line]]
"""Boilerplate maker: the lines of one boilerplate paragraph (each line a list of pieces)."""


@dataclass
class Outlet:
    name: str
    domain: str | None
    header: list[Make] = field(default_factory=list)
    footer: list[tuple[float, Make]] = field(default_factory=list)
    inline: list[tuple[float, str, str]] = field(default_factory=list)
    """(probability, sentence, category): a call to action appended to a story paragraph."""
    between: list[tuple[float, str, str]] = field(default_factory=list)
    """(probability, line, category): a line placed between two story paragraphs."""
    headline_in_text: bool = False
    weight: float = 1.0


def _one(text: str, category: str) -> Make:
    return lambda ctx: [[(text, category)]]


def _fmt(template: str, category: str) -> Make:
    return lambda ctx: [[(template.format(outlet=ctx.outlet.name, author=ctx.author, date=ctx.long_date,
                                          year=ctx.date[0]), category)]]


def _lines(*parts: tuple[str, str]) -> Make:
    return lambda ctx: [[(text.format(outlet=ctx.outlet.name, author=ctx.author, date=ctx.long_date,
                                      year=ctx.date[0]), category)] for text, category in parts]


def _related(ctx: Context) -> list[Line]:
    headlines = ctx.rng.sample([h for hs in _HEADLINES.values() for h in hs], 3)
    filled = [_fill(h, ctx.rng, _entities(ctx.rng)) for h in headlines]
    lines: list[Line] = [[("Related Articles", "related")]]
    return lines + [[(h, "related")] for h in filled]


def _outlets() -> list[Outlet]:
    """The outlets of the set. The first five wear boilerplate the shipped rules know; the Lantern,
    Granite, Old Mill and Bytown outlets wear their own, which only learning can find."""
    return [
        Outlet("Harbor Ledger", "harborledger.example", weight=1.2,
               header=[_fmt("By {author}", "byline"), _fmt("Published {date}", "byline")],
               footer=[(1.0, _fmt("© {year} Harbor Ledger Media. All rights reserved.", "copyright")),
                       (0.7, _one("Sign up for our morning newsletter to get the day's top stories in your inbox.",
                                  "newsletter"))]),
        Outlet("Northwind Daily", "northwind.example", headline_in_text=True,
               header=[_fmt("By {author}", "byline"), _fmt("Northwind Daily, {date}", "byline"),
                       _one("Topics: Regional News, Politics", "taxonomy")],
               footer=[(1.0, _lines(("The original source of this article is Northwind Daily", "source"),
                                    ("Copyright © {author}, Northwind Daily, {year}", "copyright"))),
                       (0.8, _one("Comment on Northwind Daily articles on our Facebook page", "comments")),
                       (0.6, _related)]),
        Outlet("Prairie Voice", "prairievoice.example",
               header=[_fmt("Posted on {date} by {author}", "byline")],
               footer=[(0.9, _one("If you value what we do, please support our newsroom. Every gift helps: "
                                  "PayPal: desk@prairievoice.example or https://www.patreon.com/prairievoice",
                                  "donation")),
                       (0.8, _one("Featured image is from the Prairie Voice archive.", "credit")),
                       (0.5, _one("Follow us on Twitter and Facebook for live updates.", "share"))]),
        Outlet("Coastal Courier", "coastalcourier.example",
               inline=[(0.5, "Click here to see our interactive map of the affected area.", "cta"),
                       (0.3, "Related Videos", "related")],
               between=[(0.4, "Advertisement", "ad")],
               footer=[(0.7, _one("This article originally appeared on Coastal Courier.", "source")),
                       (0.6, _one("Share this article:", "share"))]),
        Outlet("Metro Pulse", "metropulse.example", weight=0.8,
               between=[(0.5, "Story continues below advertisement", "ad")],
               footer=[(0.8, _fmt("Jane Doe is a freelance writer who covers {outlet} stories for regional papers.",
                                  "bio")),
                       (0.9, _one("Terms of Use | Privacy Policy | Contact Us", "widget"))]),
        Outlet("Lantern Radio", "lanternradio.example",
               header=[_one("Lantern Radio · the valley's voice since 1962", "promo")],
               footer=[(1.0, _one("Lantern Radio brings you the valley's stories every weekday at dawn.", "promo")),
                       (0.9, _one("Tips and letters reach the newsroom through the red mailbox on Mill Street.",
                                  "contact")),
                       (0.5, _one("Our reporters travel the river roads so that you do not have to.", "promo"))]),
        Outlet("Granite Gazette", "granitegazette.example",
               footer=[(1.0, _one("The Granite Gazette is owned by its readers and answers to no one else.",
                                  "promo")),
                       (0.4, _lines(("The Gazette's annual almanac for {year} is now at the front desk.", "promo"),
                                    ("It lists every tide, festival and council meeting of the coming year.",
                                     "promo"),
                                    ("Readers who bring an old copy receive a new one at half the cover price.",
                                     "promo")))]),
        Outlet("Old Mill Review", "oldmillreview.example", weight=0.8,
               header=[_one("Old Mill Review | Weekly notes from the mill towns", "promo")],
               footer=[(0.6, _lines(("The Review's field guide to the river birds returns this spring in a second "
                                     "edition.", "promo"),
                                    ("Its pages follow herons, kingfishers and dippers through a whole year on the "
                                     "water.", "promo"),
                                    ("Copies wait for you at the Review office on Tannery Lane.", "promo"))),
                       (0.8, _one("Letters to the editor are welcome and are printed every Thursday.", "comments"))]),
        Outlet("Bytown Bulletin", "bytownbulletin.example",
               header=[_fmt("By {author}", "byline")],
               footer=[(1.0, _one("Bytown Bulletin readers fund this work one subscription at a time.", "donation")),
                       (0.7, _one("Sign up for our morning newsletter.", "newsletter"))]),
        Outlet("Wire Desk", "wiredesk.example", weight=1.2,
               footer=[(0.9, _fmt("(Reporting by {author}; Editing by Sam Hale)", "credit"))]),
        Outlet("Valley Notes", None, weight=0.6,
               footer=[(1.0, _one("Valley Notes is written by volunteers and printed on recycled paper.", "promo")),
                       (0.6, _one("Find Valley Notes at every library in the county.", "promo"))]),
        Outlet("Plain Text Wire", None, weight=0.6),
    ]


def _entities(rng: random.Random) -> dict[str, str]:
    return {name: rng.choice(values) for name, values in _SLOTS.items()}


def _fill(template: str, rng: random.Random, entities: dict[str, str]) -> str:
    numbers = {"n": str(rng.randint(3, 950)), "m": str(rng.randint(2, 9)), "pct": str(rng.randint(2, 40))}
    filled = template.format(**entities, **numbers)
    return filled[0].upper() + filled[1:]


def _new_story(rng: random.Random, ident: int, paragraphs: int | None = None) -> Story:
    topic = rng.choice(sorted(_TOPICS))
    entities = _entities(rng)
    bank = _TOPICS[topic][:]
    rng.shuffle(bank)
    count = paragraphs or rng.randint(4, 8)
    body: list[list[str]] = []
    while len(body) < count:
        if not bank:
            bank = _TOPICS[topic][:]
            rng.shuffle(bank)
        size = min(rng.choice((1, 2, 2, 3)), len(bank))
        body.append([_fill(bank.pop(), rng, entities) for _ in range(size)])
    if rng.random() < 0.15:
        body.insert(rng.randint(2, len(body)), [rng.choice(_SUBHEADINGS)])
    if rng.random() < 0.35:
        body.insert(rng.randint(len(body) - 1, len(body)), [rng.choice(_STOCK)])
    return Story(_fill(rng.choice(_HEADLINES[topic]), rng, entities), body, ident)


def _variant(rng: random.Random, story: Story) -> Story:
    """A republished copy: whole, abridged, or with a new opening paragraph."""
    paragraphs = [p[:] for p in story.paragraphs]
    roll = rng.random()
    if roll < 0.3 and len(paragraphs) > 3:
        paragraphs = paragraphs[: rng.randint(3, len(paragraphs) - 1)]
    elif roll < 0.5:
        entities = _entities(rng)
        paragraphs[0] = [_fill("{person} reported from {city} for this edition.", rng, entities)] + paragraphs[0]
    return Story(story.headline, paragraphs, story.ident)


class _Builder:
    """Joins pieces into a text and records the offsets of the boilerplate pieces."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[list[Any]] = []

    def add(self, text: str, category: str | None) -> None:
        if category is not None and text:
            if self.spans and self.spans[-1][1] == self.length and self.spans[-1][2] == category:
                self.spans[-1][1] = self.length + len(text)
            else:
                self.spans.append([self.length, self.length + len(text), category])
        self.parts.append(text)
        self.length += len(text)

    def separator(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def paragraphs(self, paragraphs: list[Paragraph]) -> None:
        for p_index, paragraph in enumerate(paragraphs):
            if p_index:
                self.separator("\n\n")
            for l_index, line in enumerate(paragraph):
                if l_index:
                    self.separator("\n")
                for i_index, (text, category) in enumerate(line):
                    if i_index:
                        self.separator(" ")
                    self.add(text, category)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _record(rng: random.Random, index: int, outlet: Outlet, story: Story) -> dict[str, Any]:
    author = rng.choice(_AUTHORS)
    date = (rng.randint(2015, 2019), rng.randint(1, 12), rng.randint(1, 28))
    ctx = Context(rng, outlet, author, date, story)
    paragraphs: list[Paragraph] = []
    if outlet.headline_in_text:
        paragraphs.append([[(story.headline, "headline")]])
    paragraphs.extend(make(ctx) for make in outlet.header)
    body: list[Paragraph] = [[[(sentence, None) for sentence in sentences]] for sentences in story.paragraphs]
    for probability, sentence, category in outlet.inline:
        if rng.random() < probability:
            target = rng.choice([p for p in body if not _is_heading(p)] or body)
            target[-1].append((sentence, category))
    for probability, line, category in outlet.between:
        if rng.random() < probability and len(body) > 2:
            body.insert(rng.randint(1, len(body) - 1), [[(line, category)]])
    paragraphs.extend(body)
    paragraphs.extend(make(ctx) for probability, make in outlet.footer if rng.random() < probability)
    builder = _Builder()
    builder.paragraphs(paragraphs)
    record: dict[str, Any] = {"id": f"strip-{index:06d}"}
    if outlet.domain:
        record["domain"] = outlet.domain
    if not outlet.headline_in_text and rng.random() < 0.7:
        record["title"] = story.headline
    record["text"] = builder.text
    record["story"] = story.ident
    record["boilerplate_spans"] = builder.spans
    return record


def _is_heading(paragraph: Paragraph) -> bool:
    return len(paragraph) == 1 and len(paragraph[0]) == 1 and not paragraph[0][0][0].endswith(".")


def generate(count: int, seed: int) -> Iterator[dict[str, Any]]:
    """`count` labeled records. About a fifth are republished copies of earlier stories: on another outlet
    (syndication, sometimes abridged or re-introduced), or again on the same one (a re-crawl)."""
    rng = random.Random(seed)
    outlets = _outlets()
    weights = [o.weight for o in outlets]
    published: list[tuple[Story, Outlet]] = []
    for index in range(count):
        outlet = rng.choices(outlets, weights)[0]
        if published and rng.random() < 0.2:
            original, home = rng.choice(published[-200:])
            if rng.random() < 0.2:
                outlet = home
            story = _variant(rng, original)
        elif published and rng.random() < 0.05:
            original, home = rng.choice(published[-50:])
            outlet = home
            story = _new_story(rng, index)
            story.paragraphs.insert(1, original.paragraphs[-1][:])  # a series re-uses its background paragraph
        else:
            story = _new_story(rng, index)
        published.append((story, outlet))
        yield _record(rng, index, outlet, story)


def news_records(count: int, seed: int, words: int = 700) -> Iterator[dict[str, Any]]:
    """News-length records (about `words` words of story each) in the same outlets, for speed measurements."""
    rng = random.Random(seed)
    outlets = _outlets()
    for index in range(count):
        story = _new_story(rng, index, paragraphs=max(2, words // 27))
        yield _record(rng, index, rng.choice(outlets), story)
