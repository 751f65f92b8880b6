// Staff console: the schedule (with booking, moving and cancelling for callers, and correcting
// a caller's name), the calls (search, pages, one call's page), what staff did, and the
// calendar feed.
// Every value from the server goes through textContent, never innerHTML.
"use strict";

const NAME_KEY = "va_staff_name";
const state = { schedule: null, callsQuery: {}, change: null, caller: null };

// one problem of a 422: the server names the field in its message ("days must be at most 31")
function problemText(d) {
  const field = String((d.loc || []).slice(-1)[0] || "value");
  const msg = String(d.msg || "");
  return msg.startsWith(field) ? msg : `${field}: ${msg}`;
}

class ApiError extends Error {
  constructor(status, detail, kind) {
    super(typeof detail === "string" ? detail : `The server answered ${status}.`);
    this.status = status;
    this.kind = kind || null;
  }
}

async function api(url, options) {
  const init = { credentials: "same-origin", headers: { Accept: "application/json" }, ...(options || {}) };
  if (init.body !== undefined) {
    init.method = init.method || "POST";
    init.headers = { ...init.headers, "Content-Type": "application/json" };
    init.body = JSON.stringify(init.body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ApiError(0, "The server could not be reached. Check the connection and try again.");
  }
  if (response.status === 401) {
    window.location.reload(); // the session ended: show the sign-in form
    throw new ApiError(401, "Signed out.");
  }
  let body = null;
  try { body = await response.json(); } catch { body = null; }
  if (!response.ok) {
    const detail = body && body.detail;
    const text = typeof detail === "string" ? detail
      : Array.isArray(detail) ? detail.map(problemText).join("; ")
      : `The server answered ${response.status}.`;
    throw new ApiError(response.status, text, body && body.kind);
  }
  return body;
}

function showError(message) {
  $("error").textContent = message || "";
  $("error").hidden = !message;
}

function notify(message) {
  $("notice").textContent = message || "";
  $("notice").hidden = !message;
}

function duration(seconds) {
  if (typeof seconds !== "number") return "in progress";
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m ? `${m} min ${s} s` : `${s} s`;
}

const PAST = { book: "booked", reschedule: "moved", cancel: "cancelled", rename: "renamed" };

// One line of the record of staff actions, after who did it: "booked ABCD2345 · Thursday,
// November 26, 2026 14:00", "renamed “Unknown Caller” to “Ada Lovelace”".
function actionText(a) {
  const ok = a.outcome === "done";
  if (a.kind === "rename") {
    if (!ok) return "tried to correct a caller's name";
    return `renamed ${a.previous_name ? `“${a.previous_name}”` : "a caller without a name"} to “${a.name}”`;
  }
  const what = `${ok ? PAST[a.kind] : `tried to ${a.kind}`}${a.code ? ` ${a.code}` : ""}`;
  const when = a.date ? ` · ${formatDay(a.date)} ${a.time || ""}` : "";
  const was = a.previous_date ? ` (was ${formatDay(a.previous_date)} ${a.previous_time})` : "";
  return `${what}${when}${was}`;
}

// The name correction as typed: the body to send, or what is missing (the server checks the
// name itself, by the rules a new caller's name is checked by).
function nameCorrection(staffName, name) {
  const who = (staffName || "").trim();
  const typed = (name || "").trim();
  if (!who) return { error: "Enter your name: it is kept with the change." };
  if (!typed) return { error: "Enter the caller's name as it should be." };
  return { body: { staff_name: who, name: typed } };
}

// "(no name)" or the name; callers whose name is to be filled in carry a mark
function whoLabel(caller) {
  return caller.needs_name ? "(no name yet)" : caller.user_name || "(no name)";
}

function needsNameMark(caller, onclick) {
  if (!caller.needs_name) return null;
  return onclick
    ? el("button", { type: "button", class: "pill pill-needs-name", "data-action": "name", title: "Open this caller to add their name", onclick }, "needs a name")
    : el("span", { class: "pill pill-needs-name", text: "needs a name" });
}

// ---------------------------------------------------------------- schedule
function statusPill(status) {
  return el("span", { class: `pill pill-${status}`, text: status });
}

function cell(label, attrs, ...children) {
  return el("td", { "data-label": label, ...(attrs || {}) }, ...children);
}

function slotRows(day, slot) {
  const time = el("td", { class: "time" }, el("strong", { text: slot.start }), el("span", { class: "muted", text: `–${slot.end}` }));
  const freeRow = (first) => {
    const book = !slot.past && day.open
      ? el("button", { type: "button", class: "small", "data-action": "book", onclick: () => openChange("book", { date: day.date, time: slot.start }) }, "Book")
      : null;
    return el("tr", { class: slot.past ? "free past" : "free", "data-start": slot.start },
      first ? time : el("td", { class: "time" }), el("td", { colspan: 3, class: "muted freecell", text: slot.past ? "—" : "Free" }), el("td", { class: "row-actions" }, book));
  };
  if (slot.appointments.length === 0) return [freeRow(true)];
  const rows = slot.appointments.map((a, i) => {
    const active = a.status === "booked" && !slot.past;
    const actions = active ? [
      el("button", { type: "button", class: "small secondary", "data-action": "move", onclick: () => openChange("move", { appointment: a, date: day.date, time: slot.start }) }, "Move"),
      el("button", { type: "button", class: "small danger", "data-action": "cancel", onclick: () => openChange("cancel", { appointment: a, date: day.date, time: slot.start }) }, "Cancel"),
    ] : [];
    return el("tr", { class: `booked status-${a.status}${slot.past ? " past" : ""}`, "data-start": slot.start, "data-code": a.code },
      i === 0 ? time : el("td", { class: "time" }),
      cell("Patient", { class: "who" }, el("div", {}, el("span", { class: "name", text: whoLabel(a) }), el("span", { class: "phone", text: a.user_phone_display }), needsNameMark(a, () => findCaller(a.user_phone)))),
      cell("Code", {}, el("code", { class: "code", text: a.code })),
      cell("Status", {}, statusPill(a.status)),
      el("td", { class: "row-actions" }, actions));
  });
  // a cancelled booking leaves its slot free: it can be booked again from here
  if (!slot.appointments.some((a) => a.status === "booked")) rows.push(freeRow(false));
  return rows;
}

function dayCard(day) {
  const title = el("h3", {}, day.label, day.is_today ? el("span", { class: "today", text: "Today" }) : null);
  const summary = day.open
    ? el("span", { class: "count", text: day.booked === 1 ? "1 booked" : `${day.booked} booked` })
    : el("span", { class: "count muted", text: "Closed" });
  const card = el("article", { class: `day${day.open ? "" : " closed"}`, "data-date": day.date }, el("header", {}, title, summary));
  if (day.slots.length > 0) {
    card.append(el("table", { class: "slots" },
      el("thead", {}, el("tr", {}, ["Time", "Patient", "Code", "Status", ""].map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, day.slots.map((slot) => slotRows(day, slot)))));
  }
  return card;
}

function renderSchedule(data) {
  state.schedule = data;
  $("clinic").textContent = data.clinic_name ? `· ${data.clinic_name}` : "";
  // the server's label: 24-hour, as the grid, the calls and the command line write times
  $("clock").textContent = `Times in ${data.timezone} · updated ${data.now_label}`;
  const open = data.days.filter((d) => d.open || d.booked > 0 || d.slots.some((s) => s.appointments.length));
  const closed = data.days.filter((d) => !open.includes(d));
  const box = $("schedule");
  box.replaceChildren(...open.map(dayCard));
  if (closed.length) box.append(el("p", { class: "muted closed-note", text: `Closed: ${closed.map((d) => d.label).join(", ")}` }));
}

async function loadSchedule() {
  renderSchedule(await api(`/staff/api/schedule?days=${encodeURIComponent($("days").value)}`));
}

// ---------------------------------------------------------------- find a caller
// "When is my appointment?" at the desk: by the number, by any one of the caller's codes, or by
// name (a list to pick from when several callers have it).
function closeCaller() {
  state.caller = null;
  $("caller").hidden = true;
  $("caller").replaceChildren();
}

async function findCaller(query) {
  const box = $("caller");
  if (!query) return closeCaller();
  try {
    renderCaller(query, await api(`/staff/api/caller?q=${encodeURIComponent(query)}`));
  } catch (err) {
    if (err.status === 401) return;
    if (err.status === 422 && /\p{L}.*\p{L}/u.test(query)) return findByName(query);
    state.caller = null;
    box.replaceChildren(el("p", { class: "error", role: "alert", text: err.message }));
    box.hidden = false;
  }
}

async function findByName(name, unnamed) {
  const box = $("caller");
  state.caller = null;
  let found;
  try {
    found = await api(unnamed ? "/staff/api/callers?unnamed=true" : `/staff/api/callers?name=${encodeURIComponent(name)}`);
  } catch (err) {
    if (err.status === 401) return;
    box.replaceChildren(el("p", { class: "error", role: "alert", text: err.message }));
    box.hidden = false;
    return;
  }
  if (unnamed && found.callers.length === 0) {
    box.replaceChildren(el("p", { class: "notice", role: "status", text: "Every caller has a name: none is waiting for one." }));
    box.hidden = false;
    return;
  }
  if (found.callers.length === 1 && !unnamed) return findCaller(found.callers[0].user_phone);
  if (found.callers.length === 0) {
    box.replaceChildren(el("p", { class: "error", role: "alert",
      text: `No caller's name has “${name}” in it. A phone number (10 digits) or a confirmation code (8 letters and digits) finds a caller too.` }));
    box.hidden = false;
    return;
  }
  const more = !found.more ? ""
    : unnamed ? " Only the newest 20 are shown: name them and the next ones come up." : " Only the first 20 are shown: type more of the name.";
  const picks = found.callers.map((c) => el("li", {},
    el("button", { type: "button", class: "small secondary", "data-phone": c.user_phone, onclick: () => findCaller(c.user_phone) },
      unnamed ? `${c.user_phone_display} · called first ${c.created_at_local}` : `${whoLabel(c)} · ${c.user_phone_display}`)));
  const count = found.callers.length === 1 ? "1 caller" : `${found.callers.length} callers`;
  box.replaceChildren(el("article", { class: `day caller-card caller-matches${unnamed ? " unnamed" : ""}` },
    el("header", {},
      el("h3", {}, unnamed ? `${count} without a name` : `${count} match “${name}”`),
      el("button", { type: "button", class: "small secondary", onclick: closeCaller }, "Close")),
    el("p", { class: "muted", text: unnamed ? `The agent could not get their name on a call. Open one to add it.${more}` : `Which one is it?${more}` }),
    el("ul", { class: "matches" }, picks)));
  box.hidden = false;
  box.querySelector(".matches button").focus();
}

function renderCaller(query, c) {
  state.caller = query;
  const who = { user_name: c.needs_name ? null : c.user_name, user_phone_display: c.user_phone_display };
  const rows = c.appointments.map((a) => {
    const context = { appointment: { ...who, code: a.code }, date: a.date, time: a.time };
    const actions = a.status === "booked" && !a.past ? [
      el("button", { type: "button", class: "small secondary", "data-action": "move", onclick: () => openChange("move", context) }, "Move"),
      el("button", { type: "button", class: "small danger", "data-action": "cancel", onclick: () => openChange("cancel", context) }, "Cancel"),
    ] : [];
    return el("tr", { class: `booked status-${a.status}${a.past ? " past" : ""}`, "data-code": a.code },
      cell("When", {}, a.label),
      cell("Code", {}, el("code", { class: "code", text: a.code })),
      cell("Status", {}, statusPill(a.status)),
      el("td", { class: "row-actions" }, actions));
  });
  const list = rows.length
    ? el("table", { class: "slots" },
      el("thead", {}, el("tr", {}, ["When", "Code", "Status", ""].map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, rows))
    : el("p", { class: "muted", text: "No appointments." });
  const rename = nameForm(c);
  const edit = el("button", { type: "button", class: c.needs_name ? "small" : "small secondary", "data-action": "rename",
    onclick: () => { rename.hidden = false; edit.hidden = true; rename.elements.namedItem(rename.elements.namedItem("staff_name").value ? "name" : "staff_name").focus(); } },
  c.needs_name ? "Add the name" : "Correct the name");
  $("caller").replaceChildren(el("article", { class: "day caller-card", "data-user": c.user_id, "data-needs-name": c.needs_name ? "true" : null },
    el("header", {},
      el("h3", {}, el("span", { class: "name", text: whoLabel(c) }), " ", el("span", { class: "phone muted", text: c.user_phone_display }), " ", needsNameMark(c)),
      el("div", { class: "card-buttons" }, edit, el("button", { type: "button", class: "small secondary", onclick: closeCaller }, "Close"))),
    el("p", { class: "muted since", text: `Caller since ${c.created_at_local}` }),
    rename,
    list));
  $("caller").hidden = false;
}

// The caller's name corrected in place: "Unknown Caller" (the agent could not get it) or a
// misheard one. The change is recorded with who made it, as bookings are.
function nameForm(c) {
  const error = el("p", { class: "error", role: "alert", hidden: true });
  const form = el("form", { class: "rename", hidden: true, "aria-label": "The caller's name" },
    el("label", {}, "Caller's name ", el("input", { name: "name", type: "text", autocomplete: "off", maxlength: "100", value: c.needs_name ? "" : c.user_name || "" })),
    el("label", {}, "Your name ", el("span", { class: "muted", text: "(kept with the change)" }), " ", el("input", { name: "staff_name", type: "text", autocomplete: "name", maxlength: "64", value: localStorage.getItem(NAME_KEY) || "" })),
    el("div", { class: "dialog-buttons" },
      el("button", { type: "button", class: "secondary", onclick: () => renderCaller(state.caller, c) }, "Back"),
      el("button", { type: "submit" }, "Save the name")),
    error);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const typed = nameCorrection(form.elements.namedItem("staff_name").value, form.elements.namedItem("name").value);
    const fail = (message) => { error.textContent = message; error.hidden = false; };
    if (typed.error) return fail(typed.error);
    localStorage.setItem(NAME_KEY, typed.body.staff_name);
    const save = form.querySelector("button[type=submit]");
    save.disabled = true;
    try {
      const done = await api(`/staff/api/callers/${encodeURIComponent(c.user_id)}/name`, { body: typed.body });
      notify(`Saved the name of ${done.user_phone_display}: ${done.user_name}${done.previous_name ? ` (was “${done.previous_name}”)` : ""}.`);
      await findCaller(state.caller);
      await loadSchedule();
    } catch (err) {
      if (err.status !== 401) fail(err.message);
    } finally {
      save.disabled = false;
    }
  });
  return form;
}

// ---------------------------------------------------------------- changes (book, move, cancel)
function field(name) {
  return $("change-form").elements.namedItem(name);
}

async function loadFreeTimes(day, keep) {
  const select = field("time");
  select.replaceChildren(el("option", { value: "", text: day ? "Loading…" : "choose a day first" }));
  if (!day) return;
  try {
    const data = await api(`/staff/api/slots?date=${encodeURIComponent(day)}`);
    const options = data.free.map((s) => el("option", { value: s.start, text: s.label }));
    select.replaceChildren(...(options.length ? options : [el("option", { value: "", text: "no free time that day" })]));
    if (keep && data.free.some((s) => s.start === keep)) select.value = keep;
  } catch (err) {
    select.replaceChildren(el("option", { value: "", text: err.message }));
  }
}

function openChange(kind, context) {
  state.change = { kind, ...context };
  const form = $("change-form");
  form.reset();
  for (const label of form.querySelectorAll("label[data-for]")) {
    label.hidden = !label.dataset.for.split(" ").includes(kind);
    for (const input of label.querySelectorAll("input, select")) input.disabled = label.hidden;
  }
  field("staff_name").value = localStorage.getItem(NAME_KEY) || "";
  $("change-error").hidden = true;
  const a = context.appointment;
  const who = a ? `${a.user_name || "(no name)"} · ${a.user_phone_display} · code ${a.code}` : "";
  if (kind === "book") {
    $("change-title").textContent = "Book an appointment";
    $("change-what").textContent = "For a caller, by their phone number. The same rules apply as on a call.";
    $("change-confirm").textContent = "Book it";
  } else if (kind === "move") {
    $("change-title").textContent = "Move this appointment";
    $("change-what").textContent = `${who}, now ${formatDay(context.date)} at ${context.time}.`;
    $("change-confirm").textContent = "Move it";
  } else {
    $("change-title").textContent = "Cancel this appointment?";
    $("change-what").textContent = `${who}, ${formatDay(context.date)} at ${context.time}. The slot becomes free.`;
    $("change-confirm").textContent = "Cancel the appointment";
  }
  $("change-confirm").classList.toggle("danger", kind === "cancel");
  const dayInput = field("date");
  dayInput.min = state.schedule ? state.schedule.today : "";
  if (kind === "book" && context.date) {
    dayInput.value = context.date;
    loadFreeTimes(context.date, context.time);
  } else if (kind === "move") {
    dayInput.value = "";
    loadFreeTimes("");
  }
  $("change-dialog").showModal();
  const first = { book: field("phone"), move: dayInput, cancel: $("change-confirm") }[kind];
  (field("staff_name").value ? first : field("staff_name")).focus();
}

async function submitChange(event) {
  event.preventDefault();
  const change = state.change;
  if (!change) return;
  const staffName = field("staff_name").value.trim();
  const error = $("change-error");
  const fail = (message) => { error.textContent = message; error.hidden = false; };
  if (!staffName) return fail("Enter your name: it is kept with the change.");
  localStorage.setItem(NAME_KEY, staffName);
  let url;
  let body;
  if (change.kind === "book") {
    body = { staff_name: staffName, phone: field("phone").value.trim(), name: field("name").value.trim() || null, date: field("date").value, time: field("time").value };
    if (!body.phone) return fail("Enter the caller's phone number.");
    if (!body.date || !body.time) return fail("Choose a day and a free time.");
    url = "/staff/api/appointments";
  } else if (change.kind === "move") {
    body = { staff_name: staffName, date: field("date").value, time: field("time").value };
    if (!body.date || !body.time) return fail("Choose the new day and a free time.");
    url = `/staff/api/appointments/${encodeURIComponent(change.appointment.code)}/reschedule`;
  } else {
    body = { staff_name: staffName };
    url = `/staff/api/appointments/${encodeURIComponent(change.appointment.code)}/cancel`;
  }
  $("change-confirm").disabled = true;
  try {
    const done = await api(url, { body });
    $("change-dialog").close();
    state.change = null;
    const who = done.user_name || done.user_phone;
    const when = `${formatDay(done.date)} at ${done.time}`;
    if (done.action === "booked") notify(`Booked ${who} on ${when}. Confirmation code ${done.code}.`);
    else if (done.action === "rescheduled") notify(`Moved ${who}'s appointment (code ${done.code}) to ${when}.`);
    else notify(`Cancelled ${who}'s appointment on ${when} (code ${done.code}).`);
    await loadSchedule();
    if (state.caller) await findCaller(state.caller);
  } catch (err) {
    if (err.status !== 401) fail(err.message);
  } finally {
    $("change-confirm").disabled = false;
  }
}

// ---------------------------------------------------------------- calls
function queryString(query) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  return params.toString();
}

