"""Boilerplate inside a line: a wire dateline before the first sentence, a credit glued to the last one,
the attribution line of an embedded post between two sentences of a story.

Rules remove whole units (paragraphs, lines, sentences); these pieces share a unit with story text, often
glued without a space ("... on our way.Featured image via X"). Each finder here looks for one kind by its
form, not its wording: a place in capitals and an agency in brackets before a dash; an image word and
"via"/"by"/":" at the very end of a line; a handle in brackets followed by a date. Only the matched piece
goes, so a wrong guess costs a few words, never a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from corpus_tools.boilerplate import segment
from corpus_tools.boilerplate.rules import builtin_defines

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t|tember)?|"
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE = rf"{_MONTH} \d{{1,2}},? \d{{4}}"
_DAY_FIRST_DATE = rf"(?:{_DATE}|\d{{1,2}} {_MONTH},? \d{{4}})"
"""A date as the US writes it, or with the day first as a post's attribution in British English has it ("11 March
2016")."""
_REGION = r"[A-Z][A-Za-z.]+(?: (?:of )?[A-Z][A-Za-z.]+){0,3}"
"""A state, province or country in mixed case after a place: "Fla.", "Texas", "Democratic Republic of Congo"."""
_ONE_PLACE = rf"[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]*)*(?:, {_REGION})?"
_PLACE = rf"{_ONE_PLACE}(?:/{_ONE_PLACE})*"
"""A place in capitals, its words joined by spaces or hyphens ("WILKES-BARRE"), with its region, or two places a
story was filed from, joined by a slash ("HARBOUR CITY/PORT ELLEN", "AUSTIN, Texas/WASHINGTON"). A hyphen is only
ever a joint and a slash only ever a separator, so a long run of capitals has one reading, not exponentially many."""

_TOWN_NAME = r"[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}"
_WEEKDAY_NAME = r"(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN|Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)(?:DAY|day)"
"""A weekday written out, in capitals as a health wire's dateline has it ("WEDNESDAY, Jan. 5, 2011 (Example News)
-- ")."""
_PLACE_AND_STATE = r"[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]*)*, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?"
"""A place in capitals and its state or country: "HARBOUR CITY, OREGON"; with that comma a single hyphen ends a
dateline, which after a word in capitals alone ("UPDATE - ") it does not."""
_WIRE = r"(?:CNN|AP|AFP|UPI|BBC|ABC|CBS|NBC|MSNBC|AAP|PTI|ANI|IANS|EFE|ANSA|TASS|DPA|dpa|CNA|RNS|JTA|RT|Sputnik)"
"""Wire services and broadcasters whose dateline may lack the dash: "(CNN) The council ...". A bracketed capital
word that is not one of them is more often a company's ticker ("Acme (ACME) Chief Executive ...")."""
_TOWN = rf"{_TOWN_NAME}, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?"
OUTLET_LAST_WORDS = frozenset({
    "News", "NEWS", "Post", "POST", "Times", "TIMES", "Journal", "Daily", "Caller", "Beacon", "Herald", "Tribune",
    "Examiner", "Wire", "Report", "Review", "Thinker", "Insider", "Magazine", "Online", "Hill", "Hedge", "Mail", "Star",
    "Observer", "Guardian", "Telegraph", "Independent", "Express", "Standard", "Gazette", "Press", "Radio", "TV",
    "Network", "Media", "Today", "Weekly", "Monitor", "Chronicle", "Record", "Reporter", "Sentinel", "Bulletin",
    "Dispatch", "Courier", "Register", "Blaze", "Federalist", "Breitbart", "Politico"})
"""Words an outlet's name ends on: a news word ("Daily Mail", "The Hill", "Zero Hedge") or a name that is a word
of its own ("Breitbart")."""
_OUTLET_WORD = f"(?:{'|'.join(sorted(OUTLET_LAST_WORDS))})"
DATELINE = re.compile(rf"(?:{_PLACE},? ?)?\([A-Z][A-Za-z.&]{{1,15}}(?: [A-Z][A-Za-z.&]+){{0,3}}\) ?[-–—\ufffd]{{1,2}} ?"
                      r"(?=\S)"
                      rf"|{_PLACE} \(\) ?[-–—]{{1,2}} ?(?=\S)"
                      rf"|{_PLACE},? {_DATE} ?(?:/[A-Za-z ]{{2,30}}/ ?)?[-–—]{{1,2}} ?(?=\S)"
                      rf"|{_PLACE} ?[—–―\ufffd]{{1,2}} ?(?=[A-Z\"“‘'])|{_PLACE} ?-- ?(?=[A-Z\"“‘'])"
                      r"|[A-Z][A-Z.'’]+(?: [A-Z][A-Z.'’]+){1,2} - (?=[A-Z][a-z])"
                      r"|[A-Z][a-z]+(?: [A-Z][a-z]+)? [–—]{1,2} (?!(?:I|We|You|My|Our|It)\b)"
                      r"(?=(?:[A-Z][\w'’.-]*,? ){1,4}[a-z])"
                      r"|\([A-Z][A-Z.'’]+(?: [A-Z][A-Z.'’]+)*, [A-Z][A-Za-z.]+\) (?=[A-Z])"
                      rf"|\((?:[A-Z][\w'’.-]* ){{1,3}}{_OUTLET_WORD}\) (?=[A-Z])"
                      rf"|(?:{_PLACE}|{_TOWN_NAME}) \((?:{_WIRE}|Reuters)\): (?=[A-Z])"
                      r"|\((?:[A-Z][a-z]{2,}){2,3}\) (?=[A-Z])"
                      rf"|(?:{_TOWN}|{_PLACE}) ?[-–—]*\([A-Z][\w-]{{1,30}}\.(?:com|org|net|news)\) ?[-–—]{{1,2}} ?"
                      r"(?=\S)"
                      rf"|{_TOWN_NAME}, {_DATE}(?: / \d{{1,2}}:\d{{2}} ?[ap]\.?m\.?)? "
                      r"\([A-Z][\w/.& -]{1,40}\)\.?[-–—]{1,2} ?(?=\S)"
                      rf"|(?:(?:{_PLACE}|{_TOWN_NAME}(?:, [A-Z][A-Za-z.]+)?),? (?:[–—]{{1,2}} )?)?"
                      rf"\({_WIRE}\) ?(?=[A-Z\"“‘])"
                      rf"|{_PLACE_AND_STATE} ?[-–—]{{1,2}}(?: (?=[A-Z\"“‘])|$)|{_TOWN_NAME}, [A-Z]{{2}} \| (?=[A-Z])"
                      rf"|{_DATE} ?-- ?(?=[A-Z\"“‘])"
                      rf"|{_TOWN_NAME}, [A-Z]{{2}}(?:, {_MONTH} \d{{1,2}})? ?[-–—]{{1,2}} (?=[A-Z\"“‘])"
                      rf"|(?:(?:{_PLACE}|{_TOWN_NAME}) )?\([A-Z][A-Za-z.&]{{1,15}}\) ?[-–—]{{1,2}}$"
                      rf"|(?:(?:{_PLACE}|{_TOWN_NAME}) )?{_WIRE} ?[-–—]{{1,2}}(?: (?=[A-Z\"“‘])|$)"
                      rf"|{_TOWN_NAME} \([a-z]{{2,8}}\) ?[-–—]{{1,2}} ?(?=[A-Z\"“‘])"
                      rf"|(?:(?:{_PLACE}(?:, [A-Z][a-z]+)?|{_TOWN_NAME}(?: [A-Z]{{2}})?),? )?"
                      rf"(?:(?:{_DATE}|\d{{1,2}} {_MONTH},? \d{{4}}) )?[-–—]*(?: ?-)?"
                      r"\([A-Z][\w-]{1,30}\.(?:com|org|net|news)\) ?[-–—]{1,2} ?(?=\S)"
                      rf"|{_PLACE},? {_MONTH} \d{{1,2}}\.? ?[-–—]{{1,2}} ?(?=[A-Z\"“‘])"
                      rf"|{_TOWN} ?[–—]{{1,2}} (?=[A-Z\"“‘])"
                      rf"|(?:{_PLACE},? )?{_MONTH} \d{{1,2}},? \((?:{_WIRE}|Reuters)\) ?[-–—]{{1,2}} ?(?=\S)"
                      rf"|(?!By ){_TOWN_NAME}(?:-(?:[a-z]{{2,5}}-)*[A-Z][a-z]+)?"
                      rf"(?: \([A-Z][a-z]+(?: [A-Z][a-z]+){{0,2}}\))? \((?:{_WIRE}|Reuters)\) ?[-–—]{{1,2}} ?"
                      r"(?=[A-Z\"“‘])"
                      rf"|{_WEEKDAY_NAME}, {_MONTH} \d{{1,2}}(?:, \d{{4}})? "
                      r"\([A-Z][A-Za-z.&]{1,15}(?: [A-Z][A-Za-z.&]+){0,3}\) ?[-–—]{1,2} ?(?=\S)"
                      rf"|{_DATE} \({_TOWN_NAME}(?:, [A-Z][A-Za-z.]+)?\) ?[-–—]{{1,2}} ?(?=[A-Z\"“‘])"
                      rf"|(?:Newswise|NEWSWISE) ?[-–—―] ?(?:{_PLACE} ?[-–—―] ?)?(?=[A-Z\"“‘])"
                      rf"|{_PLACE},? \([A-Z]{{3,5}}\d{{0,2}}-(?:TV|FM|AM|DT)\) ?[-–—]{{1,2}} ?(?=[A-Z\"“‘])")
"""A wire dateline: "WASHINGTON (Reuters) - ", "AUSTIN, Texas (AP) — ", "AUSTIN, Texas/WASHINGTON (Reuters) - ", "NEW
YORK(Reuters) - " and "LONDON, (Reuters) - " as copy-editing slips leave them, "Neuilly-sur-Seine (France) (AFP) - "
with its country in brackets, a place and a replacement character where a text lost its dash to a bad encoding,
"WASHINGTON () - " where a scrape lost the agency, "(Reuters) - ", "(Example Daily News) —", "VANCOUVER—",
"WASHINGTON ― " (a horizontal bar for the dash), "Orlando (CNN) ", "Fairfax, VA — (RT) " where a site reposts a
broadcaster's story, "(CNN)" glued to the first word as scrapes of it leave it, "London CNN —" where a scrape lost
the brackets and "CNN —" alone on the line above the story, a station's call letters alone on the first line ("(KHBR)
—"), an outlet's short name in lower case ("Harbour City (hcn) – "), a date without its year ("HARBOUR CITY, July 23.
-- "), a town and its state in mixed case before a long dash ("Port Ellen, Islay – "), a date before a wire ("Aug. 18
(UPI) --"), "DENVER, COLORADO - ", "NEW YORK - " (a place of two or three words in capitals: one word may be a label,
"UPDATE - "), "(WASHINGTON, DC) ", an outlet's name in brackets ("(Harbour News) "), "New Delhi (Sputnik): ",
"Washington — " and "New York – " in mixed case before a sentence (not before a date: "Harbour Report – October 31,
2016: ..." is a headline; nor before a writer's "I" or "We": "Tobacco – I quit years ago" is a list's item),
"Detroit, MI | ", "Boston, MA – ", "NEW YORK, March 3, 2017 /PRNewswire/ -- ", "NEW YORK, Dec. 1, 2016 — ", "Vatican
City, Jan 24, 2018 / 04:26 am (CNA/EWTN News).- ", an outlet's name run together in brackets without a dash
("(HarbourNews) The council ..."; a person's name would be two words), and a town in mixed case or a place in
capitals before a web outlet's address in brackets ("Port Ellen, Scot. –-(Example.com)- ", "USA -(Example.com)- "), a
weekday and date before an outlet ("WEDNESDAY, Jan. 5, 2011 (Harbour News) -- "), a date before its town in brackets
("March 8, 2010 (Port Ellen, Scot.) -- "), a release wire's name before its place ("Newswise — HARBOUR CITY ― "), a
station's call letters ("HARBOUR CITY (KHBR9-TV) - "). A place in capitals before a colon is not one: "FULL
DISCLOSURE: " and "UPDATE: " have that form too."""
STORY_LABEL = re.compile(r"(?:Story highlights|STORY HIGHLIGHTS|Story Highlights) (?=[A-Z0-9\"“‘])")
"""A broadcaster's summary box whose label the scrape glued to its first point: "Story highlights The council ..."."""
_REPORTER = r"(?:[A-Z][a-z][\w'’-]*|[A-Z]\.)(?: (?:[A-Z][a-z][\w'’-]*|[A-Z]\.)){0,3}"
WIRE_BYLINE = re.compile(rf"By {_REPORTER}(?:(?:,| and|, and) {_REPORTER})* (?=\(?[A-Z])")
"""The reporters' names between an editor's note and the dateline of wire copy: "By Jane Roe and Tom Reed "."""

NOTE = re.compile(r"\(\(?(?:[^()]{0,60}\b(?:item|story|article|version|report)\b[^()]{0,40}\b(?:corrects?|refiled|"
                  r"updates?|adds?|removes?|clarifies|fixes|changes)|This (?:story|article|version) "
                  r"(?:has been|was|is) (?:refiled|corrected|updated|changed)|"
                  r"(?:Corrects|Refiles|Updates|Adds|Repeats|Fixes"
                  r"|Correct(?= (?:paragraph|headline|dateline|spelling|name|date)s? )) )[^()]{0,300}\)\)? ?")
"""An editor's note in brackets, single or doubled: "(This story has been refiled to ...)", "(In May 3 item,
corrects ...)"."""
EMPTY_BRACKETS = re.compile(r"\(\) ?")
"""What a scrape left of a note that opened a story, before the reporters' names and the dateline."""

_IMAGE = (r"(?:(?:[Ff]eatured|Top|Header|Lead|Cover|Main) )?(?:[Ii]mage|[Pp]hoto(?:graph)?|[Pp]icture|[Ss]creenshot|"
          r"[Gg]raphic)s?(?: [Cc]redits?| [Cc]ourtesy| [Ss]ource)?")
_LEAD_IMAGE = r"(?:[Ff]eatured?|Top|Header) [Ii]maged?(?: and video)?"
"""The credit's opening some sites use, misspellings included: "Featured image is a screenshot", "Featured image of X
via Y", "Feature Image Photo by X", "Featured imaged via X"."""
_MEDIA = r"(?:video|clip|footage|tweet|interview|segment|report|ad|commercial)s?"
_BARE_MEDIA = rf"(?:it|this|them|him|her|(?:the|a|an|this|his|her|their) (?:\w+ )?{_MEDIA}|video)"
_MEDIA_LEAD_IN = (rf"(?:(?:Watch|WATCH|Listen|LISTEN|Check out|Take a look)"
                  rf"(?: (?:to |at )?(?:{_BARE_MEDIA}|the whole thing))?(?: for yoursel(?:f|ves))?"
                  r"|Here are (?:the|some|his|her|their) (?:\w+ )?(?:tweet|video|clip|post)s)"
                  r"(?: (?:below|here|above))?:")
