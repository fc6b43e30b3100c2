"""Word lists the geoparser reads context with, kept together apart from the logic."""

from __future__ import annotations

# spaCy entity labels: the ones that name places, and the ones that never do.
PLACE_LABELS = {"GPE", "LOC", "FAC"}
NOT_PLACE_LABELS = {"NORP", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL",
                    "LANGUAGE", "LAW", "WORK_OF_ART", "PRODUCT"}
# A preposition of place before a name makes it a place ("in Ana", "near Rawa").
PLACE_PREPS = {"in", "near", "at", "outside", "around", "into", "towards", "toward", "across",
               "through", "throughout", "inside", "from", "to", "between", "via", "nearby",
               "outskirts", "north", "south", "east", "west", "northeast", "northwest", "southeast",
               "southwest", "northern", "southern", "eastern", "western", "central"}
# Prepositions that alone count for a name spaCy took for a person.
STRONG_PREPS = {"in", "near", "outside", "around", "into", "towards", "toward", "across",
                "throughout", "inside", "outskirts", "from", "through"}
# Words after a name that make it an area: "Anbar province", "Diyala governorate".
AREA_CUES = {"province", "provinces", "governorate", "governorates", "region", "state", "oblast",
             "district", "county", "prefecture", "department", "territory", "parish", "muhafazat"}
# Words before "of" that make the next name a settlement: "the town of Al Qaim".
SETTLEMENT_CUES = {"town", "city", "village", "villages", "towns", "cities", "suburb", "outskirts",
                   "capital", "hamlet", "township", "port", "neighbourhood", "neighborhood",
                   "district", "municipality", "settlement", "camp"}
# Nouns for a part of a place: "of" after them joins the place to its part ("a residential sector
# of eastern Beirut", "the centre of Kupiansk"): where, not an origin.
PART_NOUNS = {"sector", "area", "areas", "part", "parts", "centre", "center", "heart", "edge", "streets",
              "suburbs", "quarter", "quarters", "neighbourhoods", "neighborhoods", "districts", "south",
              "north", "east", "west", "outskirts"}
# Words that join names in a list: "Hawija, Riyadh, and Rashad".
LIST_JOINERS = {",", "and", "or", "&", ";"}
# Event-location prepositions: where an event's own words say it happened.
EVENT_PREPS = {"in", "near", "at", "outside", "on", "around", "inside", "across", "throughout",
               "within", "over", "into", "along", "off", "nearby", "onto", "upon", "through",
               "beyond"}
# Events whose origin or destination is where they happen: a withdrawal "from Gorazde" happens at
# Gorazde, troops "sent to Guanajuato" are deployed there (lemmas of the trigger or its verb).
FROM_EVENTS = {"withdraw", "withdrawal", "retreat", "pull", "pullout", "evacuate", "evacuation"}
TO_EVENTS = {"send", "deploy", "deployment", "dispatch", "redeploy", "extradite", "deport", "airlift"}
# Prepositions of origin or comparison: a place under them is not the event's location.
NOT_LOCATION_PREPS = {"from", "than", "like", "unlike", "to", "toward", "towards", "against",
                      "for", "about", "with", "of", "by"}
# Endings of adjectives and demonyms ("Iraqi", "Syrian", "Sudanese", "Kurdish").
DEMONYM_ENDINGS = ("i", "is", "ian", "ians", "an", "ans", "ese", "ish", "ic", "ean", "eans")
# Title-case words inside names that are not capitalised ("Deir ez-Zor", "Bab el-Mandeb").
NAME_PARTICLES = {"al", "el", "ez", "ad", "ar", "as", "ash", "at", "az", "ad-", "de", "del", "da",
                  "do", "dos", "das", "la", "le", "les", "of", "the", "on", "upon", "-", "'", "’",
                  "du", "di", "bin", "ibn", "abu", "wa", "y", "en", "sur", "am", "im", "an", "der",
                  "van", "von", "e", "and"}
# Single words that are never a place on their own, whatever spaCy's label: compass words,
# months and their abbreviations, articles ("Western" is an area of Fiji, "Nov" a town).
NEVER_ALONE = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
               "central", "northeast", "northwest", "southeast", "southwest", "upper", "lower",
               "middle", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
               "nov", "dec", "january", "february", "march", "april", "may", "june", "july",
               "august", "september", "october", "november", "december", "la", "le", "el", "al",
               "free", "front", "capital", "coast"}
# Titles before a person's name: "Lt Col Sani Uba" is a man, not the town of Uba.
TITLE_WORDS = {"lt", "lt.", "col", "col.", "gen", "gen.", "maj", "maj.", "capt", "capt.", "cpt", "sgt",
               "sgt.", "cpl", "pte", "pvt", "brig", "brig.", "adm", "adm.", "mr", "mr.", "mrs", "mrs.",
               "ms", "ms.", "dr", "dr.", "prof", "prof.", "sen", "sen.", "rep", "rep.", "gov", "gov.",
               "president", "minister", "general", "colonel", "lieutenant", "major", "captain",
               "sergeant", "commander", "corporal", "private", "sheikh", "imam", "bishop", "pastor",
               "father", "judge", "justice", "king", "queen", "prince", "princess", "emir", "sir",
               "lord", "lady", "admiral", "mayor", "governor", "senator", "chief", "mullah", "ayatollah",
               "sultan", "saint", "st", "st.", "mallam", "alhaji", "chairman", "spokesman", "officer"}