function callCard(c) {
  const who = c.user_name ? c.user_name : "Unidentified caller";
  const chips = (c.outcomes.length ? c.outcomes : [c.ended ? "no change" : "in progress"]).map((o) => el("li", { class: `chip chip-${o.replace(" ", "-")}`, text: o }));
  return el("article", { class: "call", "data-call": c.id },
    el("header", {},
      el("div", {},
        el("h3", {}, el("a", { href: `#call/${c.id}`, text: who })),
        el("p", { class: "muted", text: [c.user_phone, c.created_at_local, duration(c.duration_seconds)].filter(Boolean).join(" · ") })),
      el("span", { class: "total", title: "Total cost", text: totalCost(c.total_cost) })),
    el("ul", { class: "chips" }, chips),
    el("p", { class: "summary", text: c.summary || "No summary yet." }));
}

async function loadCalls() {
  const query = state.callsQuery;
  const data = await api(`/staff/api/calls?${queryString(query)}`);
  const box = $("calls");
  box.replaceChildren(...(data.items.length ? data.items.map(callCard) : [el("p", { class: "muted", text: "No call matches." })]));
  const first = (data.page - 1) * data.per_page + 1;
  const last = first + data.items.length - 1;
  $("calls-count").textContent = data.total ? `Calls ${first}–${last} of ${data.total}, newest first.` : "";
  $("page-label").textContent = `Page ${data.page} of ${data.pages}`;
  $("prev-page").disabled = data.page <= 1;
  $("next-page").disabled = data.page >= data.pages;
  document.body.dataset.callsTotal = String(data.total);
}

