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
                "throughout", "inside", "outskirts"}
# Words after a name that make it an area: "Anbar province", "Diyala governorate".
AREA_CUES = {"province", "provinces", "governorate", "governorates", "region", "state", "oblast",
             "district", "county", "prefecture", "department", "territory", "parish", "muhafazat"}
# Words before "of" that make the next name a settlement: "the town of Al Qaim".
SETTLEMENT_CUES = {"town", "city", "village", "villages", "towns", "cities", "suburb", "outskirts",
                   "capital", "hamlet", "township", "port", "neighbourhood", "neighborhood",
                   "district", "municipality", "settlement", "camp"}
# Words that join names in a list: "Hawija, Riyadh, and Rashad".
LIST_JOINERS = {",", "and", "or", "&", ";"}
# Event-location prepositions: where an event's own words say it happened.
EVENT_PREPS = {"in", "near", "at", "outside", "on", "around", "inside", "across", "throughout",
               "within", "over", "into", "along", "off", "nearby", "onto", "upon", "through",
               "beyond"}
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