"""A lead-in to a video or post that scraping dropped, saying nothing else: "Watch:", "Watch the video below:",
"Listen to it here:", "Take a look at the awesome video:", "Here are the tweets:". One that says something ("Watch
the mayor dodge the question below:") is the story's, and so is one that addresses the reader in a sentence ("You can
watch the interview below:"): the readers of three sets kept it, one marked it."""
_HERE = r"Here(?:'s|’s| s| is)"
_MEDIA_POINTER = rf"{_HERE} {_BARE_MEDIA}(?: (?:on|of|from) the \w+)?"
_HOST = r"[A-Z][a-z]+(?:[A-Z][a-z]+)?"
"""A video's host before the colon of "Here's the video via YouTube:" (what follows the colon may be a post's own
words: "... via TwitterNBC EXCLUSIVE: ..." names no host)."""
_MEDIA_HERE = rf"{_MEDIA_POINTER}(?: via (?:[A-Z][\w.]*(?: [A-Z]\w*){{0,2}}\.|{_HOST}:)| below[.:]|:)"
_VIDEO_POINTER = rf"{_HERE} (?:the|a|this|his|her|their) (?:\w+ )?(?:video|clip|footage)s?"
"""A pointer to a dropped video or post, ending where the video stood: "Here's the video via YouTube.", "Here is
the full interview below.", "Here's the clip:"."""
_UPDATES = r"(?:[,;]? [^.!?\n]{0,60}?\b(?:updat\w*|check back|stay tuned|more to come|details)\b[^.!?\n]{0,40})?"
"""What may follow "This story is breaking": a promise of updates ("..., check back for updates"); anything else
("... breaking new ground") is the story's."""
LEAD_IN_WORDS = 14
_NO_SENTENCE = r"(?:(?!(?<=[a-z0-9)\]])[.!?] [A-Z])[^\n]){0,160}$"
CREDIT_WORDS = 16
"""A credit or source note is a few words; a longer tail has a story sentence glued to it."""
_OUTLET = r"(?:(?![.!?] [A-Z])[^\n!?]){1,100}"
"""The outlet or writer a pointer to the whole story names, with no sentence after it ("For entire story: Jane Roe,
Harbour News")."""
_STORY_WORD = r"(?:story|article|report|piece|STORY|ARTICLE|REPORT)"
SIGN_OFF = re.compile(r"[—–] ?[A-Z][\w'’-]+(?: [A-Z][\w.'’-]*){1,2}$")
"""A writer's name behind a dash, signing off after the last sentence: "... for the pier. — Jane Roe"."""
_SENTENCE_CLOSED = re.compile(r"[.!?\"”’'] ?$")
_PICTURE_ONLY = (r"(?:Getty Images|GETTY IMAGES|Getty|Shutterstock|WireImage|FilmMagic|Backgrid|BACKGRID|GC Images|"
                 r"Splash News|Alamy Stock Photo|Alamy Live News|Alamy)")
"""Agencies that sell pictures only: their name alone after a caption's sentence is its credit ("... in 2011. Getty
Images", "... on the new pier. Getty"), and so is a photographer's or an outlet's name before "via" one ("... on
Tuesday. Jane Roe via Getty Images", "... Tom Reed/Harbour Call, Inc via Getty Images"); a news agency's name there
may be the story's own ("... said. Reuters")."""
SHARE_LABEL = (r"(?:(?:Share|SHARE)(?: (?:[Tt]his|THIS)(?: (?:[Aa]rticle|ARTICLE|[Pp]ost|POST|[Ss]tory|STORY))?"
               r"| (?:on|On) (?:Facebook|Twitter))?[!:]?|Tweet|Like this\?(?: Share it now\.)?"
               r"|Follow (?:[Uu]s|US) on (?:Facebook|Twitter)!?)")
NAV_LABEL = (r"(?:(?:Tags|TAGS) ?:?|Post navigation|Popular (?:Articles|Posts|Stories)|Recent Posts"
             r"|Loading ?(?:\.\.\.|…))")
RELATED_LABEL = r"(?:Related(?: (?:Articles|Posts|Stories))?:?|RELATED(?: ARTICLES| POSTS)?:?)"
SOURCE_LABEL = r"(?:Sources?|SOURCES?) ?:?"
BIO_LABEL = r"(?:About the [Aa]uthor|ABOUT THE AUTHOR) ?:?"
AD_LABEL = r"(?:Advertisements?|Advertisments?|ADVERTISEMENTS?)"
POINTER_LABEL = r"\((?:(?:read|Read|READ) (?:more|More|MORE)(?: with (?:additional )?video)?|link|Link|LINK)\)"
"""A page's button or widget label that a scrape glued to the end of a paragraph: "... for change. Share this",
"... in 2017. Tags", "... coming. Related:", a button's placeholder ("... in 1989. Loading ..."), the label of a
list of sources the scrape emptied ("... below. Sources:"), the heading of the author's bio on the next line ("...
better. About the Author"), an ad slot's label ("... (@janeroe) September 11, 2017 Advertisment"), a link's
placeholder after an excerpt ("... he said. (read more)", "... disapprove. (LINK)"). Whole labels only, never a word
of a sentence."""
WIDGET_LABEL = re.compile(f"{SHARE_LABEL}|{NAV_LABEL}|{RELATED_LABEL}|{SOURCE_LABEL}|{BIO_LABEL}|{AD_LABEL}"
                          f"|{POINTER_LABEL}")
_LABEL_TAIL = re.compile(rf"(?:(?<=[.!?\"”’')\]:])|(?<=[.!?\"”’')\]:] )|(?<=\d{{4}} ))"
                         rf"(?:(?P<share>{SHARE_LABEL}(?: {SHARE_LABEL})?)|(?P<nav>{NAV_LABEL})"
                         rf"|(?P<related>{RELATED_LABEL})|(?P<source>{SOURCE_LABEL})|(?P<bio>{BIO_LABEL})"
                         rf"|(?P<ad>{AD_LABEL})|(?P<cta>{POINTER_LABEL}))$")
_LABEL_LAST_WORDS = frozenset({"this", "This", "THIS", "Article", "article", "ARTICLE", "Post", "post", "POST",
                               "Story", "story", "STORY", "Share", "SHARE", "Facebook", "Twitter", "Tweet", "now",
                               "Tags", "TAGS", "navigation", "Articles", "Posts", "Stories", "Related", "RELATED",
                               "ARTICLES", "POSTS", "Source", "Sources", "SOURCE", "SOURCES", "Loading",
                               "Author", "author", "AUTHOR", "Advertisement", "Advertisment", "ADVERTISEMENT",
                               "Advertisements", "Advertisments", "ADVERTISEMENTS", "more)", "More)", "MORE)",
                               "video)", "(link)", "(Link)", "(LINK)"})
"""The words a widget label ends on (`_last_word`): a line that ends on another is not searched for one."""
LABEL_REACH = 40
"""How far from a line's end a widget label may start: the longest label and the space before it. It follows a
sentence's end or a date's year ("... Oct. 2016 Share this:")."""

_INITIALS = re.compile(r"[A-Z]{2,4}")
NOT_INITIALS = frozenset({"MORE", "NO", "NOT", "NOW", "YES", "THE", "AND", "BUT", "YOU", "WOW", "OK", "OMG", "LOL",
                          "WHY", "HOW", "WHO", "WTF", "AM", "PM", "ET", "EST", "EDT", "CST", "CDT", "MST", "MDT",
                          "PST", "PDT", "GMT", "BST", "UTC"})
"""Capitals that end a line without being an outlet's initials: a wire story's "MORE", which says a part follows, a
word shouted ("... trust your answer? NO"), a time zone after a time ("Updated at 11:45 p.m. ET")."""
OUTLET_SIGN_OFF = re.compile(rf"(?<=[.!?\"”’] )(?:[A-Z][\w'’&.-]* ){{0,3}}{_OUTLET_WORD}$"
                             r"|(?<=[.!?\"”’] )[A-Z]{2,4}$")
"""The outlet a story was copied from, named after its last sentence with no stop of its own: "... said on Tuesday.
Harbour Daily News", "... in May. WHN". `_tail_at` looks for it only where the line's last word is one of
`OUTLET_LAST_WORDS` or initials (none of `NOT_INITIALS`): a line ending on a closing phrase ("... again. God Bless
America") keeps it."""
OUTLET_REACH = 60
CAPS_POINTER = re.compile(r"(?:(?<=[.!?\"”’:] )|(?<=[a-z.!?:\"”’]))(?:SEE|READ|WATCH|CLICK|VOTE|LISTEN|LEARN|JOIN"
                          r"|HAVE YOUR) [A-Z0-9 &'’!?,.:/#-]{0,90}HERE[.!:]*$")
"""A pointer in capitals to a link the extraction dropped, after the last sentence: "... on 9/11. Watch: SEE MORE
SUNDAY SCREENINGS HERE", "...ComplexHAVE YOUR SAY! AND VOTE ON THIS AND OTHER EVENTS HERE"."""
CAPS_POINTER_REACH = 100
_SENTENCE_START = re.compile(r"(?:(?<=[.!?\"”’*:] )|(?<=[a-z.!?\"”’]))(?=[A-Z])")
"""Where a sentence may open in a line of paragraphs run together: after a stop, with or without a space, or after a
word glued to a capital."""


def is_widget_label(piece: str) -> bool:
    """Whether a tail is one of those labels: taking it leaves the line as it was for the line classifier."""
    return WIDGET_LABEL.fullmatch(piece.strip()) is not None


WIRE_CREDIT = re.compile(r"\(?(?:Reporting|Writing|Additional reporting|Compiled) by [^.;\n]{2,120}"
                         r"(?:; ?(?:[Ee]diting|[Ww]riting|[Aa]dditional reporting) by [^.;\n]{2,120})*\)?\.?$")
"""A wire story's credits after its last sentence: "(Reporting by Jane Roe; Editing by Tom Poe)"."""

TAILS = (
    ("credit", re.compile(rf"(?:{_IMAGE}(?: ?: ?| / | via | by | from | courtesy of | ?copyright ?(?=[A-Z]))"
                          rf"|{_LEAD_IMAGE}(?: (?=[A-Z])| via | by | from | courtesy of | is (?:a |an )?"
                          r"| of [^.!?\n]{1,60}? via )"
                          r"|Credits?: |(?<= )Credits? [–—] (?=[A-Z]))"
                          rf"{_NO_SENTENCE}"),
     CREDIT_WORDS),
    ("credit", re.compile(rf"\(?{_PICTURE_ONLY}\)?\.?$"), 3),
    ("credit", re.compile(r"(?<=[.!?\"”’)] )[A-Z][\w'’.-]*(?: [A-Z][\w'’.,&-]*){0,4}"
                          rf"(?: ?/ ?[A-Z][\w'’.,&-]*(?: [A-Z][\w'’.,&-]*){{0,3}})? via {_PICTURE_ONLY}$"), 10),
    ("credit", re.compile(r"(?<=[.!?\"”] )Courtesy of [A-Z][\w'’.-]*(?: (?:[A-Z][\w'’.-]*|of|the|and)){0,5}$"), 8),
    ("credit", re.compile(r"\(?(?:REUTERS|AFP|AP Photo|EPA|EPA-EFE) ?/ ?[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3}"
                          r"(?:, [Ff]ile)?(?:\)(?: The Associated Press)?)?$"
                          r"|[A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+){1,3} ?/ ?(?:[A-Z.&-]+ ?/ ?){0,3}"
                          r"(?:Getty Images|GETTY IMAGES|AFP|AP|REUTERS|EPA)$"
                          r"|(?<=[.!?\"”] )[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3} ?/ ?(?:[A-Z][\w'’.&-]* ){0,3}"
                          r"(?:staff|Staff|STAFF)$"), 8),
    ("source", re.compile(rf"(?:-- ?)?(?:Sources?|SOURCES?)(?: link)?: {_NO_SENTENCE}"), CREDIT_WORDS),
    ("source", re.compile(r"(?:Via|VIA): ?(?:the )?[A-Za-z0-9][\w'’&.-]*(?: [\w'’&.-]+){0,4}$"), 7),
    ("source", re.compile(rf"(?:For|FOR) (?:the |THE )?(?:entire|full|complete|ENTIRE|FULL) {_STORY_WORD}"
                          r"(?: and [a-z]+)?(?: go here| click here| see| here)?(?: ?[:\-–—] ?| (?=[A-Z]))"
                          rf"{_OUTLET}$"), 18),
    ("source", re.compile(rf"(?:Continue|CONTINUE) (?:reading )?(?:this|the|THIS|THE) {_STORY_WORD} at {_OUTLET}$"
                          rf"|(?:Read more|Read More|READ MORE) at:? {_OUTLET}$"), 12),
    ("source", re.compile(r"(?:Read more|Read More|READ MORE): [\w@][\w'’&.-]*(?: [\w'’&.-]+){0,3}$"), 5),
    ("source", re.compile(r"\(?(?:H/T|h/t|Hat tip|HAT TIP)\)? ?:? (?:\[[^\[\]\n]{2,80}\]|[^\n.!?\[\]]{2,60})$"), 10),
    ("source", re.compile(r"\[(?:via|Via|VIA) (?:[A-Z0-9]|www\.)[^\[\]\n]{1,60}\]$"), 8),
    ("related", re.compile(r"READ MORE [A-Z0-9][A-Z0-9 .,&'’/-]{0,60}?(?: AT)? ?: [^\n]{1,80}$"), 16),
    ("ad", re.compile(r"(?:Get|GET|Save|SAVE|Take|Enjoy) \d{1,2}% (?:off|OFF) [^\n]{0,100}?"
                      r"(?:promo|coupon|discount|PROMO) (?:code|CODE):? ?[A-Z0-9]{3,20}$"), 25),
    ("source", re.compile(r"(?:This|The) (?:article|story|post|piece|report) (?:was|has been) (?:originally |first )?"
                          r"(?:published|posted|appeared) (?:at|on|in|by) [^\n!?]{1,80}$"), 14),
    ("donation", re.compile(r"(?:SUPPORT|Support) [^\n]{0,40}?(?:(?:SUBSCRIB|Subscrib)\w*[^\n]{0,40}?)?"
                            r"(?:MEMBER|Member) ?@ ?[\w-]+(?:\.[\w-]+)+\.?$"), 16),
    ("copyright", re.compile(r"(?:Copyright|COPYRIGHT|©)[^\n]{0,80}?\. ?"
                             r"Permission to (?:reprint|republish|repost|reproduce)[^\n]{0,200}$"), 45),
    ("source", re.compile(r"\((?:https?://)?(?:www\.)?(?:[\w-]+\.)+[a-z]{2,}/[^\s()]*\)$"), 1),
    ("source", re.compile(r"[—–-]+ ?See more at(?::? ?(?:https?://|www\.)\S+|:? ?(?:…|\.\.\.))$"), 5),
    ("byline", WIRE_CREDIT, 40),
    ("disclaimer", re.compile(r"This (?:article|story|report|series|coverage) (?:was|is) (?:funded|sponsored|supported|"
                              r"underwritten|paid for) (?:in part )?by [^.\n]{2,60}\. "
                              r"(?:It|The (?:article|story|report)) "
                              r"was (?:independently )?(?:created|produced|written|reported) by [^.\n]{2,60}\. "
                              r"[^.\n]{2,60} had no (?:editorial )?(?:involvement|input|role|control) in its "
                              r"(?:creation|production)(?: or (?:creation|production))?\.$"), 45),
    ("cta", re.compile(r"(?:Read more|Read More|See it|Here it is)(?: below| here)?: ?$"), 4),
    ("cta", re.compile(r"(?<=[.!?\"”] )(?:Listen|Watch|LISTEN|WATCH) (?:[Aa]bove|[Bb]elow|ABOVE|BELOW)[.!]?$"), 2),
    ("share", re.compile(r"(?<=[.!?\"”] )[-–—] ?(?:Click to [Tt]weet|CLICK TO TWEET)$"), 4),
    ("cta", re.compile(rf"(?:{_MEDIA_LEAD_IN}|{_MEDIA_HERE}) ?$"), LEAD_IN_WORDS),
    ("note", re.compile(r"This (?:is a (?:developing|breaking)(?: news)? story|(?:story|article|post|report) "
                        r"(?:is (?:still )?developing|(?:will|may) be updated)"
                        r"|situation is (?:rapidly |still )?(?:unfolding|developing), and this "
                        r"(?:story|article|post|report) (?:will|may) be updated)[^.!?\n]{0,80}[.!]? ?$"
                        rf"|This (?:story|article|post|report) is (?:still )?breaking{_UPDATES}[.!]? ?$"), 20),
    ("cta", re.compile(r"(?:Please |PLEASE )?(?:[Ss]tay tuned|[Cc]heck back|STAY TUNED|CHECK BACK)"
                       r"[^.!?\n]{0,80}[.!]? ?$"), 14),
    ("related", re.compile(r"(?:Useful |USEFUL )?(?:[Rr]eference|REFERENCE) (?:[Ll]inks|LINKS)\b[^\n.!?]{0,50}:$"), 9),
    ("byline", SIGN_OFF, 4),
    ("related", re.compile(r"[—–-]* ?(?:More|Read more|Read More|Continue reading|Full story) ?(?:…|\.\.\.|»|›)$"
                           r"|(?:Read more|Read More|READ MORE|Continue reading|Continue Reading)\.?$"), 3),
    ("related", re.compile(r"You (?:might|may) also (?:like|enjoy):?$"), 4),
    ("nav", re.compile(r"Submit (?:your|a) review$"), 3),
    ("related", re.compile(r"More from [A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){0,3} ?:$"), 6),
    ("share", re.compile(r"Follow [A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){0,3} on (?:Twitter|Facebook|Instagram)"
                         r" ?\.?$"), 7),
    ("source", re.compile(r"Read the original (?:article|story|post) (?:on|at) [^\n!?]{1,60}$"), 10),
    ("contact",
     re.compile(rf"(?:Media|MEDIA|Press|PRESS) (?:Contacts?|CONTACTS?|[Ii]nquiries|INQUIRIES) ?: ?{_NO_SENTENCE}"), 30),
    ("copyright", re.compile(r"(?:©|\([Cc]\)|[Cc]opyright|COPYRIGHT)(?: by)?:? ?(?:©|\([Cc]\))? ?(?:\d{4},? )?"
                             r"[A-Z][^\n]{1,80}$"),
     10),
)
"""What may end a line after its last sentence: an image credit (glued too: "... on Monday.Image copyrightEXAMPLE
IMAGES"; a wire's in brackets, "... on Friday. (AP Photo/Jane Roe)"; "... for 67 years. Courtesy of Jane Roe"; a
newspaper's under a caption, "... on the pier. Jane Roe/Harbour Courier staff"), a quote's "- Click to Tweet", a
source link (labelled, or a bare link in brackets after the last sentence: "... in 2017.
(bit.ly/2AbCdEf)"; the link a copy-and-paste script adds, "... - See more at: http://..."), a wire reporting credit,
a sponsor's note after it ("This article was funded in part by X. It was independently created by the Y editorial
staff. X had no editorial involvement in its creation or production."), a press release's media contact, a glued
copyright, a review form's "Submit your review", a cue ("Watch:", "Read more:", "Watch the interview below:", "Here's
the video via Twitter.") that an embedded video or link left behind, a developing-story note and its "stay tuned",
the link under another site's excerpt ("... in September.—More…", "...Read more"), or the label of a list of other
stories that scraping emptied ("...Takei!You might also enjoy")."""
_TAIL_CUES = ("image", "photo", "picture", "screenshot", "graphic", "credit", "source", "reporting", "writing",
              "reuters/", "afp/", "epa/", "epa-efe/", "getty",
              "also like", "also enjoy",
              "compiled", "read more", "watch", "listen", "take a look", "see it", "here it is", "copyright",
              "courtesy", "—", "–", "©", "(c)",
              "contact", "inquiries", "here s", "here’s", "here's", "here is", "developing", "breaking", "updated",
              "stay tuned", "check back", "continue reading", "here are", "you can see", "via:", "shutterstock",
              "backgrid", "filmmagic", "splash news", "alamy", "://", "www.", "bit.ly/", "reut.rs/", "tmsnrt.rs/",
              "goo.gl/", "ow.ly/", "tinyurl.com/", "see more at", "h/t", "hat tip", "[via ", "continue this",
              "continue the", "entire story", "full story", "full article", "entire article", "member @", "member@",
              "permission to", "reference links", "% off", "originally", "first published", "first appeared",
              "first posted", "was published", "was posted", "more from", "on twitter", "on facebook",
              "on instagram", "original article", "original story", "funded", "sponsored", "underwritten",
              "submit your review", "submit a review", "staff", "click to tweet")
