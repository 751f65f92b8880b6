// Staff page: renders /staff/api/schedule and /staff/api/conversations.
// Every value from the server goes through textContent, never innerHTML.
"use strict";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function getJson(url) {
  const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
  if (response.status === 401) {
    window.location.reload(); // the session ended: show the sign-in form
    throw new Error("signed out");
  }
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

function showError(message) {
  const box = document.getElementById("error");
  box.textContent = message;
  box.hidden = !message;
}

// ---------------------------------------------------------------- schedule
function statusPill(status) {
  return el("span", { class: `pill pill-${status}`, text: status });
}

function slotRow(slot) {
  const rows = [];
  const time = el("td", { class: "time" }, el("strong", { text: slot.start }), el("span", { class: "muted", text: `–${slot.end}` }));
  if (slot.appointments.length === 0) {
    rows.push(el("tr", { class: slot.past ? "free past" : "free" }, time, el("td", { colspan: 4, class: "muted", text: slot.past ? "—" : "Free" })));
    return rows;
  }
  slot.appointments.forEach((a, i) => {
    rows.push(
      el("tr", { class: `booked status-${a.status}${slot.past ? " past" : ""}` },
        i === 0 ? time : el("td"),
        el("td", { class: "name", text: a.user_name || "(no name)" }),
        el("td", { class: "phone", text: a.user_phone_display }),
        el("td", {}, el("code", { class: "code", text: a.code })),
        el("td", {}, statusPill(a.status)),
      ),
    );
  });
  return rows;
}

function dayCard(day) {
  const title = el("h3", {}, day.label, day.is_today ? el("span", { class: "today", text: "Today" }) : null);
  const summary = day.open
    ? el("span", { class: "count", text: day.booked === 1 ? "1 booked" : `${day.booked} booked` })
    : el("span", { class: "count muted", text: "Closed" });
  const card = el("article", { class: `day${day.open ? "" : " closed"}`, "data-date": day.date }, el("header", {}, title, summary));
  if (day.slots.length > 0) {
    card.append(
      el("table", {},
        el("thead", {}, el("tr", {}, ["Time", "Patient", "Phone", "Code", "Status"].map((h) => el("th", { scope: "col", text: h })))),
        el("tbody", {}, day.slots.map(slotRow)),
      ),
    );
  }
  return card;
}

function renderSchedule(data) {
  document.getElementById("clinic").textContent = data.clinic_name ? `· ${data.clinic_name}` : "";
  const now = new Date(data.now);
  document.getElementById("clock").textContent =
    `Times in ${data.timezone} · updated ${now.toLocaleString("en-US", { timeZone: data.timezone, weekday: "short", hour: "2-digit", minute: "2-digit" })}`;
  const open = data.days.filter((d) => d.open || d.booked > 0 || d.slots.some((s) => s.appointments.length));
  const closed = data.days.filter((d) => !open.includes(d));
  const box = document.getElementById("schedule");
  box.replaceChildren(...open.map(dayCard));
  if (closed.length) {
    box.append(el("p", { class: "muted closed-note", text: `Closed: ${closed.map((d) => d.label).join(", ")}` }));
  }
}

// ---------------------------------------------------------------- conversations
function money(value) {
  return typeof value === "number" ? `$${value.toFixed(4)}` : "—";
}

function duration(seconds) {
  if (typeof seconds !== "number") return "in progress";
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m ? `${m} min ${s} s` : `${s} s`;
}

function transcriptList(turns) {
  if (!turns.length) return el("p", { class: "muted", text: "No transcript." });
  return el("ol", { class: "transcript" }, turns.map((t) => {
    const who = String(t.role || t.speaker || "?");
    const text = t.text ?? t.content ?? JSON.stringify(t);
    return el("li", { class: `turn turn-${who.replace(/[^a-z]/gi, "")}` }, el("span", { class: "who", text: who }), el("span", { text: String(text) }));
  }));
}

function costTable(cost) {
  if (!cost) return el("p", { class: "muted", text: "No cost recorded." });
  const rows = [["Speech to text", cost.stt_cost], ["Text to speech", cost.tts_cost], ["Language model", cost.llm_cost], ["Total", cost.total_cost]];
  return el("table", { class: "cost" }, el("tbody", {}, rows.map(([label, v]) => el("tr", {}, el("th", { scope: "row", text: label }), el("td", { text: money(v) })))));
}

function callCard(c) {
  const who = c.user_name ? `${c.user_name}${c.user_phone ? ` · ${c.user_phone}` : ""}` : "Unidentified caller";
  const chips = c.appointments_discussed.map((a) =>
    el("li", { class: `chip chip-${a.action}` }, `${a.action} ${a.date ?? ""} ${a.time ?? ""}`.trim(), a.appointment_id ? el("code", { text: ` ${a.appointment_id}` }) : null));
  return el("article", { class: "call" },
    el("header", {},
      el("div", {}, el("h3", { text: who }), el("p", { class: "muted", text: `${c.created_at_local} · ${duration(c.duration_seconds)} · room ${c.room_name}` })),
      el("span", { class: "total", title: "Total cost", text: money(c.cost_breakdown && c.cost_breakdown.total_cost) }),
    ),
    el("p", { class: "summary", text: c.summary || "No summary yet." }),
    chips.length ? el("ul", { class: "chips" }, chips) : null,
    c.preferences_mentioned.length ? el("p", { class: "prefs" }, el("strong", { text: "Preferences: " }), c.preferences_mentioned.join("; ")) : null,
    el("details", {}, el("summary", { text: `Transcript (${c.transcript.length} turns)` }), transcriptList(c.transcript)),
    el("details", {}, el("summary", { text: "Cost breakdown" }), costTable(c.cost_breakdown)),
  );
}

function renderConversations(data) {
  const box = document.getElementById("conversations");
  if (!data.conversations.length) {
    box.replaceChildren(el("p", { class: "muted", text: "No conversations yet." }));
    return;
  }
  box.replaceChildren(...data.conversations.map(callCard));
}

// ---------------------------------------------------------------- main
async function refresh() {
  const days = document.getElementById("days").value;
  try {
    const [schedule, calls] = await Promise.all([
      getJson(`/staff/api/schedule?days=${encodeURIComponent(days)}`),
      getJson("/staff/api/conversations?limit=20"),
    ]);
    renderSchedule(schedule);
    renderConversations(calls);
    showError("");
    document.body.dataset.loaded = "true";
  } catch (err) {
    showError(`Could not load the page data (${err.message}). Try Refresh.`);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("refresh").addEventListener("click", refresh);
  document.getElementById("days").addEventListener("change", refresh);
  refresh();
  setInterval(refresh, 60_000);
});
