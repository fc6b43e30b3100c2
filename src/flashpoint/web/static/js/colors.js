// Colours of PLOVER event types (cooperation in blues/greens, verbal conflict in yellows/oranges,
// material conflict in reds/purples), of evidence spans and of network edges.

export const TYPE_ORDER = [
  "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
  "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST",
  "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];

const TYPE_COLORS = {
  AGREE: "#1b9e77", CONSULT: "#66c2a5", SUPPORT: "#4292c6", CONCEDE: "#9ecae1",
  COOPERATE: "#2171b5", AID: "#41ab5d", RETREAT: "#a1d99b",
  REQUEST: "#fdd049", ACCUSE: "#fd8d3c", REJECT: "#d9a441", THREATEN: "#e6550d", PROTEST: "#bcbd22",
  SANCTION: "#9e9ac8", MOBILIZE: "#756bb1", COERCE: "#e7298a", ASSAULT: "#cb181d",
};

export function typeColor(type) {
  return TYPE_COLORS[type] || "#888888";
}

export function sortTypes(types) {
  const rank = (t) => { const i = TYPE_ORDER.indexOf(t); return i < 0 ? 99 : i; };
  return [...types].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export const EDGE_COLORS = { cooperation: "#2b8cbe", conflict: "#d7301f", mixed: "#8c6bb1" };

export const STATUS_LABELS = { asserted: "asserted", hypothetical: "hypothetical", negated: "negated" };