"""Words one of TAILS needs (in lower case): a line's end without any is not looked at further."""
_TAIL_REACH = 220
_QUOTATION = re.compile(r"[\"“][^\"“”\n]*[\"”] ?$")
"""A line that is one quotation: a name after it, behind a dash, is whom it quotes, not the writer signing off
(who may end a story on a quote: "... Walker said. \"That is all.\" — Jane Roe")."""
_POINTER_OPENINGS = (r"(?:READ MORE|Read [Mm]ore|Continue (?:reading )?(?:this|the) |For (?:the )?(?:entire|full) "
                     r"|SUPPORT |Support |Via: |VIA: |H/T |h/t )")
"""What opens a pointer to the story's source, to more of the outlet's stories or to its membership, where an
extraction ran it into the last sentence without a stop: "... can happen Continue this report at Harbour
NewsREAD MORE PIER NEWS AT: ...", "...-8PwVia: Harbour News"."""
BOUNDARY_ALTERNATIVES = (r"(?<=[.!?\"”’)\]:])(?=[A-Z(—–©-])|(?<=[.!?\"”’)\]:] )(?=[A-Z(—–©-]|copyright\b)"
                         r"|(?<=  )(?=[A-Z(—–-])"
                         r"|(?<=\d{4} )(?=[A-Z])|(?<=\d{4})(?=[A-Z][a-z])"
                         r"|(?<=[.!?])(?=featured image)|(?<=[A-Za-z/])(?=Featured [Ii]mage)"
                         r"|(?<=[a-z] )(?=Featured [Ii]mage)|(?<=[a-z0-9] )(?=Credits?: [A-Z])|(?<=\| )(?=[A-Z])"
                         rf"|(?<=[A-Za-z0-9])(?={_POINTER_OPENINGS})|(?<=[A-Za-z0-9] )(?={_POINTER_OPENINGS})"
                         r"|(?<=[.!?\"”’] )(?=\[(?:via|Via|VIA) )")
"""Where a tail may start: after a sentence's end, a gap or a year, before a capital, a dash, "copyright" or a
credit; a caption's "Credit:" after its last word ("... the premiere Credit: Getty Images"); a source in brackets
after a sentence ("... for the part. [via Harbour Reporter]")."""
_BOUNDARY = re.compile(rf"(?=[A-Z(\[—–©\-cfh])(?:{BOUNDARY_ALTERNATIVES})")
"""`BOUNDARY_ALTERNATIVES` behind the one character class all their look-aheads need: most characters of a line
fail it at once instead of ten look-behinds (a fifth of the time over a line's end)."""

CUE = re.compile(r"(?=[WLYHRCT])(?:(?<=[.!?\"”’] )|(?<=[.!?\"”’])|(?<=[.!?]' )|(?<=[.!?]'))"
                 rf"(?:(?:{_MEDIA_LEAD_IN}|Read more:)(?= ?[A-Z\"“@.#\[]|$)"
                 rf"|{_MEDIA_POINTER} via (?:[A-Z]\w*(?: [A-Z]\w*){{0,2}}\.|{_HOST}:)"
                 rf"|{_VIDEO_POINTER}:(?= ?[A-Z\"“@.#]))")
"""A lead-in or pointer to an embedded video or post between two sentences (the first may end on a quote, curly
or straight): the post's own words follow it. Behind the first letters of its openings, which most characters fail
at once (five times faster in a long line than its look-behinds tried everywhere). A pointer to a tweet before its
words is the story's ("Here is the tweet:Lightweight ..."); one to a video points at nothing the text keeps
("...back.Here s the video:Twitter users ...")."""
_CUE_OPENINGS = ("Watch", "WATCH", "Listen", "LISTEN", "You can", "Here", "Read more:", "Check out", "Take a look")
"""What every CUE match opens on: a line without any is not searched (the search visits every character)."""
_PICTURE_AGENCIES = ("Getty Images", "Getty images", "Getty", "WireImage", "FilmMagic", "Shutterstock", "REX",
                     "AP Photo", "AP", "AFP",
                     "Reuters", "REUTERS", "EPA-EFE", "EPA", "Splash News", "BACKGRID", "Backgrid", "Invision",
                     "Corbis", "Alamy", "MEGA", "ZUMA", "Zuma Press", "WENN", "GC Images", "Bauer-Griffin", "Sipa",
                     "PA Images", "Associated Press", "Bloomberg")
"""Picture agencies, as credits name them after a photographer; a longer name before its own start ("AP Photo"
before "AP"). A line that holds none of them is not searched for a photographer's credit."""
_PICTURE_AGENCY = (rf"(?:{'|'.join(map(re.escape, _PICTURE_AGENCIES))})(?: via (?:Getty Images|Getty|AP))?"
                   r"(?: for (?:[A-Z]|[a-z][A-Z])[\w'’&.-]*(?: [A-Z][\w'’&.-]*){0,3})?")
"""One agency, or an agency's picture sold through another ("Jane Roe/AFP via Getty Images"), maybe taken for a
client ("Jane Roe/Getty Images for Harbour Radio")."""
_PHOTOGRAPHER = (r"(?:(?:[A-Z][a-z][\w'’-]*|[A-Z]\.(?:[A-Z]\.)*)"
                 r"(?: (?:[A-Z][a-z][\w'’-]*|[A-Z]['’][A-Za-z][\w'’-]*|[A-Z]\.|III|Jr\.)){1,3})")
_PHOTOGRAPHER_IN_CAPS = r"(?:[A-Z][A-Z'’-]+(?: (?:[A-Z][A-Z'’-]+|[A-Z]\.)){1,3})"
_AFTER_PHOTOGRAPHER = (rf"(?: ?/ ?| \| )(?:[\w.&-]+(?: [\w.&-]+){{0,2}} ?/ ?){{0,3}}"
                       rf"(?:{_PICTURE_AGENCY}|[A-Z][\w.&-]* via (?:Getty Images|Getty))(?:, FILE)?(?![\w&-]|\.\w)")
"""What follows a photographer: the outlets and agencies the picture passed through, the last a picture agency or
one that sold it through Getty ("Jane Roe/Harbour Sentinel/TNS via Getty Images", "Jane Roe | AFP via Getty Images"),
maybe marked as a picture from the archive ("Jane Roe/Getty Images for Harbour Trust, FILE")."""
_ONE_CREDIT = rf"(?:Inset: |Left: |Right: |Top: |Bottom: )?{_PHOTOGRAPHER}{_AFTER_PHOTOGRAPHER}"
_BRACKETED_CREDIT = rf"(?:{_PHOTOGRAPHER}|{_PHOTOGRAPHER_IN_CAPS}){_AFTER_PHOTOGRAPHER}"
"""In brackets a photographer's name may be in capitals: "(JANE A. ROE/AFP/Getty Images)"."""
_CREDIT_LABEL = r"(?:(?:[Pp]hoto|[Ii]mage|[Pp]icture)s? (?:by|via|courtesy of)|(?:Photo|Image|Picture|Credit)s?:) "
PARENTHETICAL_CREDIT = re.compile(rf"\((?:(?:{_IMAGE} (?:[Cc]redit|[Bb]y|[Vv]ia|[Cc]ourtesy)|Graphic|Credit|Source)s?"
                                  rf"(?::? |:)|{_IMAGE}: )[^()]{{1,100}}\)"
                                  r"|\((?:[Ss]creenshot|[Pp]hoto|[Ii]mage|[Pp]icture)\)"
                                  r"|\( ?(?:REUTERS|Reuters|AP|AFP|EPA|Getty Images)/[^()\n]{1,80}\)"
                                  rf"|\({_BRACKETED_CREDIT}(?: ?/ ?{_BRACKETED_CREDIT}){{0,2}}\)"
                                  r"|\((?:Video|GIF|Gif): [^()\n]{2,60}\)|\((?:Getty(?: Images)?|Shutterstock)\)"
                                  r"|\((?!(?:The|A|An|This|That|His|Her|Its|Our|My|Their) )"
                                  r"[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,3}"
                                  r" (?:[Pp]hoto|[Ff]ile photo|[Ii]mage|[Pp]icture)(?:: [^()\n]{2,60})?\)"
                                  rf"|\({_PHOTOGRAPHER} via (?:Flickr|Wikimedia(?: Commons)?|Twitter|Instagram|Facebook"
                                  r"|YouTube|Unsplash|Pixabay)\)"
                                  r"|\([A-Z][\w'’-]+ ?/ ?(?:Getty Images|Getty|AFP|WireImage|FilmMagic|Shutterstock)\)"
                                  r"|\((?:(?:Photo|Image|Picture)s? )?[Cc]ourtesy(?: of)? [^()\n]{2,60}\)"
                                  r"|\((?:PHOTO|IMAGE|PICTURE)S?: [^()\n]{2,60}\)\)?"
                                  r"|\[(?:Photo|Image|Picture)s? [Cc]redits?: [^\[\]\n]{2,80}\]"
                                  rf"|\({_PHOTOGRAPHER} ?/ ?(?:[A-Z][\w'’&.]*[ -]){{0,4}}{_OUTLET_WORD}\)"
                                  r"(?: @\w{2,30}$)?")
"""A credit in brackets: "(Image via X)", "(Photo: X/Agency)", "(screenshot)", a wire picture's "(REUTERS/Jane Roe)",
whose picture it is ("(White House photo)", "(Example News photo: Jane Roe)"; "(The photo)" is no credit), a
photographer's through a site of pictures ("(Jane Roe via Flickr)"),
an agency that only sells pictures alone ("(Getty)"; "(EPA)" is as often an agency of government) or after one word
("(Pool/Getty)"), "(Courtesy of the author)", "(PHOTO: Jane Roe)", "[Photo Credits: Example Press]";
"(Photo of the pier)" is a caption. A photographer and an agency: "(Jane Roe/Associated Press)"; a staff
photographer and their paper, maybe with their handle: "(Jane Roe / Harbour Times)", "(Jane Roe/Port Ellen
Review-Journal) @janeroe"."""
CAPTION_COURTESY = re.compile(r"(?<=[\w)] )(?:(?:Photo|Image|Picture)s? [Cc]ourtesy(?: of)?|Courtesy of|COURTESY OF"
                              r"|Courtesy) (?:the )?"
                              r"[A-Z][\w'’&/.-]*(?: (?:[A-Z][\w'’&/.-]*|of|and|the|for|&|/)){0,6}$")
"""Whose picture it is, ending the caption it is glued to: "Aerial view of the pier Courtesy of Example Architects",
"... on linen, 2022 Courtesy of the Artist/Example Gallery". Not after a stop or with one ("Courtesy of Harbour Post."
closes a repost), nor in lower case ("... came courtesy of the harbour board")."""
PHOTO_CREDIT = re.compile(rf"(?=[A-Zpi])(?<![\w/])(?:{_CREDIT_LABEL})?(?:{_ONE_CREDIT})(?:; (?:{_ONE_CREDIT}))*"
                          r"(?![\w/])(?:\.$)?")
"""A photographer and a picture agency, anywhere in a line, as galleries glue them between a slide's heading and its
text: "Jane Roe/Getty", "Jane Roe/Example/REX/Shutterstock; Inset: Tom Reed/WireImage". Behind the letters it may open
on, for speed."""
CAPTION_CREDIT = re.compile(rf"(?:{_PHOTOGRAPHER_IN_CAPS} ?/ ?(?:[A-Z.&-]+ ?/ ?){{0,3}}"
                            r"(?:GETTY IMAGES|AFP|AP|REUTERS|EPA|SHUTTERSTOCK|REX|BACKGRID|WIREIMAGE)"
                            rf"|{_PHOTOGRAPHER} via (?:Getty Images|Shutterstock|Alamy)) (?=[A-Z\"“‘])")
"""A credit that opens a picture's caption, as some papers print it: in capitals, "JANE ROE/GETTY IMAGES The pier
after the storm", or a photographer's through a picture library, "Jane Roe via Getty Images The pier after the
storm"; the caption after it is left."""
CAPTION_AGENCIES = frozenset({"PA", "REX", "GETTY", "Getty", "AFP", "REUTERS", "SWNS", "SPLASH", "BACKGRID", "WENN",
                              "MERCURY", "CEN"})
"""Picture agencies, as some papers print them in capitals before a caption, with no mark between them; not the
broadcasters and agencies of government a heading may open on ("BBC One ...", "EPA Chief ...")."""
_CAPTION_AGENCY = rf"(?:{'|'.join(sorted(CAPTION_AGENCIES))})(?: IMAGES| Images)?"
AGENCY_CAPTION = re.compile(rf"{_CAPTION_AGENCY}(?: ?[/•] ?{_CAPTION_AGENCY}){{0,3}} "
                            r"(?=[A-Z\"“‘][^.!?\n]{10,160}\??$)")
