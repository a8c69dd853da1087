"""Units of measure and counted nouns for quantities, normalised to singular names."""

from __future__ import annotations

import re

from briefs.facts.numbers import rx, trie

_UNIT_WORDS = """metre meter|kilometre kilometer|centimetre centimeter|millimetre millimeter|
nanometre nanometer|micrometre micrometer micron|mile statute_mile|nautical_mile|foot feet|inch inches|yard|kilogram kilogramme|
gram gramme|milligram|tonne metric_ton|ton|pound|ounce|litre liter|millilitre milliliter|gallon|barrel|
second|minute|hour|day|week|month|year|decade|century centuries|knot|kelvin|watt|kilowatt|megawatt|gigawatt|
degree_Celsius=degree_celsius degrees_celsius degrees_centigrade|degree_Fahrenheit=degree_fahrenheit
degrees_fahrenheit|degree|kilowatt_hour kilowatt-hour|megawatt_hour megawatt-hour|hertz|kilohertz|megahertz|
gigahertz|bit|byte|kilobyte|megabyte|gigabyte|terabyte|petabyte|exabyte|newton|kilonewton|joule|kiloton|
electronvolt electron_volt|megaton|gray|sievert|decibel|hectare|acre|percent per_cent|percentage_point|
basis_point|g-force"""
_UNIT_SYMBOLS = """metre=m|kilometre=km kms Km KM|centimetre=cm|millimetre=mm|micrometre=μm µm|mile=mi|
nautical_mile=nm NM nmi|foot=ft|inch=in|kilogram=kg kgs KG|gram=g|milligram=mg|tonne=t|pound=lb lbs|
ounce=oz|litre=L|millilitre=ml mL|centilitre=cl|gallon=gal|second=s sec secs|minute=min mins|hour=h hr hrs|
year=yr yrs|knot=kn kts|kiloton=kt|megaton=Mt|degree_Celsius=°C ºC ℃|degree_Fahrenheit=°F ºF ℉|
degree=°|watt=W|kilowatt=kW|megawatt=MW|gigawatt=GW|watt_hour=Wh|kilowatt_hour=kWh|megawatt_hour=MWh|gigawatt_hour=GWh|
hertz=Hz|kilohertz=kHz|megahertz=MHz|gigahertz=GHz|terahertz=THz|kilobyte=KB kB|megabyte=MB|gigabyte=GB|
terabyte=TB|petabyte=PB|exabyte=EB|bit_per_second=bps|kilobit_per_second=kbps|megabit_per_second=Mbps|
gigabit_per_second=Gbps|kilonewton=kN|pound-force=lbf|electronvolt=eV|kiloelectronvolt=keV|
megaelectronvolt=MeV|gigaelectronvolt=GeV|teraelectronvolt=TeV|decibel=dB|gray=Gy|milligray=mGy|joule=J|
kilojoule=kJ|megajoule=MJ|sievert=Sv|millisievert=mSv|hectare=ha|kilometre_per_hour=kph kmh km/h|
mile_per_hour=mph|metre_per_second=m/s|kilometre_per_second=km/s|foot_per_second=ft/s|percent=% pct|
revolution_per_minute=rpm|pound_per_square_inch=psi"""


def _table(spec: str, words: bool) -> dict[str, str]:
    out: dict[str, str] = {}
    for entry in spec.replace("\n", " ").split("|"):
        name, _, forms = entry.strip().rpartition("=") if "=" in entry else ("", "", entry.strip())
        forms_ = [f.replace("_", " ") for f in forms.split()]
        name = (name or forms.split()[0]).replace("_", " ")
        for f in forms_:
            out.update({f.lower(): name, f.lower() + "s": name} if words else {f: name})
    return out


UNIT_WORDS = _table(_UNIT_WORDS, True)
UNIT_SYMBOLS = _table(_UNIT_SYMBOLS, False)
_UNIT = (rf"(?P<sq>(?i:square|sq\.?|cubic|cu\.?)[ \u00a0]+)?(?:(?P<sym>{trie(UNIT_SYMBOLS)})"
         rf"|(?P<word>(?i:{trie(UNIT_WORDS)})))"
         r"(?P<pw>\^?[23](?!\d)|[²³]|[ \u00a0](?i:squared|cubed)\b)?(?![A-Za-z\d])")
UNIT_RE = rx(r"(?:[ \u00a0]|-|(?<=\d))" + _UNIT)
_PER_RE = rx(r"(?:[ \u00a0]?/[ \u00a0]?|[ \u00a0]per[ \u00a0])" + _UNIT.replace("?P<", "?P<p_"))
_INCH_OK = rx(r"\s*(?:$|[.,;:)]|(?:thick|long|wide|tall|high|deep|diameter|across|gun|barrel)\b)")
_POWER = {"2": "square", "²": "square", "3": "cubic", "³": "cubic", "squared": "square", "cubed": "cubic"}


