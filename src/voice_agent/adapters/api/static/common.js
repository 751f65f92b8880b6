// Shared by the call page and the staff console (loaded before each page's own script):
// building elements, and the formats both pages show.
// Every value from the server goes through textContent, never innerHTML.
"use strict";

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// "2026-12-03" -> "Thursday, December 3, 2026": as the server writes days (write_date), whatever
// the browser's zone
function formatDay(iso) {
  if (!iso) return "";
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-US", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

// a cost: "$1.50", "$0.0123" (fractions of a cent kept), "free" for nothing at all (the
// offline engines cost nothing: "$0.0000" read as a missing figure)
function money(value) {
  if (typeof value !== "number") return "—";
  if (value === 0) return "free";
  if (Math.abs(value) < 0.00005) return "under $0.0001";
  const cents = Math.round(value * 100) / 100;
  return Math.abs(value - cents) < 1e-9 ? `$${value.toFixed(2)}` : `$${value.toFixed(4)}`;
}

// how a call ended, from its record's end_reason (a code such as "end_conversation", shown
// with its underscores taken out before: "Ended: end conversation"); a code not listed here
// still shows that way
const END_WORDS = {
  end_conversation: "with a goodbye",
  caller_hung_up: "the caller hung up",
  participant_disconnected: "the caller hung up",
  user_initiated: "the caller hung up",
  caller_silent: "the caller stopped answering",
  not_understood: "the caller's speech could not be made out",
  time_limit: "at the call's time limit",
  transferred: "put through to staff",
  connection_lost: "the connection was lost",
  error: "a technical problem",
  job_shutdown: "the server stopped",
  stopped_by_user: "stopped by the user (Ctrl-C)",
  server_shutdown: "the server stopped",
  abandoned: "cut off (the process running it stopped)",
  message_flood: "too many messages from the page",
};

function endWords(reason) {
  return END_WORDS[reason] || String(reason).replaceAll("_", " ");
}

// a call's total cost: nothing paid means every engine was an offline one
function totalCost(value) {
  return value === 0 ? "free (offline)" : money(value);
}