"""A picture's credit before its caption on a line of its own: "PA The royal couple at the pier", "GETTY/MERCURY Her
father in 1950", "GETTY Will the pier reopen in May?"; the caption has no full stop ("AP reported the ferry sank." is
a story's sentence)."""
SLIDE_COUNTER = re.compile(r"^(?:0\d of \d{2}(?= |$)|\d{2} of \d{2}(?= [A-Z][A-Z'’]+ [A-Z'’])|[1-9]\d? of [1-9]\d?$)")
"""A gallery's slide counter opening a line ("04 of 10 ..."), or alone on one; "12 of 15 members voted" is a story's."""
PIPE_CREDIT = re.compile(rf"(?<=\S) \| (?:{_PHOTOGRAPHER}{_AFTER_PHOTOGRAPHER}"
                         rf"|{_PHOTOGRAPHER} via (?:Twitter|Instagram|Facebook|YouTube)"
                         r"|Getty Images|Getty|AP Photo|AFP|Reuters)(?= |$)")
"""A credit after a caption, behind a bar, glued to what follows: "... on Monday | Jane Roe/AFP via Getty Images"."""

GLUED_CREDIT = re.compile(r"(?:(?<=[.!?:\"”’)])|(?<=[.!?:\"”’)] ))(?:Image|Photo|Picture)(?: via| by| credit:|:)"
                          r" (?:the )?[A-Z]"
                          r"|(?:(?<=[.!?:\"”’)a-z])|(?<=[.!?:\"”’)a-z] ))(?:Source|Via|VIA): (?:the )?[A-Z]")
"""A picture's credit inside the text, where the picture stood, or a source note: it runs into the next sentence
without a space ("... look like?Photo by Jane Roe/Example ImagesThey looked ...", "...rains.Source: Example
NewsThe council ...")."""
_SENTENCE_AFTER_GLUE = re.compile(r"(?:(?<=[A-Za-z!]{3})|(?<=\b[A-Z]{2}))(?=[A-Z][a-z']*,?"
                                  r"(?: (?!via\b|screen\b|capture\b|images?\b|photos?\b)[a-z]| [A-Z][a-z]+ [a-z]"
                                  r"| [A-Z][a-z]+, )|[A-Z][a-z']+,? I [a-z])"
                                  r"|\.(?=[@#])")
"""Where a sentence starts glued to a credit ("ImagesThey looked", "UNTVWere the", after a two-letter name "APThe
council"); not inside a name written in one word ("YouTube screen capture", "NurPhoto via X")."""
_CREDIT_WORD = re.compile(r"[A-Z0-9][^\s]*|/|&|\||via|by|of|the|and|for|on|at|[A-Za-z]+/[A-Z][^\s]*")
LABELLED_CREDIT = re.compile(r"(?<=[^\s.!?]) (?:(?:Credit|Credits|CREDIT|Photo credit|Picture credit|Image credit"
                             r"|Photo|Picture): "
                             r"|Photo ?/ ?)[A-Z][^\n.!?:()\[\]]{1,50}$")
"""A credit under its label at the end of a picture's caption, without a full stop before it: "... celebrate the
reunion Credit: Example Press", "... at the pier Photo / Example Images", "... on stage Photo: Example Press"."""
HAT_TIP = re.compile(r"(?:(?<=[.!?\"”’ ])(?:H/T|h/t)\s*:?\s*\[\s*[^\[\]\n]{2,60}?\s*\]"
                     r"|(?<= )\((?:H/T|h/t|Hat tip|HAT TIP)\s*:?\s+[^()\n]{2,60}\)"
                     r"|(?:(?<=[.!?\"”’] )|(?<=[.!?\"”’)]))(?:H/T|h/t|Hat tip|HAT TIP)\s*:?\s+"
                     r"\S{2,40}(?: \S{2,40}){0,3}$"
                     r"|(?<= )(?:H/T|h/t)\s*:?\s+[^.!?\n]{2,150}?[.!?](?= |$))")
"""A hat tip to where the story was found: after the line's last sentence ("... freaks. H/T: harbourwatch"), to its
sentence's end wherever "H/T" stands ("... four more years of it h/t to the sharp Jane Roe, an analyst at the
Harbour Institute. The institute ..."), or in brackets wherever it stands ("... for a decade (H/T Harbour Watch).",
"... with any of it. H/T [ Harbour Watch ]Featured ...")."""
TAG_LIST = re.compile(r"(?:(?<=^)|(?<= ))(?:Tags|TAGS|Filed under|FILED UNDER|Topics) ?: ?"
                      r"(?:[\w#&'’-]+(?: [\w#&'’-]+){0,3} ?, ?)*[\w#&'’-]+(?: [\w#&'’-]+){0,3} ?(?=\(|$)")
"""A post's tags a crawl glued into a line, to its end or to the outlet's name in brackets that opens the story:
"... in the balance. November 6th, 2016 | Tags: Election , Anxiety , Clinton", "by: Jane Roe Tags: ferries , pier
(HarbourNews) ..."."""
FIRST_SEEN = re.compile(r"(?<=[.!?\"”’] )(?:Video|Image|Photo|Picture) first seen on [A-Z][^.!?\n]{0,60}?\.(?= |$)")
"""A video plugin's credit after the sentence that leads up to the video: "... the shelter. Video first seen on Jane
Roe Outdoors."."""
AD_MARKER = re.compile(r"(?:^|(?<=[.!?\"”’)] ))- (?:Advertisement|ADVERTISEMENT) -(?: |$)"
                       r"|(?<=[.!?\"”’)] )(?:[Aa]dvertisement|ADVERTISEMENT|Sponsored Links|SPONSORED LINKS)"
                       r"(?: (?=[A-Z\"“‘])|$)")
"""An advertisement's marker or an ad widget's label a scrape left between two sentences or after the last: "... a
victim of one. - Advertisement - However", "... in the shallows. SPONSORED LINKS", "... one final shot at him.
advertisement"."""
STORY_CONTINUES = re.compile(r"(?:^|(?<=[.!?\"”’)] ))(?:Continue reading (?:the main story(?: Advertisement)?"
                             r"|below the advertisement) ?)+(?= |$)")
"""The marker a newspaper's page sets where an advertisement breaks the story, which a scrape glued between two
sentences, once or twice around the advertisement's label: "... friendly American faces. Continue reading the main
story Advertisement Continue reading the main story “It was a time ...", "... a stroke. Continue reading below the
advertisement I'm not sure ...", or alone on its line."""
AD_OPENING = re.compile(r"^(?:ADVERTISEMENT|Advertisement) (?=[A-Z\"“‘])")
"""An advertisement's label glued to the paragraph it interrupted: "ADVERTISEMENT “I am going to run,” ..."."""
SPACED_CREDIT = re.compile(r"(?<=[.!?\"”’)] )(?:Picture|Pictures|Photo|Photos|Image|Images): (?=[A-Z])")
"""A gallery's credit between one caption and the next, spaced: "... in 2004. Picture: Jane Roe/WireImage It was
..."; it ends where the next caption's sentence opens (`_spaced_credits`)."""
SPACED_CREDIT_WORDS = 6
_CAPTION_OPENS = re.compile(rf"[A-Z][a-z'’]*,? (?:[a-z]|[A-Z][\w'’-]+ [a-z])"
                            rf"|(?:\d{{1,2}} )?{_MONTH}(?: \d{{1,2}},?)?(?: \d{{4}})?: ")
"""A caption's opening: a capitalised word and a word in lower case after it, or a date and a colon."""
GLUED_CREDIT_CHARS = 80

WIRE_STORY_CODE = re.compile(r"(?=[SRF\[])(?:\b(?:Story|Related|Full story|See)\s?: ?)?"
                             r"\[(?:ID:)?n?[A-Z]\d[A-Z][A-Z0-9]{6}[\]}]")
"""A wire service's code for another of its stories, where the link to it stood: "... on Tuesday [L1N1AB2CD]",
"Story: [L1N1AB2CD]" (its bracket mistyped as a brace once). Behind the first letters it may open on, for speed."""

ABOUT_SECTION = re.compile(r"(?:^|(?<=[.!?\"”’] )|(?<=[.!?\"”’]))"
                           r"About (?P<name>[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,3}) (?P=name)\b[^\n]*$")
"""A press release's "About <name>" section, its heading run into its first sentence, which names the same
organisation again: "... on Monday. About Harbour Labs Harbour Labs is a ..."."""

SCREEN_LABEL = re.compile(r"(?<=[.!?:\"”’])(?:Screen ?capture|Screenshot|Screen ?grab)(?=[A-Z])")
"""The label a screenshot left between two sentences, glued to both: "... like so:Screen captureI think ..."."""

SCRIPT = re.compile(r"\(function ?\([\w, ]{0,40}\) ?\{[^\n]{0,800}?\}\)?\(\w+(?:, ?['\"][^'\"\n]{0,40}['\"])*\)\)?;?")
"""An embed's script left in the text by a scrape: "(function(d, s, id) { ... }(document, 'script', 'x-jssdk'));"."""

VIDEO_LINK = re.compile(r"(?:https?://)?(?:www\.|m\.)?(?:youtube\.com/(?:watch\?v=|embed/)|youtu\.be/)[\w-]{11}"
                        r"(?:[?&][\w=%-]+)*")
"""A video's address where the page embedded the video, as a scrape leaves it: "... the speech.
https://www.youtube.com/watch?v=AbCdEfGhIjK", glued to what follows ("...watch?v=AbCdEfGhIjKVia: ..."): the video's
id is eleven characters."""
_PLAYER_BUTTON = builtin_defines()["player_button"]
PLAYER_CONTROLS = re.compile(rf"(?<!\S){_PLAYER_BUTTON}(?: {_PLAYER_BUTTON}){{5,}}(?!\S)")
"""A video player's button labels run into a line with the page around them: "... NFL Play Pause Seek i Volume Mute
Unmute CC SETTINGS OFF HD SD Full Screen Exit Full Screen Dillon to drive ..." (`en.nav.player-controls` takes four or
more as a line of their own; the rule file's `player_button` is both's vocabulary)."""
WIDGET_TOGGLE = re.compile(r"(?:Expand|EXPAND) ?\| ?(?:Collapse|COLLAPSE)\b ?")
"""A picture widget's toggle that opens the line of its caption: "Expand | Collapse (Photo: Example Wire/Jane Roe) The
old pier at dusk."."""
GLUED_POINTER = re.compile(r"(?:(?<=[.!?\"”’)] )|(?<=[a-z.!?\"”’)]))(?:SEE ALSO|RELATED|READ MORE|ALSO READ|READ ALSO)"
                           r"\s*:\s+(?:(?![.!?]\s)[^\n]){5,200}?(?:[a-z0-9)?!’”\"](?=[A-Z])|[A-Z](?=[A-Z][a-z]))")
"""A pointer to another story in a line of paragraphs run together, its headline glued to the next sentence: "...
the pier. SEE ALSO: Why the Ferry Matters to SelbyThe board met ...". Without a glue within a sentence's reach nothing
is taken, so a headline that runs into a sentence of the story stays whole."""
_LINK = r"(?:pic\.twitter\.com/\w+|https?://t\.co/\w+)"
EMBED_LINK = re.compile(rf"{_LINK}(?:[\s—–-]*{_LINK})*")
HANDLE_DATE = re.compile(rf"\(@(?P<handle>\w{{1,15}})\) {_DATE}")
_ATTRIBUTION_END = r"(?=\s*$|\s*[A-Z\"“(\[#@]|[.!?,;:)\]])"
"""Where an embed's attribution ends: the line, a sentence or a mark; "A photo posted by the drummer on July 4, 2017
showed the stage" is the story's sentence."""
POST_SHARED = re.compile(rf"(?:A (?:post|photo|video) (?:shared|posted) by [^\n]{{1,80}}? on {_DAY_FIRST_DATE}"
                         r"(?: at \d{1,2}:\d{2} ?[ap]m(?: (?:[A-Z]{1,3}[SD]T|UTC|GMT))?)?"
                         rf"(?: {_DATE} at \d{{1,2}}:\d{{2}} ?[ap]m(?: (?:[A-Z]{{1,3}}[SD]T|UTC|GMT))?)?"
                         rf"|Posted by (?:[^\n.]|(?<=\b[A-Z])\.){{1,60}}? on (?:[A-Z][a-z]+day, )?{_DAY_FIRST_DATE}"
                         r"|(?:View this (?:post|photo|video|reel) on Instagram )?"
                         r"A (?:post|photo|video|reel) shared by [^\n()]{1,60}? \(@[\w.]{1,30}\))"
                         + _ATTRIBUTION_END)
VIA_LEAD_IN = re.compile(rf"(?:(?<=[.!?\"”’])|(?<=[.!?\"”’] )){builtin_defines()['via_outlet']}(?= ?[A-Z\"“]|$)")
"""Where an excerpt between two of the writer's sentences came from: "... Can you believe it?Via Harbour Ledger:The
meeting ..."."""
FORUM_REPLY = re.compile(r"a reply to: \S{2,40}(?: |$)")
"""A forum post's header naming the member it answers, at its line's start: "a reply to: harbourfan I think the
pier ..." (the post's own words after it are story)."""
FORUM_EDIT = re.compile(r"\[?[Ee]dit(?:ed)? on \(?\d{1,4}([-/])\d{1,2}\1\d{2,4}\)? by "
                        r"(?:[^\[\]\n]{2,40}\]|\S{2,40} because: (?:\(no reason given\)|[^\[\n]{1,200}(?=\[|$))"
                        r"(?:\[/editby\]?)?)")
"""A forum's note that a post was edited, when, by whom and why, on its own line or in brackets glued after the post:
"edit on 9-5-2013 by harbourfan because: (no reason given)", "...keep reading.[edit on 17-8-2008 by Jane]", "[edit
on 12/5/2007 by Jane]", "[edit on (23/4/09) by Jane]". The reason ends the line or stops at the forum's closing tag,
where the post goes on ("... because: (no reason given)[/editby there is a fire ...")."""
SHORT_LINK_POINTER = re.compile(r"Read (?:the|our) (?:full |[Ss]pecial |related )?(?:[Rr]eport|story|article)s? here: "
                                r"(?:https?://)?(?:reut\.rs|tmsnrt\.rs|bit\.ly|goo\.gl)/\w+ ?")
"""A wire's pointer to its longer story by a short link, inside a paragraph: "Read the Special Report here:
reut.rs/2hg0vDR "."""
SEE_REFERENCE = re.compile(r"(?:(?<= )|^)\((?:See|see|SEE)(?: also| ALSO)?: (?=[A-Z0-9“\"‘'])"
                           r"(?:[^()\s]+ ){3,40}[^()\s]+\)")
"""A site's pointer to one of its earlier stories, in brackets inside a paragraph: "... rose again (See: Vaccine
Scandals and Criminal Cases Increase in 2014.)", a headline of four words or more; a reference to a figure, a verse
or a topic ("(see: Figure 3)", "(See: Government shutdown.)") is shorter."""
_POINTER_LABEL = (r"(?:Related|RELATED|Read [Aa]lso|READ ALSO|Read [Mm]ore|READ MORE|Also [Rr]ead|ALSO READ|Recommended"
                  r"|Must [Rr]ead|MUST READ|WATCH|Watch|MORE|More)\s?:\s?(?![a-z])")
BRACKETED_HEADLINE = re.compile(rf"(?<![^\s.!?\"”])(?:\(\s?{_POINTER_LABEL}(?:[^()\s]+\s){{2,60}}[^()\s]+\s?\)"
                                rf"|\[\s?{_POINTER_LABEL}(?:[^\[\]\s]+\s){{2,60}}[^\[\]\s]+\s?\])")
"""Another story's headline under a site's label, in brackets inside a paragraph or alone: "... the way there.
(RELATED: Harbour Board Bars Fishermen… Removes Their Permits) The board ...", "[READ MORE: Ferry fares rise
again]", "(MORE: Can Olive Oil Help the Heart?)"; three words or more. Found in the line, not as a sentence, since an
ellipsis or a stop inside the headline cuts a sentence there. "(See: ...)" is `SEE_REFERENCE`'s."""
BRACKETED_POINTER = re.compile(r" ?\((?:(?:[Cc]lick|CLICK|[Tt]ap) (?:here|HERE)\b|Check out |CHECK OUT )"
                               r"[^()\n]{0,80}\)")
"""A pointer to a link the scrape dropped, in brackets inside a sentence of the story: "Take a look at the budget
office's chart (click here for link) showing ...", "(Check out these 25 harbour recipes )". It goes, and the
sentence stays."""
BRACKETED_NOTE = re.compile(r" ?\[(?:[Cc]orrection|CORRECTION|Note|NOTE|[Uu]pdated?|UPDATED?|Editor['’]s [Nn]ote"
                            r"|EDITOR['’]S NOTE|Ed\.(?: [Nn]ote)?)\s*(?::|[–—-] )[^\[\]\n]{3,400}\]")