function readFilters() {
  const form = $("call-filters");
  const query = {};
  for (const name of ["from", "to", "phone", "outcome"]) {
    const value = form.elements.namedItem(name).value.trim();
    if (value) query[name] = value;
  }
  return query;
}

function writeFilters(query) {
  const form = $("call-filters");
  for (const name of ["from", "to", "phone", "outcome"]) form.elements.namedItem(name).value = query[name] || "";
}

function goToCalls(query) {
  const qs = queryString(query);
  const hash = qs ? `#calls?${qs}` : "#calls";
  // loading from now on, not from when the hashchange event comes
  delete document.body.dataset.loaded;
  if (window.location.hash === hash) route(); // the same search again: no hashchange
  else window.location.hash = hash;
}

function transcriptList(turns) {
  if (!turns.length) return el("p", { class: "muted", text: "No transcript." });
  return el("ol", { class: "transcript" }, turns.map((t) => {
    const who = String(t.role || t.speaker || "?");
    const text = t.text ?? t.content ?? JSON.stringify(t);
    return el("li", { class: `turn turn-${who.replace(/[^a-z]/gi, "")}` }, el("span", { class: "who", text: who === "assistant" ? "agent" : who === "user" ? "caller" : who }), el("span", { text: String(text) }));
  }));
}