def unit_at(text: str, pos: int, digits: bool) -> tuple[str, int] | None:
    """The measurement unit right after a number ending at `pos`: (normalised name, end) or None."""
    m = UNIT_RE.match(text, pos)
    if not m:
        return None
    sym, glued = m.group("sym"), m.start("sym") == pos
    name = UNIT_SYMBOLS[sym] if sym else UNIT_WORDS[" ".join(m.group("word").lower().split())]
    if (sym == "in" and not (digits and _INCH_OK.match(text, m.end()))) or (sym == "s" and (
            glued or text[m.end():m.end() + 1] == "-")) or (sym == "m" and counted(text, m.end())):
        return None  # "2 in the", "1960s", "5m people" (million: the caller's business)
    name = "nanometre" if sym == "nm" and glued else name
    if power := m.group("pw") or m.group("sq") or "":
        key = power.strip().lstrip("^").lower().rstrip(". ")
        pw = _POWER.get(key, "cubic" if key.startswith("cu") else "square")
        name = name.replace(" per ", f" per {pw} ") if " per " in name else f"{pw} {name}"
    end = m.end()
    if p := _PER_RE.match(text, end):
        name2 = UNIT_SYMBOLS[p.group("p_sym")] if p.group("p_sym") else UNIT_WORDS[p.group("p_word").lower()]
        name, end = f"{name} per {'square ' if p.group('p_pw') else ''}{name2}", p.end()
    return name, end


# --- counted nouns -------------------------------------------------------------------------
IRREGULAR = {"aircraft": "aircraft", "spacecraft": "spacecraft", "rotorcraft": "rotorcraft",
             "personnel": "personnel", "staff": "staff", "troops": "troops", "people": "people",
             "children": "child", "men": "man", "police": "police", "crew": "crew", "series": "series",
             "species": "species", "feet": "foot"}
CURRENCY_NOUNS = set("dollar euro cent penny yen yuan rupee ruble rouble franc".split())
_NOT_PLURAL = set("""is was has does says this thus its his hers ours yours theirs always perhaps across unless
towards afterwards besides plus minus versus as us yes less news means whereas sometimes nevertheless various
numerous previous serious famous obvious per cent percent times""".split())
STOP = set("""the a an of and or but nor to in on at by for with from into onto than that which who whom whose
were was is are be been being has have had as it its their this these those not no while since after before
over under about during including against across between near each per if so such said says will would
could should may might must can also where when what all both only other then""".split())
_ADJ_ONE = set("""senior junior former other more last such key major minor new old single small large big high
low top main possible final previous latest next early late way another ready i we you they he she it
who""".split())
_WIN = rx(r"[ \u00a0]+([A-Za-z][\w'’\-]*(?:[ \u00a0]+[A-Za-z][\w'’\-]*){0,3})")
_ORDINAL = re.compile(r"(?:hundred|thousand|million|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
                      r"tenth|eleventh|twelfth|teenth|tieth)$")
OF = rx(r"[ \u00a0]+of(?:[ \u00a0]+the)?(?=[ \u00a0])", re.I)
_ACHES = re.compile(r"[^eo]aches$")


def singular(word: str) -> str | None:
    """The singular of a plural noun ("batteries" -> "battery"); None if `word` isn't plural."""
    low = word.lower()
    if low in IRREGULAR:
        return IRREGULAR[low]
    if low.endswith("men") and len(low) > 4:
        return (word if word.istitle() else low)[:-3] + "man"  # "airmen", "women"
    if (len(low) < 3 or not low.endswith("s") or low in _NOT_PLURAL
            or low.endswith(("ss", "us", "is", "ous", "'s", "’s"))):
        return None
    if word[-1] == "s" and word[:-1].isupper() and len(word) > 2:
        return word[:-1]  # "VBIEDs" -> "VBIED"
    if word.isupper() and len(word) <= 4:
        return None  # an acronym: "HLS", "GPS"
    w = word if word[0].isupper() and not word.isupper() else low  # "Syrians" -> "Syrian"
    if low.endswith("ies") and len(low) > 4:
        return w[:-3] + "y"
    if low.endswith(("sses", "xes", "ches", "shes", "oes")) and not _ACHES.search(low):
        return w[:-2]
    return w[:-1]


def counted(text: str, pos: int, one: bool = False) -> tuple[str | None, int] | None:
    """The counted noun after `pos`, modifiers allowed: (singular, end); (None, end) for money."""
    m = _WIN.match(text, pos)
    if not m:
        return None
    at = m.start(1)
    for i, word in enumerate(m.group(1).split()):
        at = text.index(word, at)
        word = word.rstrip("'’") if word.endswith(("s'", "s’")) else word  # "programs' funds"
        low = word.lower()
        if low in STOP or (one and (low in _ADJ_ONE or i)):
            return None
        if one:
            bad = word.endswith(("ing", "ed", "ly", "ern", "ous", "est", "ful", "ic", "s"))
            bad = bad or _ORDINAL.search(word)
            return (low, at + len(word)) if word.islower() and len(word) > 2 and not bad else None
        if head := singular(word):
            return (None if head.lower() in CURRENCY_NOUNS else head), at + len(word)
        at += len(word)
    return None


# --- extraction ----------------------------------------------------------------------------