"""An editor's or a translator's note in square brackets, anywhere in a line: "... 15 states [Correction: the count
left out one], including ...", "[Ed. – A look back at the ferry's last summer.]", "[Note: quotes are translated.]".
It goes, and the sentence around it stays."""
INLINE_COPYRIGHT = re.compile(r"(?<=[.!?] )© (?:[A-Z]{2,}|Reuters|Getty Images|Sputnik|Shutterstock)(?! Photo)"
                              r" (?=[A-Z])")
"""A picture's credit between its caption and the story's next sentence: "... the harbour office. © AFP The council
...": an agency in capitals or a picture agency's name, where nothing else of the credit follows (a photographer's
name after it, "© Jane Roe / Harbour Times A ...", leaves no end to find)."""
AD_SHORTCODE = re.compile(r"\[\w*ad\w* [\w-]+= ?[^\[\]\n]{1,40}\]")
"""An ad plugin's shortcode that a page's text kept: "[ad3media campaign= 1240 ]"."""
OPENING_VIA = re.compile(r"\(Via [A-Z][^()\n]{1,60}\) ?")
"""Where the paragraph it opens came from, in brackets: "(Via Harbour Ledger) A council member has urged ...". Inside a
line the same brackets say whose words a passage quotes ("English (Via Jane Roe): ...")."""
VIA_CREDIT = re.compile(r"[\[(](?:(?:Image|Photo|Picture|Video|Screenshot)s?|@\w{1,15}"
                        r"|(?:[A-Z][\w.'’-]*\.? ){0,3}[A-Z][\w.'’-]+ ?/ ?[A-Z][\w.&'’ -]{1,30})"
                        r" (?:via|courtesy of) [A-Z][^\[\]()\n]{0,60}?\.?[\])]")
"""A credit in brackets that names where the picture came from: "(Jane Roe/Example Press via AP)", "[Image via
Example Wire.]", "(@janeroe via Instagram)"."""
NAME_CARD = re.compile(r"\b(?P<surname>[A-Z][a-z'’-]+)(?P<card> (?:(?:[A-Z][\w'’.-]*|\([A-Z][\w'’. -]*\)) ){0,5}"
                       r"(?P=surname)(?=[A-Z0-9‘'\"“])[^\n]{10,450}? MORE(?=['’]s\b|[\s,.;:)!?]|$))")
"""A politician's card that a news site shows beside their name, run into the sentence: the full name again, ending on
the same surname glued to the headlines of the site's latest stories on them, and the card's "MORE" button ("... said
Senator Jane Roe Jane Quinn RoeHarbour bill stalls Roe backs ferry fund MORE on Monday")."""
TEMPLATE_TAG = re.compile(r"#(?:share|related|ad|pullquote)#|\bView \d{1,3} more (?:images|photos|pictures) ?")
"""A page template's placeholder that the scrape kept where it glued the next paragraph on: "#share#The mayor ...", or
a gallery's button before a caption: "View 3 more images In this photo ..."."""
READER_POLL = re.compile(r"(?:^|(?<= ))(?:\d{1,3} ?)?% of readers think this (?:story|article) is (?:Fact|Fiction)\."
                         r"(?: Add your two cents\.)?(?= |$)")
"""A site's poll of its readers, its figure lost in the scrape, glued between a headline and the story in a text
without line breaks: "<headline> % of readers think this story is Fact. Add your two cents. <story>". On a line of
its own `en.comments.notice` takes it."""
MEDIA_PLAYBACK = re.compile(r"Media playback is unsupported on your device(?: Media caption)? ?")
"""A broadcaster's video player's message and the label of the caption after it."""
PICTURE_COPYRIGHT = re.compile(r"Image copyright [A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,3} Image caption ")
"""A broadcaster's picture credit and the label of the caption after it: "Image copyright Example Images Image caption
"."""
UPDATE_STAMP = re.compile(r"(?:UPDATE|Update|UPDATED|Updated) ?\((?:\d{1,2}/\d{1,2}/\d{2,4}[;,]? ?)?"
                          r"\d{1,2}:\d{2} ?[APap]\.?[Mm]\.?(?: [A-Z]{2,4})?\): ")
"""A live blog's stamp that opens each update's paragraph: "Update (8/25/17; 8:29 P.M.): "; the update is story."""
QUICKLIST = re.compile(r"^(?:quicklist: ?title: ?|intro: )|(?<=\S) text: (?=[A-Z“\"])")
"""A list template's keys that a scrape left in a broadcaster's list story: "quicklist: title: 1. Jane Roe text:
..."."""
NEW_TAB = re.compile(r"(?: (?=\([^()]{1,30}\)[.,;:!?\"”’)\]]))?\((?:opens|open|opening) in (?:a )?new (?:tab|window)\)")
"""A link's label for screen readers, left after every link of a page: "the report (opens in new tab) says". The space
before it goes too where punctuation follows it."""
_WORD = re.compile(r"\S+")
_LINK_IN = re.compile(_LINK)
_INITIAL = re.compile(r"^(?:[A-Z]|Jr|Sr|Dr|St)\.$")
_TITLE = re.compile(r"^(?:Mr|Mrs|Ms|Prof|Rev|Rep|Sen|Gov|Gen|Lt|Col|Sgt|Capt)\.$")
"""A title that opens a name ("Rep. Jane Roe", "Mrs. Roe"): its stop ends no sentence, and no word before it is
the name's."""
_TITLE_WORDS = frozenset({"Senator", "Governor", "Congressman", "Congresswoman", "Representative", "President",
                          "Mayor", "Bishop", "Pastor", "Reverend", "Judge", "Sheriff", "Dr", "Mrs", "Mr", "Ms"})
"""Titles written out or without their stop, which a handle seldom spells ("Senator Jane Roe (@SenRoe)")."""
_CREDENTIAL = re.compile(r"^(?:MD|RN|DO|PhD|Ph\.D\.|JD|MBA|MPH|MSW|CPA|DDS|DVM|Esq\.?|Jr\.?|Sr\.?)$")
"""What may follow a name after a comma ("Jane Roe, MD", "Jane Roe, RN")."""
_JOINERS = frozenset({"of", "the", "de", "del", "la", "le", "van", "von", "da", "from", "bin"})
"""Small words between two capitalised words of one name ("Mouth of Sauron", "Jane from Tarrow")."""
_LOST = re.compile(r"^\?+$")
"""What an emoji in a display name leaves after a lossy conversion."""
NAME_WORDS = 5
LONG_WALK = 4
"""A walk of this many capitalised words may hold a post's last words before the name (`_long_walk`)."""
_SHOUTED = re.compile(r"^[^a-z]*[A-Z]{3,}[^a-z]*$")
"""A word in capitals, which a post shouts and a display name seldom holds before a name in mixed case."""
NAME_CHARS = 40
"""A poster's display name after a dropped dash is at most this long ("will b", "Pia Wilson ? ?")."""
LINK_CHARS = 40
"""How far before the name the post's own link may start ("pic.twitter.com/AbC123xyz" is 26 characters)."""
_SENTENCE_END = re.compile(r"[a-z][.!?] +[A-Z]")
_LEAD_IN = re.compile(rf"(?:{_LINK}[\s—–-]*)+$|(?<!\S)[—–-]+$")


WIRE_DATELINE = re.compile(rf"{_PLACE},? \((?:{_WIRE}|Reuters)\) ?[-–—]{{1,2}} ?(?=[A-Z\"“‘])")
"""A wire story's dateline with its agency ("MOSCOW (AP) — "): a paragraph opening so starts a wire story wherever it
stands, as where a page runs other stories' summaries above it."""


UPDATED_LABEL = re.compile(r"(?:Updated|UPDATED|Update|UPDATE) ?: ?")
"""A blog's "Updated:" before the dateline of a story it revised: "Updated: HARBOUR CITY — ..."."""


def prefix(unit: str) -> list[tuple[int, int, str]]:
    """The editor's notes, reporters' names and wire dateline that open a story's first line, in order:
    (start, end, category) each. Names and an "Updated:" label count only where a dateline follows them."""
    found: list[tuple[int, int, str]] = []
    end = 0
    while True:
        match = NOTE.match(unit, end)
        category = "note"
        if not match:
            label = UPDATED_LABEL.match(unit, end)
            if label and DATELINE.match(unit, label.end()):
                match = label
        if not match and end == 0:
            match, category = STORY_LABEL.match(unit), "nav"
            empty = EMPTY_BRACKETS.match(unit)
            if not match and empty and (DATELINE.match(unit, empty.end()) or WIRE_BYLINE.match(unit, empty.end())):
                match, category = empty, "note"
        if not match:
            match, category = DATELINE.match(unit, end), "dateline"
        if not match:
            names = WIRE_BYLINE.match(unit, end)
            if names and DATELINE.match(unit, names.end()):
                match, category = names, "byline"
        if not match or match.end() == end:
            return found
        found.append((end, match.end(), category))
        end = match.end()


_WEEKDAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,? "
_STAMP_DATE = (rf"(?:{_WEEKDAY})?(?:{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}|\d{{1,2}} {_MONTH},? \d{{4}}"
               r"|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2}))")
_STAMP_TIME = r"(?:,? (?:at |@ )?\d{1,2}:\d{2}(?::\d{2})?(?: ?[APap]\.?[Mm]\.?)?(?: [A-Z]{2,4}T)?)?"
_POSTED_AGO = r"\d{1,2} (?:mins?|minutes|hours?|hrs) ago"
"""How long ago a page says it was posted, in place of a date: "17 mins ago"."""
_LEAD_TIME = r"\d{1,2}:\d{2} ?[APap]\.?[Mm]\.?(?: [A-Z]{2,4}T)?"
"""A time that a magazine prints before the date of its byline: "5:45 AM PST 11/19/2019 by Jane Roe"."""
_NAME = r"(?:[A-Z][\w'’.-]*|[A-Z]\.)(?: (?:[A-Z][\w'’.-]*|[A-Z]\.|de|van|von|bin)){0,3}"
_SHORT_NAME = (rf"(?!{_MONTH}\b)(?:(?:Dr|Mr|Mrs|Ms|Prof|Rev)\.? )?[A-Z][\w'’.-]*(?: [A-Z]\.)?"
               r"(?: (?!Share\b)[A-Z][\w'’-]+)?")
"""A name after a date stamp, where nothing follows to end it: a first and last name at most ("... 2016 by Jane Roe
Donald Trump said ..." keeps the story's first words), not the share buttons after it ("by Jane R. Share ...")."""
_ENTRY_META = (r"(?: (?:by|By) [A-Z][\w'’.-]*(?: [A-Z][\w'’-]+){0,2}(?= *$))?"
               r"(?: in [A-Z][\w&'’-]*(?: [A-Z][\w&'’-]*){0,2}(?: ?, ?[A-Z][\w&'’-]*(?: [A-Z][\w&'’-]*){0,2})*"
               r"(?= ?(?://|\||·)| ?$))?(?: ?(?://|\||·) ?\d+ (?:Comments?|Responses?|Replies))?")
"""What a blog theme prints after a post's byline: its writer again where the line ends on them ("By Jane Roe Posted
on November 7, 2016 by Jane Roe"), its sections, where a separator or the line's end closes them (" in News , UK //
0 Comments"; "in Harbour City, the council ..." is the story's), and its count of comments."""
DATED_BYLINE = re.compile(rf"(?:(?:By|by|BY) {_NAME}(?:,? on|,| \||:| [-–—]| /)? {_STAMP_DATE}{_STAMP_TIME}"
                          rf"|(?:(?:Posted|Published|Updated)(?: on| at)?:? )?(?:{_LEAD_TIME}(?: on)? )?{_STAMP_DATE}"
                          rf"{_STAMP_TIME},? (?:by|By|BY):? {_SHORT_NAME}"
                          rf"|(?:Posted|Published)(?: on)?:? {_STAMP_DATE}{_STAMP_TIME}"
                          rf"|(?:{_NAME} \| {_NAME}|[A-Z][\w-]*\.(?:com|org|net)) [-–—] {_STAMP_DATE}){_ENTRY_META}")
"""An author and a date stamp that a scrape glued into a header line, before the story's first sentence or after the
headline: "By Jane Roe on Fri, Oct 28th, 2016 at 2:27 pm ", "<headline> by Jane Roe, October 27, 2016 ",
"<headline> By Jane Roe, on September 15th, 2016",
"Posted on October 26, 2016 by Jane Roe ", "5:45 AM PST 11/19/2019 by Jane Roe", "Posted at 10:29 am on October 27,
2016 by Jane R.", "Jane Roe | Harbour Post - October 28, 2016", "Harbour.com - October 27, 2016". The date is what
tells a byline from a story's "by": a name alone cannot say where it ends."""
BYLINE_REACH = 600
"""How far into a header line, after the pieces that open it, a dated byline may stand: behind a breadcrumb and a
headline, not in the story of a text that is one line."""
_BYLINE_WORDS = ("by", "By", "BY", "Posted", "Published", " | ", ".com - ", ".org - ", ".net - ")
"""Words every `DATED_BYLINE` holds; a line without any within reach is not searched."""
_LEADS = ("By", "BY", "Posted", "Published", "Updated")
"""How a byline inside a line opens when nothing (a sentence's end, a separator, a glued headline) ends what stands
before it: "<headline> By Harbour TV on October 27, 2016"."""
_HEADER_END = re.compile(r" ?(?:Share|SHARE|Comments)\b")
"""What follows a byline that ends a header line: the page's share buttons or its comment count. There a lower-case
"by" after the headline is the byline's ("<headline> by Jane Roe, October 28, 2016 Share This"), not a story's
("signed by Jane Roe on March 3, 2016, and ...", or a line that ends on such a date)."""
_NAMED_OPENING = re.compile(rf"By (?!{_MONTH}\b|(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\b)"
                            r"[A-Z][a-z][\w'’-]+(?: [A-Z]\.)? [A-Z][a-z][\w'’-]+ (?=[A-Z\"“‘][a-z’']|[A-Z] )")
"""A byline glued to the first sentence of a text: "By" and a first and last name (maybe a middle initial), then a
capital that starts a sentence ("By Jane Roe The council ..."). Two names, no more: a third capitalised word is
more often the sentence's first ("By Jane Roe Students at ...")."""


_OPENER = f"(?:{'|'.join(segment.SENTENCE_OPENERS)})"


def _longest_first(words: frozenset[str]) -> str:
    """An alternation of the words that tries the longer first, so that "Thanks" is not read as "The" and more."""
    return f"(?:{'|'.join(sorted(words, key=lambda word: (-len(word), word)))})"