function costTable(cost) {
  if (!cost) return el("p", { class: "muted", text: "No cost recorded." });
  const rows = [["Speech to text", cost.stt_cost], ["Text to speech", cost.tts_cost], ["Language model", cost.llm_cost], ["Total", cost.total_cost]];
  return el("table", { class: "cost" }, el("tbody", {}, rows.map(([label, v]) => el("tr", {}, el("th", { scope: "row", text: label }), el("td", { text: label === "Total" ? totalCost(v) : money(v) })))));
}

async function loadCall(id) {
  const box = $("call-detail");
  box.replaceChildren(el("p", { class: "muted", text: "Loading…" }));
  const c = await api(`/staff/api/calls/${encodeURIComponent(id)}`);
  const discussed = c.appointments.length
    ? el("table", { class: "discussed" },
      el("thead", {}, el("tr", {}, ["What", "When", "Code", "Status now"].map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, c.appointments.map((a) => el("tr", {},
        cell("What", { text: a.action }),
        cell("When", { text: `${formatDay(a.date)} ${a.time}${a.previous_date ? ` (was ${formatDay(a.previous_date)} ${a.previous_time})` : ""}` }),
        cell("Code", {}, el("code", { class: "code", text: a.code })),
        cell("Status now", {}, a.status_now ? statusPill(a.status_now) : "—")))))
    : el("p", { class: "muted", text: "No appointment was discussed." });
  box.replaceChildren(
    el("article", { class: "call call-page", "data-call": c.id },
      el("header", {},
        el("div", {},
          el("h2", { id: "call-title", text: c.user_name || "Unidentified caller" }),
          el("p", { class: "muted", text: [c.user_phone, c.created_at_local, duration(c.duration_seconds), c.ended ? (c.end_reason ? `ended: ${endWords(c.end_reason)}` : "ended") : "in progress"].filter(Boolean).join(" · ") })),
        el("span", { class: "total", title: "Total cost", text: totalCost(c.cost_breakdown && c.cost_breakdown.total_cost) })),
      el("p", { class: "summary", text: c.summary || "No summary yet." }),
      el("h3", { text: "Appointments discussed" }), discussed,
      c.preferences_mentioned.length ? el("p", { class: "prefs" }, el("strong", { text: "Preferences: " }), c.preferences_mentioned.join("; ")) : null,
      el("h3", { text: `Transcript (${c.transcript.length} turns)` }), transcriptList(c.transcript),
      el("h3", { text: "Cost" }), costTable(c.cost_breakdown),
      el("p", { class: "muted small-print", text: `Room ${c.room_name}` })));
}

// ---------------------------------------------------------------- activity, calendar
async function loadActivity() {
  const data = await api("/staff/api/actions?limit=100");
  const box = $("activity");
  if (!data.actions.length) { box.replaceChildren(el("p", { class: "muted", text: "Nothing yet." })); return; }
  box.replaceChildren(el("ol", { class: "actions-list" }, data.actions.map((a) => {
    const ok = a.outcome === "done";
    return el("li", { class: `action action-${ok ? "done" : "refused"}`, "data-kind": a.kind, "data-outcome": a.outcome },
      el("span", { class: "muted", text: a.at_local }),
      el("span", {}, el("strong", { text: a.actor }), ` ${actionText(a)}`),
      ok ? null : el("span", { class: "refused", text: a.outcome === "pending" ? "result not recorded" : (a.message || a.outcome) }));
  })));
}

async function loadCalendar() {
  const data = await api("/staff/api/calendar");
  // relative when the server answers any Host: whole from the address this page was opened at
  const url = new URL(data.url, location.href).href;
  $("feed-url").value = url;
  $("download-feed").href = url;
}

// ---------------------------------------------------------------- views
const LOADERS = { schedule: loadSchedule, calls: loadCalls, activity: loadActivity, calendar: loadCalendar };

function parseHash() {
  const hash = window.location.hash.replace(/^#/, "");
  const [path, qs] = hash.split("?");
  if (path.startsWith("call/")) return { view: "call", id: decodeURIComponent(path.slice(5)) };
  const view = LOADERS[path] ? path : "schedule";
  return { view, query: Object.fromEntries(new URLSearchParams(qs || "")) };
}

async function route() {
  const { view, id, query } = parseHash();
  for (const section of document.querySelectorAll("main > .view")) section.hidden = section.id !== `view-${view}`;
  for (const tab of document.querySelectorAll(".tabs a")) {
    const current = tab.dataset.tab === view || (view === "call" && tab.dataset.tab === "calls");
    if (current) tab.setAttribute("aria-current", "page"); else tab.removeAttribute("aria-current");
  }
  document.body.dataset.view = view;
  delete document.body.dataset.loaded;
  try {
    if (view === "call") await loadCall(id);
    else {
      if (view === "calls") { state.callsQuery = query; writeFilters(query); }
      await LOADERS[view]();
    }
    showError("");
    document.body.dataset.loaded = "true";
  } catch (err) {
    if (err.status !== 401) showError(`Could not load this page (${err.message}). Try Refresh.`);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("refresh").addEventListener("click", () => { notify(""); route(); });
  $("days").addEventListener("change", route);
  $("new-booking").addEventListener("click", () => openChange("book", {}));
  $("unnamed").addEventListener("click", () => findByName("", true));
  $("find-caller").addEventListener("submit", (e) => { e.preventDefault(); findCaller($("find-q").value.trim()); });
  $("change-form").addEventListener("submit", submitChange);
  $("change-close").addEventListener("click", () => $("change-dialog").close());
  field("date").addEventListener("change", (e) => loadFreeTimes(e.target.value));
  $("call-filters").addEventListener("submit", (e) => { e.preventDefault(); goToCalls(readFilters()); });
  $("call-filters").addEventListener("reset", () => setTimeout(() => goToCalls({}), 0));
  $("prev-page").addEventListener("click", () => goToCalls({ ...state.callsQuery, page: String(Math.max(1, Number(state.callsQuery.page || 1) - 1)) }));
  $("next-page").addEventListener("click", () => goToCalls({ ...state.callsQuery, page: String(Number(state.callsQuery.page || 1) + 1) }));
  $("copy-feed").addEventListener("click", async () => {
    try { await navigator.clipboard.writeText($("feed-url").value); notify("Feed address copied."); }
    catch { $("feed-url").select(); notify("Select the address and copy it."); }
  });
  $("make-device-link").addEventListener("click", async () => {
    try {
      const link = await api("/staff/api/device-link", { method: "POST" });
      $("device-url").value = new URL(link.path, location.href).href;
      notify("Open this link in the other browser within ten minutes.");
    } catch (err) { if (err.status !== 401) showError(`Could not make a link (${err.message}).`); }
  });
  window.addEventListener("hashchange", route);
  route();
  setInterval(() => { if (document.body.dataset.view === "schedule" && !$("change-dialog").open) route(); }, 60_000);
});
