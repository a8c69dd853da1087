"""Word lists and gazetteers for the entity extractor, loaded once on first use.

The data files in briefs/facts/data/ are built by scripts/build_fact_data.py (sources and
licences in data/LICENSES.md). Nothing is read at import time: `lexicon()` fills the
module-level `_CACHE` on its first call.
"""

from __future__ import annotations

import gzip
import re
from bisect import bisect_left, bisect_right
from itertools import accumulate
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data")
_CACHE: dict[str, "Lexicon"] = {}

# Tokens: dotted abbreviations (U.S., D.C.), words with inner - ' & / . (F-35A, L3Harris,
# People's, AT&T, SAMP/T), or one other non-space character.
TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}|[\w²][\w²]*(?:[-–'’&/.][\w²]+)*|\S"
)

MONTHS = frozenset(
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()
)
DAYS = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
# Words that end or head an organisation's name.
ORG_HEADS = frozenset(
    """Agency Agencies Command Department Ministry Inc Corp Corporation Company Co Ltd LLC PLC
    GmbH AG SA Institute Institution Council Committee Subcommittee Commission Force Forces
    Office Service Services Bureau Administration Authority Organization Organisation
    Association Union University College Academy Center Centre Laboratory Laboratories Lab Labs
    Group Party Army Navy Corps Guard Guards Brigade Brigades Battalion Division Regiment Squadron
    Wing Fleet Coalition Alliance Federation Front Movement Board Bank Fund Foundation Society
    Systems Technologies Technology Industries Aerospace Dynamics Airlines Airways Network
    Directorate Court Parliament Senate Congress Cabinet Government Secretariat Chiefs Staff
    Partners Holdings Ventures Robotics Electronics Defence Defense Security Intelligence
    Police Ministries Tribunal Assembly Club Church Team Exchange Commissariat Gendarmerie
    Media News Times Post Journal Herald Tribune Telegraph Press Television Radio Broadcasting
    Unit Units Cell Consortium Enterprises Solutions Works
    Republic Kingdom Emirate Caliphate Regime Militia Militias Group Contingent Task Museum
    Gallery Galleries School Schools Hospital Church Magazine Paper Weekly Clinic Studio Studios
    Records Entertainment Pictures Publishing Publications Trust Municipality Gazette Chronicle
    Observer Inquirer Examiner Courier""".split()
)
# Heads that take "of"/"for"/"on" and a name after them ("Department of Defense").
OF_HEADS = frozenset(
    """Department Ministry Office Bureau Institute University College Academy Council Committee
    Commission Board Bank Federation Union League Association Society Organization Organisation
    Agency Administration Directorate School Center Centre Court Secretary Chamber Corps Republic
    Kingdom State States Sea Gulf Strait Straits Bay Isle Isles Island Islands Cape Port Gulf
    Mount Lake River Province City Cabinet Division Command Coalition Forces Force Army Navy
    Minister Chief Chiefs Director House Houses Party Front Movement Alliance Government
    Federation Confederation Emirate Fund Group Inspector Laboratory Museum Library Presidency
    Order Brotherhood Headquarters Parliament Assembly Senate Congress Network Service""".split()
) | ORG_HEADS
PLACE_HEADS = frozenset(
    """Base Station Island Islands Sea Ocean Strait Straits Gulf Bay River Mountains Mountain
    Valley Province Region County Peninsula Desert Lake Canal Coast Airport Airfield Harbor
    Harbour Port Spaceport Cosmodrome Range Facility Complex Atoll Archipelago Plateau Basin
    Heights Hills Governorate District Oblast Prefecture Territory Territories Square
    Street Avenue Road Bridge Park Dam Reef Shoal Shoals Pass Corridor Crossing Sound Stadium
    Arena Hall Palace Castle Cathedral Temple Mosque Prison Tower Building Plaza Gate Springs
    Hill Beach Falls Shelf Plains Hotel Memorial Glacier Canyon Forest Shore Cove Gardens Zoo""".split()
)
PLACE_PREFIXES = frozenset("Mount Lake Fort Camp Cape Gulf Strait Sea Port Isle Bay Mt. Mt".split())
PLACE_FIRST = frozenset("Mount Lake Fort Camp Cape Isle Mt. Mt".split())
PROG_HEADS = frozenset(
    """Layer Interceptor Interceptors System Systems Missile Missiles Satellite Satellites
    Constellation Vehicle Vehicles Programme Program Rocket Launcher Radar Radars Sensor Sensors
    Dome Initiative Weapon Weapons Telescope Spacecraft Probe Fighter Bomber Aircraft Drone
    Drones Destroyer Frigate Submarine Carrier Tank Helicopter Shield Architecture Block Module
    Munition Munitions Warhead Glider Telescope Capability""".split()
)
# Lower-case nouns after a name that make it a programme or system ("Starlink satellites").
PROG_CUES = frozenset(
    """satellite satellites constellation constellations missile missiles system systems rocket
    rockets launcher launchers vehicle vehicles interceptor interceptors programme programmes
    program programs radar radars drone drones aircraft jet jets fighter fighters bomber bombers
    destroyer destroyers frigate frigates submarine submarines carrier tank tanks helicopter
    helicopters spacecraft probe telescope warhead warheads munition munitions launch launches
    sensor sensors payload payloads interceptor battery batteries booster boosters capsule
    glider gliders ship ships warship warships cruiser""".split()
)
SHIP_PREFIXES = frozenset("USS HMS FS HMAS HMCS HMNZS INS JS ROKS RFS ARA USNS HNLMS ITS".split())
# Titles before a name (core) and the words that may precede a core title (modifiers).
TITLES = frozenset(
    """Mr Mrs Ms Miss Dr Prof Professor Sir Dame Lord Lady Gen General Adm Admiral Col Colonel
    Lt Lieutenant Maj Major Capt Captain Sgt Sergeant Cpl Corporal Pvt Private Cmdr Commander
    Cdr Brig Brigadier Sen Senator Rep Representative Gov Governor Pres President Minister
    Secretary Ambassador Chairman Chairwoman Chair Director Chief Spokesman Spokeswoman
    Spokesperson Envoy King Queen Prince Princess Sheikh Shaikh Pope Chancellor Premier Mayor
    Judge Justice Officer Marshal Commissioner Administrator Ayatollah Emir Sultan President-elect
    Speaker Leader Rev Reverend Father Sister Brother Saint Attorney Undersecretary Coordinator
    Advisor Adviser Cardinal Bishop Rabbi Imam Superintendent Inspector Sergeant-Major
    Manager Editor Founder Co-founder Cofounder Coach Chairperson Astronaut Cosmonaut
    Gen. Adm. Col. Lt. Maj. Capt. Sgt. Cpl. Pvt. Cmdr. Cdr. Brig. Sen. Rep. Gov. Pres. Dr. Mr.
    Mrs. Ms. Prof. Rev. Amb. Hon. Gens. Sens. Reps. Lt.Gen. Maj.Gen. Brig.Gen. Vice""".split()
)
TITLE_MODS = frozenset(
    """Vice Deputy Prime Foreign Defence Defense Home Interior Press Under Assistant Acting
    Special Senior Chief Petty Staff Master First Second Third Lieutenant Rear Major Brigadier
    Presidential Executive Principal Associate General Supreme Commanding Regional Program
    Programme Project Technical Former Then Lead Managing Finance Health Energy State Air
    Space Army Navy Naval Marine Corps Force Forces Coast Guard Foreign-Affairs Opposition
    National Military Intelligence Economic Trade Science Security Defense-Policy Gen. Lt.
    Maj. Col. Adm. Brig. Sgt.""".split()
)
CONNECTORS = frozenset("of for on and the de du del della da di van von der den bin ibn al el y".split())
NAME_SUFFIXES = frozenset("Jr. Sr. Jr Sr II III IV".split())
BRANCHES = frozenset(
    ["Army", "Navy", "Air Force", "Space Force", "Marine Corps", "Marines", "Marine",
     "Coast Guard", "National Guard", "U.S. Army", "U.S. Navy", "U.S. Air Force",
     "U.S. Marine Corps", "U.S. Space Force", "Royal Navy", "British Army", "RAF"]
)
# Single capitalised nouns that, after "the" in mid-sentence, stand for one organisation
# ("the Pentagon", "the Times")...
ORG_SHORT = frozenset(
    """Coalition Alliance Army Navy Agency Department Ministry Committee Council Commission
    Command Senate House Congress Parliament Administration Court Bureau Kremlin Pentagon
    Government Cabinet Presidency Regime Taliban Marines Church Crown
    Times Post Press Journal Herald Tribune Telegraph Gazette Guardian Observer Chronicle
    Independent Inquirer Examiner Courier Economist""".split()
)
# ... and the heads that do so only after the organisation was named in full ("the
# University" after "the University of Northern Idaho").
ORG_ANAPHORS = frozenset(
    """University College Academy Institute Municipality Foundation Society Union Party Board
    Corps Guard Fund Bank Club Police Company Corporation Office Service Directorate
    Secretariat Tribunal Assembly Group Force Forces Laboratory Centre Center Museum School
    Hospital Authority Organization Organisation Association Federation League Front""".split()
)
SPEECH = frozenset(
    """said says say told tells added adds wrote writes explained explains noted notes argued
    argues asked asks replied replies warned warns stated states insisted insists recalled
    recalls acknowledged acknowledges testified testifies tweeted posted commented""".split()
)
# Last words of events, works, laws and documents: such runs are no person, place or org.
MISC_HEADS = frozenset(
    """Cup Cups Games Olympics Paralympics Championship Championships Tournament League Series
    Festival Fair Expo Summit Conference Convention Forum Symposium Show Awards Award Prize Medal
    Day Week Year War Wars Revolution Crisis Act Acts Bill Treaty Agreement Accord Accords Pact
    Protocol Resolution Doctrine Strategy Review Report Plan Index Law Code Amendment Constitution
    Declaration Charter Manifesto Bible Koran Quran Gospel Prize Index Exercise Operation""".split()
)
# Verbs after a country that make it an actor (its government): "Russia said", "the UK has".
AGENT_VERBS = frozenset(
    """said says stated states announced announces has have had will would could should must can
    cannot may might is was agreed agrees signed signs rejected rejects accused accuses denied
    denies claimed claims warned warns condemned condemns called calls urged urges vetoed voted
    sent sends deployed deploys supported supports continues continued remains remained wants
    wanted needs plans planned intends seeks sought hopes opposed opposes threatened threatens
    joined withdrew imposed imposes launched launches fired fires tested tests stands stood
    decided declared recognised recognized responded pledged provided provides committed
    offered approved refused refuses defeated beat faced lost won played welcomed welcomes
    believes considers insists sanctioned expelled demanded demands did does""".split()
)
PLACE_CUES = frozenset("in near outside across around into inside throughout towards toward".split())
DETERMINERS = frozenset("the The a A an An this This that That these These those Those".split())


@dataclass
class Lexicon:
    common: frozenset[str]
    given: frozenset[str]
    nationalities: frozenset[str]
    # first token -> list of (token tuple, type, canonical), longest first
    gazetteer: dict[str, list[tuple[tuple[str, ...], str, str]]]
    # every alias form -> (type, canonical)
    names: dict[str, tuple[str, str]]
    # canonical names of countries (a country acting is an organisation: "Russia said")
    countries: frozenset[str]


def lexicon() -> Lexicon:
    """The lexicon, read from the data files on first use and cached."""
    lex = _CACHE.get("lexicon")
    if lex is None:
        lex = _CACHE["lexicon"] = _load()
    return lex


def _lines(name: str) -> list[str]:
    path = DATA / name
    raw = gzip.decompress(path.read_bytes()) if name.endswith(".gz") else path.read_bytes()
    return [line for line in raw.decode("utf-8").splitlines() if line and not line.startswith("#")]


ABBREV = frozenset(
    """Gen Lt Col Maj Capt Sgt Adm Brig Sen Rep Gov Dr Mr Mrs Ms Prof St Jr Sr Inc Corp Co Ltd
    Cmdr Cdr Rev Hon Amb Gens Mt Ft Pvt Cpl Pres Messrs Sens Reps Jan Feb Aug Sept Oct Nov Dec
    No Bros Univ Dept Gov""".split()
)
# TOKEN as a separator to split on (\w is [\w²]; nothing after a token ever needs the engine
# to backtrack into it, so the runs are possessive): white space, token, white space, ...
# No possessive quantifiers: CPython 3.11.0-3.11.4 mis-match `(?:...)*+` ("Canaveral. It"
# became one token on Debian's 3.11.2). Greedy gives the same tokens here (nothing follows).
# Written to start with one \S, the branches after it (look-behinds tell which applies):
# `re` then skips white space with a character test instead of trying a match at each
# space (a fifth faster; _SPLIT_PLAIN is the same tokens, as tests/briefs check).
_SPLIT_PLAIN = re.compile(r"((?:[A-Z]\.){2,}|\w+(?:[-–'’&/.]\w+)*|\S)")
_SPLIT = re.compile(r"(\S(?:(?<=[A-Z])\.(?:[A-Z]\.)+|(?<=\w)\w*(?:[-–'’&/.]\w+)*|))")
_BRACKETED = re.compile(r"\s*\(.*\)$")
HYPHEN_TAILS = frozenset(
    """related based led backed funded made built owned run held controlled born style era
    specific wide bound centric linked affiliated allied sponsored supported operated designed
    developed produced type like level focused oriented aligned friendly compatible certified
    occupied administered approved inspired sized enabled equipped armed class""".split()
)


def tokenise(text: str) -> tuple[list[int], list[int], list[str], list[bool]]:
    """Starts, ends, texts and possessive flags of the tokens of `text`.

    "Gen." and initials keep their dot; a possessive "'s" is cut off (flag set); a
    capitalised word with a lower-case hyphen tail ("Dome-related") is cut before the hyphen.
    """
    parts = _SPLIT.split(text)  # space, token, space, token, ..., space
    offsets = list(accumulate(map(len, parts)))  # where each part ends
    starts, ends, texts = offsets[0:-1:2], offsets[1::2], parts[1::2]
    # Only tokens with a hyphen, a dot after them or a possessive may change.
    special = set()
    p = text.find("-")
    while p >= 0:  # the token holding the hyphen
        k = bisect_right(starts, p) - 1
        if k >= 0 and p < ends[k]:
            special.add(k)
        p = text.find("-", p + 1)
    for mark, after in ((".", 0), ("'s", 2), ("’s", 2)):
        p = text.find(mark)
        while p >= 0:  # the token ending at the dot, or with the "'s"
            k = bisect_left(ends, p + after)
            if k < len(ends) and ends[k] == p + after:
                special.add(k)
            p = text.find(mark, p + 1)
    if not special:
        return starts, ends, texts, [False] * len(texts)
    # Copy the tokens in order, fixing the special ones (in one pass: no insertion in place).
    S: list[int] = []
    E: list[int] = []
    T: list[str] = []
    P: list[bool] = []
    n, done = len(text), 0  # done: the tokens before it are copied (or dropped)
    for i in sorted(special):
        if i < done:
            continue  # the dot given to "Gen." or an initial
        S += starts[done:i]
        E += ends[done:i]
        T += texts[done:i]
        P += [False] * (i - done)
        t, b, e = texts[i], starts[i], ends[i]
        done = i + 1
        if t[0].isupper():
            if len(t) > 3 and "-" in t:
                head, _, tail = t.rpartition("-")
                if tail in HYPHEN_TAILS or len(tail) >= 5 and tail.islower() and tail.endswith(("ed", "ing")):
                    S += (b, b + len(head))
                    E += (b + len(head), e)
                    T += (head, "-" + tail)
                    P += (False, False)
                    continue
            if e < n and text[e] == "." and (len(t) == 1 or t in ABBREV):
                while done < len(starts) and starts[done] < e + 1:
                    done += 1  # the dot, now part of "Gen." or an initial
                t, e = t + ".", e + 1
        possessive = t[-1] == "s" and len(t) > 2 and t[-2] in "'’"
        S.append(b)
        E.append(e - 2 if possessive else e)
        T.append(t[:-2] if possessive else t)
        P.append(possessive)
    S += starts[done:]
    E += ends[done:]
    T += texts[done:]
    P += [False] * (len(starts) - done)
    return S, E, T, P


@lru_cache(maxsize=4096)
def tokens_of(text: str) -> tuple[str, ...]:
    return tuple(tokenise(text)[2])


def _load() -> Lexicon:
    names: dict[str, tuple[str, str]] = {}
    countries: set[str] = set()
    for line in _lines("places.txt.gz"):
        parts = line.split("\t")
        names[parts[0]] = ("place", parts[2] if len(parts) > 2 else parts[0])
        if parts[1] == "country":
            countries.add(parts[0])
    for fname, kind in (("programmes.txt", "programme"), ("organisations.txt", "organisation"),
                        ("people.txt", "person")):
        for line in _lines(fname):
            parts = line.split("\t")
            canonical = _BRACKETED.sub("", parts[0])
            for alias in [canonical] + parts[1:]:
                names[alias] = (kind, canonical)
                if "'" in alias:
                    names[alias.replace("'", "’")] = (kind, canonical)
    gazetteer: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for alias, (kind, canonical) in names.items():
        toks = tokens_of(alias)
        if toks:
            gazetteer.setdefault(toks[0], []).append((toks, kind, canonical))
    for entries in gazetteer.values():
        entries.sort(key=lambda e: -len(e[0]))
    return Lexicon(
        common=frozenset(_lines("common_words.txt.gz")),
        given=frozenset(_lines("given_names.txt.gz")),
        nationalities=frozenset(w for line in _lines("nationalities.txt") for w in line.split()),
        gazetteer=gazetteer,
        names=names,
        countries=frozenset(countries | {c for c, (k, v) in names.items() if v in countries}),
    )