_GLUED_OPENER = _longest_first(segment.GLUED_OPENERS)
_NAMELESS_OPENER = _longest_first(segment.GLUED_OPENERS - {"The"})
"""The words a sentence opens on that open no outlet's name ("The Hill" is one; "When TVNewser and ..." is a
sentence about one)."""
_BUTTONS = r"Get short URL|Leave a (?:Comment|[Rr]eply)(?: \d+)?|Comments"
"""Buttons a crawl keeps before the first sentence, or as all that a header line holds after the byline."""
_NETWORK = r"Facebook|Twitter|Pinterest|Reddit|LinkedIn|Tumblr|WhatsApp|Flipboard"
"""A network's share button, which a crawl may keep as all that a header line holds ("Pinterest"); before a
sentence on the same line it is more often the story's first word ("Facebook said ...")."""
_OPENINGS = (
    (re.compile(rf"(?:(?:Email|E-mail|Print|Tweet|Share(?: on (?:Facebook|Twitter)|:)?|{_BUTTONS}|\d+ Comments?"
                r"|\d[\d,.]*[Kk]? (?:SHARES|Shares|shares|VIEWS|Views|views|Likes?)"
                r"|(?:[A-Z][^()\n]{2,60} \( \d{1,5} \) )?\d{1,5}(?: \d{1,5}){2,5}) )+"
                rf"(?=[A-Z\"“‘]|by )|(?:{_BUTTONS}|{_NETWORK})$"), "share"),
    (re.compile(r"(?:Report Copyright Violation|Next Swipe left/right) (?=[A-Z0-9\"“‘])"), "nav"),
    (re.compile(r"Enlarge(?: this image)?(?: (?:toggle|hide) caption)? (?=[A-Z0-9\"“‘])"), "nav"),
    (re.compile(r"(?:By [A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){1,3}, (?:AP|AFP|Reuters|REUTERS|USA TODAY|Getty Images)"
                r"|(?:[A-Z][\w'’.-]* ){1,3}Photo Service) (?=[A-Z0-9\"“‘])"), "credit"),
    (re.compile(r"\(Want to get this (?:briefing|newsletter) by email\? Here[’']s the(?: sign-up)? ?\.\) ?(?=[A-Z])"),
     "newsletter"),
    (re.compile(rf"{_POSTED_AGO} (?=[A-Z0-9\"“‘])"), "byline"),
    (re.compile(r"(?:[Ss]hare )?(?:in|[Tt]ags|[Tt]opics|[Ff]iled under): [A-Z][\w&'’-]*(?: [A-Z][\w&'’-]*)?"
                r"(?: ?, ?[A-Z][\w&'’-]*(?: [A-Z][\w&'’-]*)?)* ?(?=[A-Z\"“‘]|$)"), "nav"),
    (re.compile(rf"(?:(?:Posted|Published|Updated)(?: on| at)?:? |[A-Z][\w-]*\.(?:com|org|net|info) )?"
                rf"{_STAMP_DATE}{_STAMP_TIME}(?: ?[:|·–—-])? "
                r"(?=[A-Z0-9\"“‘])"), "byline"),
    (re.compile(r"(?:Posted|Written|Submitted|posted|written|submitted) by [A-Z][\w'’.-]*(?: [A-Z][\w'’-]+)? "
                r"(?=[A-Z\"“‘][a-z’']|[A-Z] )"), "byline"),
    (re.compile(rf"[Bb]y [A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){{0,3}} / {_STAMP_DATE} / "
                r"(?:[A-Z][A-Za-z&]*(?: [A-Z][A-Za-z&]*)? / )?(?=[A-Z\"“‘])"), "byline"),
    (re.compile(r"(?:[A-Z0-9][\w'’.-]* ){1,3}(?:Wire|WIRE) (?:says|asks|reports|writes|adds):? (?=[A-Z\"“‘])"),
     "byline"),
    (re.compile(r"(?:[A-Z][\w.'’-]* {1,3}){1,4}[A-Z][a-z'’-]+[a-z]"
                rf"(?={_OPENER} [a-z])"), "byline"),
)
"""What a crawl glues before a text's first sentence: share buttons and comment counters ("Email ", "Print ", "0
Comments ", "Get short URL ", "2 Views 0 Comments 0 Likes ", "0 37 0 0 ", after the topic the story is filed under
and its count of stories: "Ferries After the Strike ( 31 ) 0 13 0 0 "), a gallery's or a forum's buttons ("Next
Swipe left/right ", "Report Copyright Violation "), a photo viewer's "Enlarge " and the photo's credit after it ("By
JANE ROE, AP ", "Harbour Photo Service "), a newsletter's "(Want to get this briefing by email? Here's the
sign-up.)", how long ago it was posted ("17 mins ago "), the sections or tags a post was filed in ("in: Local ,
Weather "), a date stamp, after the site's domain or not ("November 1, 2016 at 10:28 am ", "Harbour.org November 1,
2016 "), a poster's name ("posted by Jane Roe "), a theme's byline with its date and section ("by Jane Roe / November
7, 2016 / POLITICS / "), a wire outlet's lead-in to a story it reposts ("Harbour Wire says "; "Reuters says" or
"Harbour News says" may open a story about the outlet), the reposted story's writer and outlet glued to its first
word ("Jane Roe Harbour NewsThe council ...": a name's own capital inside it, "McAdams", "BancGroup", opens no
sentence). A capital must follow: the story starts there (or a byline, after a counter); a comment button, the
short-link button or a network's share button may be all the line holds ("Pinterest")."""
_CRAWLED = _OPENINGS[:-1]
"""`_OPENINGS` but the name glued to the first word, which a story's first words may look like: the pieces that show
a crawl put them there, wherever they stand in a header line."""


REPOSTED_BYLINE = re.compile(r"(?:^|(?<=[.!?:\"”’a-z])|(?<=[.!?:\"”’] )|(?<=  ))(?:By )?[A-Z][a-z'’-]+ "
                             r"(?:[A-Z]\. )?[A-Z][a-z'’-]+ {1,2}(?:[A-Z0-9][\w'’.-]* ){0,3}"
                             rf"{_OUTLET_WORD}(?=(?:{_OPENER}|[A-Z][a-z'’]+) \w)")
"""A reposted story's writer and outlet where the repost begins, after the outlet's own introduction, glued to the
story's first word: "... into law. Jane Roe Harbour PostThe Senate voted ...", "... Jane Roe Harbour WireEarlier this
week ...", or to an epigraph's author before it ("... his accomplices. Tom ReedJane Roe Harbour PostWe walked ...",
whose author stays). With the writer's name before it any capitalised word may follow; an outlet's name alone
(`GLUED_SOURCE`) needs a word a sentence opens on ("StarNews quoted" is a name)."""
GLUED_SOURCE = re.compile(r"(?:(?<=[.!?:)\"”’])|(?<=[.!?:)\"”’] ))"
                          r"(?:For (?:the )?(?:entire|full) (?:story|article):? )?(?:[A-Z][\w'’&.-]* ){0,3}"
                          rf"{_OUTLET_WORD}(?={_GLUED_OPENER},? \w)"
                          rf"|(?:(?<=[.!?)\"”’] )|(?<=[.!?\"”’]))(?!{_NAMELESS_OPENER} )(?:[A-Z][\w'’&.-]* ){{1,3}}"
                          rf"{_OUTLET_WORD}(?=(?!{_OUTLET_WORD}\b)(?:[A-Z][a-z'’]{{2,}}|[A-Z]{{2,}})\b)"
                          r"|(?:Read more|Read More|READ MORE|Via|VIA): (?:[A-Z][\w'’&.-]* ){0,3}"
                          rf"{_OUTLET_WORD}(?=[A-Z])")
"""The outlet a quoted excerpt came from, after the excerpt's last sentence and glued to the writer's next paragraph:
"... the source said. Harbour PostThe council ...", "... in 2009. For entire story: Harbour PostThe inquiry ...". A
writer's name before it makes it `REPOSTED_BYLINE`'s. The glued word must open a sentence ("StarNews quoted him" is a
name), unless a label names the source ("... it.Via: Harbour PostMeanwhile ...", "Read more: Harbour PostHere ...")
or the outlet's name has a word before its last one, opens on no sentence opener but "The", and the glued word is no
outlet's ("... he said Monday. The HillRepresentative Roe ...", "... just prior. The HillTerrible! ..."; "Harbour
StarNews", "DailyMail" and "When TVNewser reports ..." are names)."""
GLUED_NAME = re.compile(r"(?:(?<=[.!?:)\"”’])|(?<=[.!?:)\"”’] ))-?(?:[A-Z][\w'’&.-]* ){0,2}[A-Z][\w'’&.-]*$")
"""A source named after an excerpt's last sentence in any words, glued to a word a sentence opens on
(`segment.GLUED_OPENERS`): "... in May. Ars TechnicaIn late 2013 ...", "... the cuts. -HPListen to the mayor ...",
"... the vote. QuaysiderMany readers ..."."""
_GLUE = re.compile(r"[A-Z](?<=[A-Za-z][A-Z])(?=[a-z])")
"""A word glued to the next paragraph's first word, which starts at the match (the capital first: a search that
opens on any letter took three times as long in a long line)."""
_GLUED_WORD = re.compile(r"[A-Z][a-z]+(?= \w)")
REPOSTED_BYLINE_CHARS = 100
GLUED_NAME_CHARS = 40
_OPENER_CHARS = max(map(len, segment.GLUED_OPENERS)) + 3
"""How far past a glue the look-ahead for the sentence's first word reads: the word, a comma, a space and a letter."""
GLUED_LINE_CHARS = 1000
"""A line this long is paragraphs a scrape ran together, where a writer's bio may end it; a paragraph of its own
would hold the bio on a line of its own."""
GLUED_OUTLET_LINE_CHARS = 300
"""A line at least this long is looked through for a repost's byline or an excerpt's outlet glued between two
paragraphs: the glue itself says the scrape ran them together ("... the front rows. BreitbartWhen the ..." in a
short post of one line), so the line need not be as long as `GLUED_LINE_CHARS` asks of a bio."""


_BRAND = re.compile(r"[A-Z][A-Z\d]{1,7}|\w*(?:[a-z]{3}[A-Z]|[A-Za-z]\d|\.\w)[\w.]*")
"""A name's last word that only a brand or a publication spells so: initials ("NYP", "GP"), a capital after a word
inside the word ("ZeroHedge", not a person's "MacArthur" or "DeSantis"), a digit ("Fox6Now") or a site's address
("Harbour.com")."""


def _brand(name: str) -> bool:
    """Whether a glued name is a publication's, not a subheading's ("Wild Goose Chase", "FINDING THE PIER"): its
    last word is spelt as only a brand is (`_BRAND`), and no word before it is in capitals."""
    *before, last = name.lstrip("-").split()
    return _BRAND.fullmatch(last) is not None and not any(word.isupper() for word in before)


def _glued_outlets(unit: str) -> Iterator[tuple[int, int, str]]:
    """`REPOSTED_BYLINE` and `GLUED_SOURCE` in a line of paragraphs run together (GLUED_OUTLET_LINE_CHARS), looked
    for only before a glue whose word is an outlet's last word (searching the whole line for them cost a tenth of
    strip's time there), and `GLUED_NAME` before a glued word that opens sentences."""
    if len(unit) < GLUED_OUTLET_LINE_CHARS:
        return
    for glue in _GLUE.finditer(unit):
        end = glue.start()
        if unit[unit.rfind(" ", 0, end) + 1:end] not in OUTLET_LAST_WORDS:
            opener = _GLUED_WORD.match(unit, end)
            if opener and opener.group() in segment.GLUED_OPENERS:
                name = GLUED_NAME.search(unit, max(0, end - GLUED_NAME_CHARS), end)
                if name and _brand(name.group()):
                    yield name.start(), end, "source"
            continue
        start = max(0, end - REPOSTED_BYLINE_CHARS)
        found = []
        for pattern, category in ((REPOSTED_BYLINE, "byline"), (GLUED_SOURCE, "source")):
            match = pattern.search(unit, start, end + _OPENER_CHARS)
            if match and match.end() == end:
                found.append((match.start(), match.end(), category))
        if found:
            yield min(found)  # the longer piece: "Via: Harbour News" over the name alone


_SITE_AFTER_TITLE = re.compile(r" [»|] | [-–—] ")
"""Where a title's own words end and the site's name begins: "<headline> » Example Daily", "<headline> | Example"."""
HEADLINE_WORDS = 4
"""A title shorter than this may be the first words of a sentence; a longer one followed by a capital is not."""
_CRUMBS = re.compile(r"[^.!?]{0,120}")
"""What may stand before a headline glued into a text's first line: labels and a breadcrumb ("Home » Gold » "), no
sentence."""
_TITLE_STAMP = re.compile(rf"(?:(?:Posted|Published|Updated)(?: on| at| time)?:? )?"
                          rf"(?:{_STAMP_DATE}{_STAMP_TIME}|{_POSTED_AGO})"
                          r"(?: ?[|·–—-])?(?:(?: \d{1,6}){0,3} *$| (?=[A-Z0-9\"“‘]))")
"""A page's date stamp right after its headline, to the line's end (with the counters of shares and comments there:
"<title> Nov 9, 2016 1 0") or before the story's first capital ("<title> 11/02/2016", "<title> Published time: 26
Oct, 2016 19:47 The ..."): no sentence goes on so from a title's words."""


def glued_headline(unit: str, title: str) -> list[tuple[int, int, str]]:
    """The record's title glued into the text's first line with what a crawl put before it (a breadcrumb, a section,
    a share button) and the title's repeats: "Home » Gold » <title> <title> By Jane Roe ...", and a date stamp after it
    (`_TITLE_STAMP`). A stamp or another crawled piece (`_CRAWLED`) after the title shows it is the page's headline.
    Only where a capital, another piece or the line's end follows the last title, so a headline that is the story's
    first words stays."""
    for headline in dict.fromkeys(part.strip() for part in (title, _SITE_AFTER_TITLE.split(title)[0])):
        if len(headline.split()) < HEADLINE_WORDS:
            continue
        start = unit.find(headline)
        if start < 0 or not _CRUMBS.fullmatch(unit, 0, start):
            continue
        following = _after_spaces(unit, start + len(headline))
        while unit.startswith(headline, following):
            following = _after_spaces(unit, following + len(headline))
        rest = unit[following:]
        stamp = _TITLE_STAMP.match(unit, following)
        crawled = stamp or any(pattern.match(unit, following) for pattern, _category in _CRAWLED)
        if rest and not crawled and not rest[0].isupper() and rest[0] not in "\"“‘":
            continue
        repeated = following > _after_spaces(unit, start + len(headline))
        if rest and not (repeated or crawled or unit[:start].strip() and _headline_cased(headline)):
            continue  # a scraper's title made of the story's first words ("Two officials told Reuters the policy")
        pieces = [(0, start, "nav")] if unit[:start].strip() else []
        stamps = [(following, stamp.end(), "byline")] if stamp else []
        return [*pieces, (start, following, "headline"), *stamps]
    return []


def _after_spaces(unit: str, position: int) -> int:
    """The first position at or after `position` that is not white space (the line's end if none is)."""
    return len(unit) - len(unit[position:].lstrip())


def _headline_cased(headline: str) -> bool:
    """Whether a title reads as a headline, not as a sentence's first words: it ends on a question or exclamation
    mark or a bracket, or most of its longer words are capitalised ("Fastest Electric Ferry Unveiled In Sweden")."""
    if headline.endswith(("?", "!", ")", "?”", "!”")):
        return True
    longer = [word for word in headline.split() if len(word) >= 4 and word[0].isalpha()]
    return bool(longer) and sum(word[0].isupper() for word in longer) >= 0.6 * len(longer)


def header_bylines(unit: str, first: bool, position: int = 0) -> Iterator[tuple[int, int, str]]:
    """Bylines inside a line of a text's header (`DATED_BYLINE`), where they open the line or follow a sentence's
    end or the headline (a capitalised "By"), with a crawled piece that ends the line after one ("... by Jane Roe
    Leave a Comment 0"); in the text's first line also what `_OPENINGS` finds before the first sentence and a name
    without a date (`_NAMED_OPENING`); `position` is where the line's first piece ends, such as a glued headline."""
    while first:
        for pattern, category in _OPENINGS:
            found = pattern.match(unit, position)
            if found:
                yield position, found.end(), category
                position = found.end()
                break
        else:
            break
    reach = min(len(unit), position + BYLINE_REACH)
    if not any(word in unit[position:reach] for word in _BYLINE_WORDS):
        return
    for match in DATED_BYLINE.finditer(unit, position, reach):
        start, end = match.span()
        before = unit[:start].rstrip()
        if (start > position and before and before[-1] not in ".!?\"”’:|·–—-" and not unit.startswith(_LEADS, start)
                and not (unit.startswith("by ", start) and _HEADER_END.match(unit, end))):
            continue  # "signed by Jane Roe on March 3, 2016", "ended February 28, 1987 by May 28": a story's words
        if end < len(unit) and unit[end] not in " |·-–—":
            continue
        end = _with_separator(unit, end)
        yield start, end, "byline"
        after = _after_spaces(unit, end)
        for pattern, category in _CRAWLED:  # a counter or a button the theme prints after the byline
            found = pattern.match(unit, after)
            if found and not unit[found.end():].strip():
                yield after, found.end(), category
                break
        return
    if first:
        named = _NAMED_OPENING.match(unit, position)
        if named:
            yield position, named.end(), "byline"


_SEPARATOR = re.compile(r" ?[|·/–—-]* ?")


def _with_separator(unit: str, end: int) -> int:
    """The end of a piece widened over the separator that follows it ("... 2:27 pm | ", "... 2016 · ")."""
    separator = _SEPARATOR.match(unit, end)
    return separator.end() if separator else end