# Nouns after a name that make it the head of an organisation's name ("Fano militia", "the Kano
# fire department"): the name is a place only when the document is about that country.
GROUP_NOUNS = {"militia", "militias", "fighters", "rebels", "forces", "army", "brigade", "brigades",
               "battalion", "group", "movement", "front", "party", "police", "department", "council",
               "university", "college", "school", "hospital", "club", "team", "fc", "company",
               "corporation", "corp", "inc", "ltd", "bank", "airlines", "airways", "fire", "sheriff",
               "militiamen", "guards", "insurgents", "regiment", "division", "command", "unit",
               "commander", "commanders", "fighter", "militant", "militants", "rebel", "members"}
# Words after a name that make it a river, a lake or a range ("the San Juan river"): not the town
# of that name.
NATURAL_FEATURE_WORDS = {"river", "lake", "mountains", "mountain", "hills", "valley", "bay", "creek",
                         "desert", "forest", "island", "islands", "peninsula", "strait", "canal",
                         "basin", "plateau", "delta", "gorge", "pass"}
# Capitalised words after a name that make it a street's ("Dublin Road", "Flanders Avenue"): not the
# town itself.
STREET_WORDS = {"Road", "Rd", "Rd.", "Street", "Avenue", "Ave", "Ave.", "Boulevard", "Blvd", "Blvd.",
                "Lane", "Drive", "Parkway", "Pike", "Turnpike", "Terrace"}
# Capitalised words after a name that make it a newspaper's or a broadcaster's ("The Jordan Times",
# "Washington Post"): not a place at all.
NEWSPAPER_WORDS = {"times", "post", "herald", "tribune", "journal", "gazette", "chronicle", "telegraph",
                   "independent", "observer", "guardian", "daily", "star", "standard", "courier",
                   "inquirer", "dispatch", "examiner", "globe", "monitor", "express", "mail", "register",
                   "bulletin", "press", "today", "sun", "mirror", "free press", "recorder", "sentinel",
                   "democrat", "leader", "argus", "enquirer", "beacon", "citizen", "vanguard", "punch"}
# Verbs of speech and stance: a capital or country as their subject stands for its government
# ("Washington said", "Moscow warned"), and is not where the event happened.
STATEMENT_VERBS = {"say", "tell", "announce", "warn", "accuse", "claim", "deny", "urge", "call",
                   "demand", "reject", "condemn", "threaten", "insist", "argue", "state", "declare",
                   "promise", "vow", "pledge", "agree", "decide", "refuse", "respond", "reply", "ask",
                   "criticize", "criticise", "blame", "welcome", "support", "oppose", "propose", "offer",
                   "confirm", "report", "believe", "want", "hope", "expect", "plan", "seek", "dismiss"}
# Words after "<place>-" that make the place a modifier of an actor: "Iran-backed", "Kyiv-based".
ACTOR_SUFFIXES = {"backed", "allied", "aligned", "based", "led", "funded", "supported", "linked",
                  "sponsored", "born", "trained", "armed", "friendly", "affiliated", "style"}
# Nouns an actor's demonym or country modifies ("U.S. officials", "the U.S. Africa Command").
# A town's own forces: "raids by Montreal police", "Kano State Police said". They act where the
# town is, so the town stays a candidate for the event's place (a country's forces do not count).
LOCAL_FORCES = {"police", "policemen", "policewomen", "sheriff", "sheriff's", "firefighters",
                "constabulary", "gendarmerie", "fire"}
# Bodies whose seat a place names ("the government in Kinshasa", "officials in Washington"): the
# place is where they sit, not where events happen (troops "in Manbij" are where they are).
SEAT_HEADS = {"government", "administration", "officials", "authorities", "regime", "leadership"}
# People a country's name can describe ("a U.S. soldier", "US and British forces"): the name is
# then an adjective, a nationality, and no place (the annotated corpora leave such uses out).
NATIONALITY_HEADS = {"soldier", "soldiers", "national", "nationals", "citizen", "citizens", "negotiator",
                     "negotiators", "adviser", "advisers", "advisor", "advisors", "serviceman", "servicemen",
                     "servicemembers", "marine", "marines", "troops", "forces", "officials", "official",
                     "diplomat", "diplomats", "envoy", "envoys", "civilians", "tourist", "tourists",
                     "journalist", "journalists", "aid", "warplanes", "jets", "drones", "officers"}
ACTOR_HEADS = {"official", "officials", "government", "authority", "authorities", "ministry", "military",
               "troops", "forces", "force", "command", "president", "embassy", "ambassador", "envoy",
               "navy", "army", "army's", "soldiers", "diplomats", "diplomat", "leader", "leaders",
               "spokesman", "spokeswoman", "intelligence", "administration", "officials'", "state",
               "media", "broadcaster", "agency", "aircraft", "jets", "warplanes", "drones", "consul",
               "minister", "foreign", "defence", "defense", "prime", "king", "delegation", "representative"}