def covers(pieces: list[tuple[int, int, str]], unit: str) -> bool:
    """Whether pieces found at the start of a unit leave nothing of it."""
    return bool(pieces) and not unit[pieces[-1][1]:].strip()


def tail(unit: str) -> list[tuple[int, int, str]]:
    """The credits and cues that end a line, last first: (start, end, category) each; above a source note or a
    pointer, the writer's bio (`CHAINED_BIO`)."""
    found: list[tuple[int, int, str]] = []
    end = len(unit.rstrip())
    while end > 0:
        piece = _tail_at(unit, end)
        below_pointer = bool(found) and found[-1][2] in ("source", "related", "donation")
        if piece is None and below_pointer:
            piece = _chained_bio(unit, end)
        if piece is None and (below_pointer or not found):
            piece = _closing_bio(unit, end)
        if piece is None and found:
            piece = _wire_credit_head(unit, end)
        if piece is None:
            break
        found.append(piece)
        end = len(unit[:piece[0]].rstrip())
    return found


CHAINED_BIO = re.compile(r"(?:[A-Z][\w.'’-]+(?: (?:and )?[A-Z][\w.'’-]+){1,4}) (?:is|was) (?:an? |the )"
                         r"(?:[\w-]+,? ){0,6}(?:writer|journalist|author|correspondent|columnist|contributor|editor"
                         r"|reporter|blogger|analyst|commentator|novelist|filmmaker|founder)s?\b[^\n]{0,600}$")
"""A writer's bio as the last sentences of a text scraped as one line, read only above the source note or pointer
that ends it ("... in the community.Jane Roe is the author of Harbour Lights. This article was originally published
at Harbour Post"): as the last sentence alone it may be the story's ("... the report. Jane Roe is the author of
the study.")."""
CHAINED_BIO_WORDS = 90
CHAINED_BIO_REACH = 700


def _chained_bio(unit: str, end: int) -> tuple[int, int, str] | None:
    starts = [m.start() for m in _SENTENCE_START.finditer(unit, max(1, end - CHAINED_BIO_REACH), end)]
    for start in reversed(starts):  # the last sentence that opens a bio: a name's "is the founder" above it is not
        if CHAINED_BIO.match(unit, start, end) and len(unit[start:end].split()) <= CHAINED_BIO_WORDS:
            return start, end, "bio"
    return None


CLOSING_BIO = re.compile(r"(?:[A-Z][a-z-]+(?:, [a-z-]+)*,? and [a-z-]+(?: [a-z-]+)?, )?(?:(?:Dr|Prof|Rev)\. )?"
                         r"(?P<subject>[A-Z][\w'’-]+(?: [A-Z]\.)?(?: [A-Z][\w'’-]+){1,2})(?: \(@\w+\))?"
                         r" (?:is|was|has|writes|covers) ")
"""Where a writer's bio opens: their roles, then their name ("Novelist and filmmaker, Jane Roe has covered ...",
"Dr. Jane Roe was ...")."""
_BIO_CUES = re.compile(r"\b(?:books?|author|columnist|columns|journalist|writer|editor|contributor|novel|latest|"
                       r"website|Twitter|blog|articles|publications|can be reached|writes for)\b")
REPORTING = re.compile(r"\b(?:said|says|told|according to)\b")
"""The words of a sentence that reports what someone said: a story's, never a bio's or a notice's."""
CLOSING_BIO_CUES = 3
CLOSING_BIO_WORDS = 200
CLOSING_BIO_REACH = 1500


def _closing_bio(unit: str, end: int) -> tuple[int, int, str] | None:
    """A writer's bio that ends a text scraped as one line (GLUED_LINE_CHARS), with no pointer below it: the last
    sentences from where a person is introduced whom the text above never names (but for a byline at its start),
    which speak of their writing (`CLOSING_BIO_CUES` kinds of word: books, columns, a website) and report nothing. A
    story that ends on a person it names above, or on what someone said, keeps its end."""
    if len(unit) < GLUED_LINE_CHARS:
        return None
    reach = max(1, end - CLOSING_BIO_REACH)
    if _cue_kinds(unit, reach, end) < CLOSING_BIO_CUES:
        return None  # no bio can start here: the cheap test first, for a line's sentence starts are many
    for sentence in _SENTENCE_START.finditer(unit, reach, end):
        start = sentence.start()
        opening = CLOSING_BIO.match(unit, start, end)
        if opening is None or len(unit[start:end].split()) > CLOSING_BIO_WORDS:
            continue
        surname = opening.group("subject").split()[-1]
        if _named_above(unit, surname, start) or REPORTING.search(unit, start, end):
            continue
        if _cue_kinds(unit, start, end) >= CLOSING_BIO_CUES:
            return start, end, "bio"
    return None


def _named_above(unit: str, name: str, start: int) -> bool:
    """Whether the text above `start` names `name` past its first characters (where the post's own byline sits),
    outside the byline of a story it reposts ("... in Syria. Jane Roe Harbour PostIf the ..."): that byline names the
    writer whom a bio at the end introduces."""
    if name not in unit[REPOSTED_BYLINE_CHARS:start]:
        return False
    bylines = [match.span() for pattern in (REPOSTED_BYLINE, GLUED_SOURCE)
               for match in pattern.finditer(unit, REPOSTED_BYLINE_CHARS, start)]
    position = unit.find(name, REPOSTED_BYLINE_CHARS, start)
    while position >= 0:
        if not any(begin <= position < finish for begin, finish in bylines):
            return True
        position = unit.find(name, position + 1, start)
    return False


def _cue_kinds(unit: str, start: int, end: int) -> int:
    """How many kinds of `_BIO_CUES` word unit[start:end] holds."""
    return len({cue.group().lower() for cue in _BIO_CUES.finditer(unit, start, end)})


def _last_word(unit: str, end: int) -> str:
    """The last word before `end`, without the marks a label may end on ("Tags :" -> "Tags")."""
    while end > 0 and unit[end - 1] in " :!?.…":
        end -= 1
    return unit[unit.rfind(" ", 0, end) + 1:end]


def _wire_credit_head(unit: str, end: int) -> tuple[int, int, str] | None:
    """What is left of a line above the credits and cues found below it, where that is a wire's credit from the
    line's start: "(Additional reporting by Jane Roe, Editing by Tom Poe)" on the line of its "Read the original
    article on Reuters." (alone on its line it is the rules' to take). Other kinds may open a sentence ("Photos from
    the quay are on our Facebook page.")."""
    return (0, end, "byline") if WIRE_CREDIT.match(unit, 0, end) else None


def _tail_at(unit: str, end: int) -> tuple[int, int, str] | None:
    """The longest credit or cue that ends at `end` and starts at a sentence boundary inside the line (a whole
    line of credit is the rules' to take, where a user can switch it off)."""
    last_word = _last_word(unit, end)
    if last_word in _LABEL_LAST_WORDS:
        label = _LABEL_TAIL.search(unit, max(1, end - LABEL_REACH), end)
        if label:
            return label.start(), end, str(label.lastgroup)
    if last_word == "HERE":
        pointer = CAPS_POINTER.search(unit, max(1, end - CAPS_POINTER_REACH), end)
        if pointer:
            return pointer.start(), end, "cta"
    if last_word in OUTLET_LAST_WORDS or (_INITIALS.fullmatch(last_word) and last_word not in NOT_INITIALS):
        outlet = OUTLET_SIGN_OFF.search(unit, max(1, end - OUTLET_REACH), end)
        if outlet:
            return outlet.start(), end, "source"
    reach = max(0, end - _TAIL_REACH)
    window = unit[reach:end].lower()
    if not any(map(window.__contains__, _TAIL_CUES)):
        return None
    for start in (m.start() for m in _BOUNDARY.finditer(unit, max(1, reach), end)):
        for category, pattern, most_words in TAILS:
            if pattern.match(unit, start, end) and len(unit[start:end].split()) <= most_words:
                if category in ("credit", "source") and _SENTENCE_AFTER_GLUE.search(unit, start + 1, end - 1):
                    continue  # a sentence glued to the credit: `_glued_credits` takes the credit alone
                if category == "byline" and pattern is not WIRE_CREDIT and _QUOTATION.match(unit[:start]):
                    continue  # a quotation and its author ("“No one here gets out alive.” — Jane Roe")
                if pattern is SIGN_OFF and not _SENTENCE_CLOSED.search(unit, 0, start):
                    continue  # a fixture or a pairing, not a sign-off ("FC Augsburg (Manninger) – Borussia Dortmund")
                return start, end, category
    return None


POPUP = re.compile(r"(?:(?<=[.!?\"”] )|^)× (?=[A-Z0-9\"“‘])[^×\n]{20,600}?\b"
                   r"(?:Buy Now|BUY NOW|Shop Now|SHOP NOW|Order Now|ORDER NOW|Learn More|LEARN MORE|Sign Up|SIGN UP|"
                   r"Subscribe Now|SUBSCRIBE NOW|Download Now|Get It Now)\b[.!]? ?")
"""A pop-up box the scrape glued into a paragraph, from its close button to its button: "× Our New Book ... Buy Now"."""
SCRIBD = re.compile(r"(?:(?<=[.!?\"”] )|(?<=[.!?\"”])|^)(?=\S)(?:[^.!?\n]|\.(?![ A-Z])){1,150}? "
                    r"by [A-Z][^.!?\n]{1,80}? on Scribd(?![a-z])\.?")
"""What an embedded document leaves: its title, its publisher and the host ("<title> by <publisher> on Scribd")."""
AUDIO_PLAYER = re.compile(r"(?:Listen )?Listen to (?:[^.!?\n]|\.(?! ))[^!?\n]{0,118}? "
                          r"on (?:Spreaker|SoundCloud|Soundcloud|Mixcloud)(?![a-z])\.?")
"""What an embedded audio player leaves: "Listen to <episode> on Spreaker."."""
VIDEO_PLAYER_LINKS = re.compile(r"[A-Z][\w'’&.-]*(?: (?:[A-Z][\w'’&.-]*|with|of|the|and)){0,7} Get More: "
                                r"[^\n]{3,200}?Video Archive")
"""What a network's embedded video player leaves, its show and the links under the video: "<Show> Get More: <Show> Full
Episodes,<Show> on Facebook,<Show> Video Archive"."""


IMPORTED_CONTENT = re.compile(r"(?:(?<=[.!?\"”’] )|^)This content is imported from [\w. ]{2,30}\. You may be able "
                              r"to find the same content in another format, or you may be able to find more "
                              r"information, at their web ?site\.")
"""A publishing platform's placeholder for an embedded post, glued into the paragraph around it when a page is
flattened (a line of its own is the media-player rule's)."""


PRICE_BOX = re.compile(r" (?:Best Price: \$+[\d.,]+(?: Buy New \$+[\d.,]+)?|Buy New \$+[\d.,]+)"
                       r" \(as of \d{1,2}:\d{2} [A-Z]{2,4} - Details ?\) ?")
PRICE_BOX_TITLE = 160
"""A shop's box for a book or product the column mentions, glued into the paragraph around it: "<title>...
<author> Best Price: $11.74 Buy New $10.25 (as of 08:40 EST - Details)", its title and author at most this many
characters long."""
NEW_PRICE_TITLE = 60
"""The same box with the new price alone ("<product>... Buy New $3.50 (as of ...)") cuts its title shorter, and is as
often glued inside a sentence of the story ("... will kill you far <product>... Buy New ..."): only a box whose title
opens a line or follows a sentence's end within this reach goes."""
_BOX_OPENING = re.compile(r"(?:^|(?<=[a-z]{2}[.!?] )|(?<=[a-z]{2}[.!?][\"”] ))(?=\S)")
"""Where the box's title may open: the line's start or a sentence's end, not a title's "..." or an author's "Jr. "."""
CUT_TITLE = 22
"""The box cuts a longer title, and a longer list of authors, to this many characters and "...", and names the author
in at most BOX_AUTHOR characters: the title opens that far before its dots, wherever the story's sentence before it
ends or whatever is glued to it ("... so upset many of them The Power of No: Becau... <author> Best Price: ...",
"<title>: How Hi... Jane Roe, Tom Ree... Best Price: ...")."""
BOX_AUTHOR = 40
_CUT_END = re.compile(r"\.\.\.(?= [A-Z]| ?$)")
_TITLE_START = re.compile(r"[A-Z0-9]")


def _cut_title(unit: str, box: int) -> int | None:
    """Where a box's cut title opens (before its cut list of authors, if that is cut too), if the box has one and
    a capital or a figure stands there: a shop that cuts its titles shorter or longer lands inside a word."""
    ends = [end.start() for end in _CUT_END.finditer(unit, max(0, box - BOX_AUTHOR - 3), box)]
    if not ends:
        return None
    start = ends[-1] - CUT_TITLE
    before = unit[:max(0, start)].rstrip()
    if before.endswith("...") and len(before) - 3 >= CUT_TITLE:
        start = len(before) - 3 - CUT_TITLE
    return start if start >= 0 and _TITLE_START.match(unit, start) else None


def _price_boxes(unit: str) -> Iterator[tuple[int, int, str]]:
    """Each box from where its title opens to its "Details)": a box without an opening in reach is left alone."""
    for box in PRICE_BOX.finditer(unit):
        cut = _cut_title(unit, box.start())
        if cut is not None:
            yield cut, box.end(), "ad"
            continue
        reach = PRICE_BOX_TITLE if box.group().startswith(" Best Price") else NEW_PRICE_TITLE
        openings = [opening.start() for opening in
                    _BOX_OPENING.finditer(unit, max(0, box.start() - reach), box.start())]
        if openings:
            yield openings[-1], box.end(), "ad"


def _spans(pattern: re.Pattern[str], unit: str, category: str) -> Iterator[tuple[int, int, str]]:
    """Every match of `pattern` in the line, as a piece of `category`."""
    return ((match.start(), match.end(), category) for match in pattern.finditer(unit))


def inline(unit: str) -> Iterator[tuple[int, int, str]]:
    """Pieces inside a line: embedded posts' attributions and links, credits in brackets, editors' notes, a news
    site's cards on the people a story names, a template's placeholders."""
    yield from _glued_outlets(unit)
    if " Best Price: " in unit or " Buy New $" in unit:
        yield from _price_boxes(unit)
    if "redit" in unit or "REDIT" in unit or "Photo" in unit or "Picture" in unit:
        for match in LABELLED_CREDIT.finditer(unit):
            yield match.start() + 1, match.end(), "credit"
    if "H/T" in unit or "h/t" in unit or "Hat tip" in unit or "HAT TIP" in unit:
        yield from _spans(HAT_TIP, unit, "source")
    if "Tags" in unit or "TAGS" in unit or "iled under" in unit or "ILED UNDER" in unit or "Topics" in unit:
        yield from _spans(TAG_LIST, unit, "nav")
    if " first seen on " in unit:
        yield from _spans(FIRST_SEEN, unit, "credit")
    if "dvertisement" in unit or "DVERTISEMENT" in unit or "ponsored Links" in unit or "PONSORED LINKS" in unit:
        yield from _spans(AD_MARKER, unit, "ad")
    if "Continue reading " in unit:
        yield from _spans(STORY_CONTINUES, unit, "ad")
    if unit[:1] == "A":
        ad_opening = AD_OPENING.match(unit)
        if ad_opening:
            yield ad_opening.start(), ad_opening.end(), "ad"
    if "(@" in unit:
        yield from _attributions(unit)
    if "shared by" in unit or "posted by" in unit or "Posted by" in unit:
        yield from _spans(POST_SHARED, unit, "embed")
    if "Via " in unit:
        yield from _spans(VIA_LEAD_IN, unit, "source")
    if "dit on " in unit or "dited on " in unit:
        yield from _spans(FORUM_EDIT, unit, "note")
    if unit.startswith("a reply to: "):
        reply = FORUM_REPLY.match(unit)
        if reply:
            yield reply.start(), reply.end(), "embed"
    if "ad" in unit and "=" in unit:
        yield from _spans(AD_SHORTCODE, unit, "ad")
    if "(See" in unit or "(see" in unit or "(SEE" in unit:
        yield from _spans(SEE_REFERENCE, unit, "related")
    if ":" in unit and ("(" in unit or "[" in unit):
        yield from _spans(BRACKETED_HEADLINE, unit, "related")
    if ("lick here" in unit or "LICK HERE" in unit or "lick HERE" in unit or "ap here" in unit or "(Check out " in unit
            or "(CHECK OUT " in unit):
        yield from _spans(BRACKETED_POINTER, unit, "cta")
    if "[" in unit:
        yield from _spans(BRACKETED_NOTE, unit, "note")
    if "© " in unit:
        yield from _spans(INLINE_COPYRIGHT, unit, "credit")
    if "here: " in unit:
        yield from _spans(SHORT_LINK_POINTER, unit, "related")
    if unit.startswith("(Via "):
        opening_via = OPENING_VIA.match(unit)
        if opening_via:
            yield opening_via.start(), opening_via.end(), "credit"
    if " via " in unit or " courtesy of " in unit:
        yield from _spans(VIA_CREDIT, unit, "credit")
    if "in new " in unit or "in a new " in unit:
        yield from _spans(NEW_TAB, unit, "nav")
    if " MORE" in unit:
        yield from ((card.start("card"), card.end("card"), "related") for card in NAME_CARD.finditer(unit))
    if "#" in unit or "View " in unit:
        yield from _spans(TEMPLATE_TAG, unit, "nav")
    if "of readers think" in unit:
        yield from _spans(READER_POLL, unit, "comments")
    if "Media playback" in unit:
        yield from _spans(MEDIA_PLAYBACK, unit, "nav")
    if "Image caption" in unit:
        yield from _spans(PICTURE_COPYRIGHT, unit, "credit")
    if unit.startswith(("Update", "UPDATE")):
        stamp = UPDATE_STAMP.match(unit)
        if stamp:
            yield stamp.start(), stamp.end(), "note"
    if unit.startswith(("quicklist:", "intro: ")):
        yield from _spans(QUICKLIST, unit, "nav")
    if "t.co/" in unit or "pic.twitter" in unit:
        yield from _spans(EMBED_LINK, unit, "embed")
    if "youtu" in unit:
        yield from _spans(VIDEO_LINK, unit, "embed")
    if unit[:6] in ("Expand", "EXPAND"):
        toggle = WIDGET_TOGGLE.match(unit)
        if toggle:
            yield toggle.start(), toggle.end(), "nav"
    if "Unmute" in unit or "Full Screen" in unit or "Fullscreen" in unit:
        yield from _spans(PLAYER_CONTROLS, unit, "nav")
    if "SEE ALSO" in unit or "RELATED" in unit or "READ MORE" in unit or "ALSO READ" in unit or "READ ALSO" in unit:
        yield from _spans(GLUED_POINTER, unit, "related")
    if "Image" in unit or "Photo" in unit or "Picture" in unit or "Source:" in unit or "Via:" in unit or "VIA:" in unit:
        yield from _glued_credits(unit)
        yield from _spaced_credits(unit)
    if "creen" in unit:
        yield from _spans(SCREEN_LABEL, unit, "credit")
    if "× " in unit:
        yield from _spans(POPUP, unit, "promo")
    if "content is imported" in unit:
        yield from _spans(IMPORTED_CONTENT, unit, "embed")
    if "Spreaker" in unit or "cloud" in unit or "Cloud" in unit:
        yield from _spans(AUDIO_PLAYER, unit, "embed")
    if "Get More: " in unit:
        yield from _spans(VIDEO_PLAYER_LINKS, unit, "embed")
    if "on Scribd" in unit:
        yield from _spans(SCRIBD, unit, "embed")
    if "About " in unit:
        yield from _spans(ABOUT_SECTION, unit, "bio")
    if "[" in unit:
        yield from _spans(WIRE_STORY_CODE, unit, "related")
    if "(function" in unit:
        yield from _spans(SCRIPT, unit, "embed")
    if ("/" in unit or " | " in unit) and any(agency in unit for agency in _PICTURE_AGENCIES):
        for match in PHOTO_CREDIT.finditer(unit):
            if " | " in match.group() and unit[match.end():].strip():
                continue  # a name and an agency between bars are a credit only where they end the caption
            yield _bracketed(unit, match.start(), match.end()) + ("credit",)
    if "/" in unit[:60] or " via " in unit[:60]:
        caption_credit = CAPTION_CREDIT.match(unit)
        if caption_credit:
            yield caption_credit.start(), caption_credit.end(), "credit"
    if unit[:1].isupper():
        agency = AGENCY_CAPTION.match(unit)
        if agency:
            yield agency.start(), agency.end(), "credit"
    if " of " in unit[:9]:
        yield from _spans(SLIDE_COUNTER, unit, "nav")
    if " | " in unit:
        for match in PIPE_CREDIT.finditer(unit):
            yield match.start() + 1, match.end(), "credit"
    if "(" in unit or "[" in unit:
        yield from _spans(PARENTHETICAL_CREDIT, unit, "credit")
    if "ourtesy" in unit or "COURTESY" in unit:
        yield from _spans(CAPTION_COURTESY, unit, "credit")
    if "(" in unit:
        yield from _spans(NOTE, unit, "note")
    if (":" in unit or "via " in unit) and any(opening in unit for opening in _CUE_OPENINGS):
        yield from _spans(CUE, unit, "cta")


_LABEL_BEFORE = re.compile(r"\(\s*\w+:\s*$")
"""A one-word label that opens a bracket before a credit, in any language: "(Photo: ", "(Foto: ", "(Bild: "."""


def _bracketed(unit: str, start: int, end: int) -> tuple[int, int]:
    """A credit's span, widened to its bracket where a label opens the bracket and the credit closes it ("(Foto:
    Jane Roe/AP)"): taking the credit alone left "(Foto: )"."""
    label = _LABEL_BEFORE.search(unit, max(0, start - 20), start)
    closing = len(unit[end:]) - len(unit[end:].lstrip())
    if label and unit[end + closing:end + closing + 1] == ")":
        return label.start(), end + closing + 1
    return start, end


def _attributions(unit: str) -> Iterator[tuple[int, int, str]]:
    """Each embedded post's attribution. A poster's display name is the same in each of their posts: where one
    of a handle's attributions shows the name bounded (the post's link or a sentence's end right before it), a
    name walked for the same handle elsewhere that ends on it takes only it; the words before are the post's own,
    capitalised ("Signed, A 3rd Generation Vet Jane Roe (@jroe_72)", where "Jane Roe" follows a link elsewhere)."""
    found = [(match, match["handle"].lower(), *_attribution_start(unit, match.start()))
             for match in HANDLE_DATE.finditer(unit)]
    bounded: dict[str, set[str]] = {}
    for match, handle, name_start, start in found:
        name = unit[name_start:match.start()].strip()
        if name and (start < name_start or unit[:name_start].rstrip().endswith((".", "!", "?", '"', "”"))):
            bounded.setdefault(handle, set()).add(name)
    for match, handle, name_start, start in found:
        if start == name_start:
            name = unit[name_start:match.start()].rstrip()
            known = [other for other in bounded.get(handle, ()) if name.endswith(" " + other)]
            if known:
                start = name_start + len(name) - len(max(known, key=len))
        yield start, match.end(), "embed"


def _attribution_start(unit: str, handle: int) -> tuple[int, int]:
    """Where the poster's name in "— Jane Roe (@jroe) July 25, 2017" begins (up to five capitalised words back
    from the handle, not across a sentence's end; else `_name_after_gap`), and where the attribution begins: the
    name, or the post's links and dash before it."""
    before = unit[:handle]
    end = start = len(before.rstrip())
    if not before.endswith("  "):
        handle_name = unit[handle + 2:unit.find(")", handle)]
        start = _in_handle(before, _long_walk(before, _name_start(before, end), end, handle_name), end,
                           handle_name)
        if start == end:
            start = _spelled_by_handle(before, end, handle_name)
    start = min(start, _name_after_gap(before, end, walked=start != end), _dashed_name_start(before, end))
    lead = _lead_in_start(before[:start].rstrip())
    return start, start if lead is None else lead


_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]?\s")


def _dashed_name_start(before: str, end: int) -> int:
    """Where a display name begins right after the dash an attribution opens with, whatever its case ("— jane
    roe 🌊 (@jroe)", "— kaia. (@kaia)"): up to NAME_CHARS, on one line, not across a sentence's end. `end`
    where no such dash stands."""
    dash = before.rfind("— ", max(0, end - NAME_CHARS - 2), end)
    if dash == -1:
        return end
    name = before[dash + 2:end]
    if not name.strip() or "\n" in name or _SENTENCE_BREAK.search(name):
        return end
    return dash + 2


def _lead_in_start(text: str) -> int | None:
    """Where the post's links and a dash that end `text` begin (`_LEAD_IN`). The expression runs only where the
    text ends on a dash or on what may be a link's end: its search over a whole article on one line, once per
    post, cost more than finding the posts."""
    if not text.endswith(("—", "–", "-")):
        link = max(text.rfind("pic.twitter.com/"), text.rfind("t.co/"))
        if link == -1 or any(char.isspace() for char in text[link:]):
            return None
    lead = _LEAD_IN.search(text)
    return lead.start() if lead else None


def _name_start(before: str, end: int) -> int:
    """Where a display name begins, walking back from the handle over NAME_WORDS words: capitalised words,
    initials, a title that opens the name, a credential after a comma, a small joining word between two
    capitalised words; at the name's end what an emoji left and a word that ends on "!" or "?" ("Platinum
    Me!"), and a capitalised word that opens on what an emoji left ("?Jane"); not across a sentence's end or a
    link. `end` where nothing is a name."""
    start = end
    later = ""
    for word in reversed(_last_words(before, NAME_WORDS)):
        text = word.group()
        last_word = start == end
        if _LOST.match(text) and last_word or text in _JOINERS and not last_word:
            continue
        stop = text[-1] in ".!?\"”:;,—–" and not _INITIAL.match(text) and not _TITLE.match(text)
        if stop and (last_word and text[-1] in "!?" or text[-1] == "," and _CREDENTIAL.match(later)):
            stop = False
        if not text.lstrip("?")[:1].isupper() or stop or _LINK_IN.search(text):
            break
        start, later = word.start(), text
        if _TITLE.match(text):
            break
    return start


def _last_words(text: str, count: int) -> list[re.Match[str]]:
    """The last `count` words of `text` (`_WORD` matches, as over the whole text), read from a stretch at its end
    that grows until it holds more than `count` words or reaches the start: a partly cut first word is never
    among the last `count`."""
    reach = 64
    while True:
        begin = max(0, len(text) - reach)
        words = list(_WORD.finditer(text, begin))
        if begin == 0 or len(words) > count:
            return words[-count:]
        reach *= 4


def _spelled_by_handle(before: str, end: int, handle: str) -> int:
    """Where a display name in lower case begins: the words right before the handle that it spells ("nick price
    (@nickprice91)", "wazzucoug99 (@wazzucoug99)"), up to NAME_WORDS of them within NAME_CHARS, not across a
    sentence's end. A word of fewer than three letters or figures is too short to tell. `end` where there is
    none."""
    folded = handle.lower()
    start = end
    for word in reversed(_last_words(before, NAME_WORDS)):
        text = word.group()
        plain = "".join(filter(str.isalnum, text)).lower()
        if word.end() < end - NAME_CHARS or len(plain) < 3 or plain not in folded or text[-1] in ".!?\"”:;," \
                or _LINK_IN.search(text):
            break
        start = word.start()
    return start


def _long_walk(before: str, start: int, end: int, handle: str) -> int:
    """Where a walk of LONG_WALK or more capitalised words really begins: a post that ends on capitalised words
    ("... and our National Anthem Vice President Pence (@VP)") leaves them before the name. After the last word
    in capitals that mixed-case words follow ("Russia FAKE Jane Roe"); else at the words the handle spells whole
    ("Afraid Jane Roe (@janedraws)") or by initials ("Vice President Pence (@VP)", "Jane Roe (@JRoe_News)");
    else the last three words, since a post's words lost weigh more than a name's words left. Initials, small
    joining words and what an emoji left are no words here; a shorter walk is taken as it is."""
    words = [word for word in _WORD.finditer(before, start, end) if word.group() not in _JOINERS
             and sum(char.isalpha() for char in word.group()) > 1 and not _INITIAL.match(word.group())]
    if len(words) < LONG_WALK:
        return start
    shouted = [i for i, word in enumerate(words[:-1]) if _SHOUTED.match(word.group())
               and not _SHOUTED.match(words[i + 1].group())]
    if shouted:
        after = _WORD.search(before, words[shouted[-1]].end())
        return after.start() if after else end
    folded = "".join(filter(str.isalnum, handle)).lower()
    letters = ["".join(filter(str.isalpha, word.group())).lower() for word in words]
    for i in range(len(words) - 1):
        initials = "".join(word[:1] for word in letters[i:])
        if len(letters[i]) > 2 and letters[i] in folded or folded.startswith((letters[i], initials[:2])) \
                or folded.startswith(initials[0] + letters[i + 1]):
            return words[i].start()
    return words[-3].start()


def _in_handle(before: str, start: int, end: int, handle: str) -> int:
    """Where a walked name begins once the words before the handle's own are left out: "Robert Roe" in "... on
    TV Robert Roe (@RobertRoe_)", "Barack Obama" after a quote's author ("... Nelson Mandela Barack Obama
    (@BarackObama)"). Only where at least two of the name's words are in the handle; a title or a first name whose
    initial the handle keeps stays with the name ("Senator Jane Roe (@SenJaneRoe)", "Jane Roe Doe (@jroedoe)")."""
    folded = handle.lower()
    words = list(_WORD.finditer(before, start, end))
    letters = ["".join(filter(str.isalpha, word.group())).lower() for word in words]
    inside = [len(word) > 1 and word in folded for word in letters]
    if sum(inside) < 2 or inside[0]:
        return start
    first = inside.index(True)
    kept = words[first - 1].group()
    if _TITLE.match(kept) or kept in _TITLE_WORDS or letters[first - 1][:1] + letters[first] in folded:
        first -= 1  # "Senator Jane Roe (@SenJaneRoe)", "Jane Q Roe (@jqroe)"
    return words[first].start()


def _name_after_gap(before: str, end: int, walked: bool) -> int:
    """Where a display name the capitalised walk cannot take whole begins: after the post's own link, or, when
    the walk found no name at all (`walked` false), after the gap a dropped dash left; only when at most five
    words and no sentence's end stand between it and the handle."""
    reach = max(0, end - NAME_CHARS)
    links = list(_LINK_IN.finditer(before, max(0, reach - LINK_CHARS), end))
    gap = links[-1].end() if links else -1 if walked else before.rfind("  ", reach, end)
    if gap == -1:
        return end
    name = before[gap:end]
    if len(name.split()) > 5 or _SENTENCE_END.search(name):
        return end
    return gap + len(name) - len(name.lstrip())


def _spaced_credits(unit: str) -> Iterator[tuple[int, int, str]]:
    """Credits under a label between two captions (`SPACED_CREDIT`): up to SPACED_CREDIT_WORDS words of names,
    agencies and joining words, ended by a capitalised word that opens a sentence ("Supplied The new couple ...")."""
    for match in SPACED_CREDIT.finditer(unit):
        words = list(re.finditer(r"\S+", unit[match.end():match.end() + 120]))
        for index, word in enumerate(words[1:SPACED_CREDIT_WORDS + 1], 1):
            if _CAPTION_OPENS.match(unit, match.end() + word.start()):
                if all(_CREDIT_WORD.fullmatch(w.group()) for w in words[:index]):
                    yield match.start(), match.end() + word.start(), "credit"
                break


def _glued_credits(unit: str) -> Iterator[tuple[int, int, str]]:
    """Credits glued to the sentence after them (`GLUED_CREDIT`): the credit ends where a capitalised word that
    opens a sentence follows a letter without a space, and every word before that is a name's, an agency's or
    a small joining word's."""
    for match in GLUED_CREDIT.finditer(unit):
        start = match.start()
        body = match.end() - 1
        glue = _SENTENCE_AFTER_GLUE.search(unit, body + 1, min(len(unit), body + GLUED_CREDIT_CHARS))
        if glue is None:
            continue
        if all(_CREDIT_WORD.fullmatch(word) for word in unit[body:glue.start()].split()):
            yield start, glue.end(), "source" if unit.startswith("Source", start) else "credit"
