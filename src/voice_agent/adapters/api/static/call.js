// The browser call page: microphone -> WebRTC -> the receptionist; messages on the "call"
// data channel (transcript, agent events, appointments, the final record). The keypad sends
// one {type: "key"} message per press on that channel; the server checks and paces them and
// hands "digits#" to the receptionist as a phone's keypad does.
// Every value from the server goes through textContent, never innerHTML.
"use strict";

const CONNECT_TIMEOUT_MS = 15000;
const ICE_GATHER_TIMEOUT_MS = 2500;
const END_WAIT_MS = 10000;

const call = {
  pc: null,
  stream: null,
  channel: null,
  roomName: null,
  summaryToken: null,
  connected: false,
  ended: false,
  hangingUp: false,
  timers: [],
  keypadOpen: false,
  keypadAuto: false,
  lastKey: null,
  typed: "",
};

const KEYS = "0123456789*#";
const KEYPAD_KINDS = new Set(["phone", "code"]); // what the agent asks for: a number, a code

function setStatus(text, state) {
  const box = $("status");
  box.textContent = text;
  if (state) box.dataset.state = state;
  else delete box.dataset.state;
}

function showError(message) {
  const box = $("error");
  box.textContent = message || "";
  box.hidden = !message;
  document.body.dataset.error = message ? "true" : "false";
}

function setPhase(phase) {
  // idle | connecting | live | ending | ended
  document.body.dataset.phase = phase;
  const inCall = phase === "connecting" || phase === "live" || phase === "ending";
  $("call").hidden = inCall;
  $("call").disabled = false;
  $("hangup").hidden = !inCall;
  $("hangup").disabled = phase === "ending";
  $("call").textContent = phase === "ended" ? "Call again" : "Call";
  $("keypad-toggle").hidden = phase !== "live";
  if (phase !== "live") showKeypad(false);
}

// ---------------------------------------------------------------- keypad
function showKeypad(open, auto = false) {
  call.keypadOpen = open;
  call.keypadAuto = open && auto;
  $("keypad").hidden = !open;
  $("keypad-toggle").setAttribute("aria-expanded", String(open));
  document.body.dataset.keypad = open ? "open" : "closed";
}

// The agent asks for a phone number or a code: the keypad opens (and closes again after,
// unless the caller opened it).
function onExpecting(kind) {
  document.body.dataset.expecting = String(kind);
  if (KEYPAD_KINDS.has(kind)) {
    if (!call.keypadOpen && document.body.dataset.phase === "live") showKeypad(true, true);
  } else if (call.keypadAuto) {
    showKeypad(false);
  }
}

function pressKey(key) {
  if (typeof key !== "string" || key.length !== 1 || !KEYS.includes(key)) return;
  if (!call.channel || call.channel.readyState !== "open" || call.ended || call.hangingUp) return;
  call.lastKey = key;
  call.channel.send(JSON.stringify({ type: "key", key }));
  const button = $("keypad").querySelector(`.key[data-key="${CSS.escape(key)}"]`);
  if (button) {
    button.dataset.pressed = "true";
    setTimeout(() => { delete button.dataset.pressed; }, 150);
  }
}

// The server's answer to a press: what is typed so far ("" once sent, or after "*").
function onKeypad(message) {
  const box = $("keypad-typed");
  const typed = typeof message.typed === "string" ? message.typed : "";
  if (message.taken === false) {
    box.dataset.refused = "true";
    box.textContent = `${typed} (too fast: wait a moment and press it again)`;
    return;
  }
  box.dataset.refused = "false";
  if (typed) box.textContent = typed;
  else box.textContent = call.typed && call.lastKey !== "*" ? `Sent ${call.typed}.` : "";
  call.typed = typed;
}

function onKeyDown(ev) {
  if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.repeat) return;
  if (document.body.dataset.phase !== "live" || !KEYS.includes(ev.key) || ev.key.length !== 1) return;
  const target = ev.target;
  if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
  ev.preventDefault();
  if (!call.keypadOpen) showKeypad(true);
  pressKey(ev.key);
}

// ---------------------------------------------------------------- rendering
function clearEmpty(list) {
  const empty = list.querySelector(".empty");
  if (empty) empty.remove();
}

function addTurn(role, text) {
  const list = $("transcript");
  clearEmpty(list);
  const who = role === "user" ? "You" : "Receptionist";
  list.append(el("li", { class: `turn turn-${role === "user" ? "user" : "assistant"}` }, el("span", { class: "who", text: who }), el("span", { class: "text", text })));
  list.lastElementChild.scrollIntoView({ block: "nearest" });
}

function showInterim(text) {
  const box = $("interim");
  box.textContent = text ? `${text}…` : "";
  box.hidden = !text;
}

const ACTION_WORDS = { booked: "Booked", rescheduled: "Moved", cancelled: "Cancelled" };

// A confirmation code as the caller reads and types it (the server's display form): the
// tool results the agent publishes carry it in its stored, lower-case form.
function codeText(code) {
  return code ? String(code).toUpperCase() : "";
}

function addAppointment(a) {
  const word = ACTION_WORDS[a.action];
  if (!word) return; // "viewed": read out, not changed
  const list = $("appointments");
  const when = `${formatDay(a.date)} at ${a.time}`;
  const code = codeText(a.appointment_id);
  const item = el("li", { class: a.action, "data-action": a.action, "data-code": code },
    el("strong", { text: `${word}: ` }), when,
    a.previous_date ? ` (was ${formatDay(a.previous_date)} at ${a.previous_time})` : null,
    code ? el("span", {}, " · confirmation code ", el("span", { class: "code", text: code })) : null,
  );
  list.append(item);
  $("booking").hidden = false;
}

// A day as the page writes it: an ISO date in words, anything else (a model's "tomorrow") as
// it came.
function dayWords(value) {
  const text = value == null ? "" : String(value);
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? formatDay(text) : text;
}

function slotWords(date, time) {
  const day = dayWords(date);
  return day && time ? `${day} at ${time}` : day || String(time || "");
}

// The tools' arguments carry the phone number masked to its last two digits.
function numberWords(phone) {
  const last = String(phone || "").replace(/\D/g, "").slice(-2);
  return last ? `the number ending ${last}` : "your number";
}

function countWords(n, one, many) {
  return n === 0 ? `no ${many}` : `${n} ${n === 1 ? one : many}`;
}

// What each tool did, in the caller's words (docs/tools.md: arguments p, result r, and
// whether the tool refused); a tool not listed shows its name with spaces.
const TOOL_WORDS = {
  get_current_time: () => "Checked today's date",
  identify_user: (p, r, failed) => {
    const number = numberWords(p.phone_number);
    if (failed) return `Looked up ${number}`;
    if (r.status === "registered") return `Opened your account (${number})`;
    if (r.status === "identified") return `Found your account (${number})`;
    if (r.status === "name_required") return `Looked up ${number}: no account yet`;
    return `Looked up ${number}`;
  },
  fetch_available_slots: (p, r, failed) => {
    if (failed || !Array.isArray(r.available)) return `Checked free times on ${dayWords(p.date)}`;
    return `Checked free times on ${dayWords(r.date)}: ${countWords(r.available.length, "free time", "free times")}`;
  },
  book_appointment: (p, r, failed) => (failed || !r.appointment
    ? `Tried to book ${slotWords(p.date, p.time)}`
    : `Booked ${slotWords(r.appointment.date, r.appointment.time)}`),
  modify_appointment: (p, r, failed) => (failed || !r.appointment
    ? `Tried to move an appointment to ${slotWords(p.new_date, p.new_time)}`
    : `Moved your appointment to ${slotWords(r.appointment.date, r.appointment.time)}`),
  cancel_appointment: (p, r, failed) => (failed || !r.appointment
    ? "Tried to cancel an appointment"
    : `Cancelled your appointment on ${slotWords(r.appointment.date, r.appointment.time)}`),
  get_user_appointments: (p, r, failed) => (failed || !Array.isArray(r.appointments)
    ? "Looked up your appointments"
    : `Looked up your appointments (${countWords(r.appointments.length, "appointment", "appointments")})`),
  update_name: (p, r, failed) => (failed ? "Tried to correct the name on your account" : "Corrected the name on your account"),
  end_conversation: () => "Ended the call",
  transfer_to_staff: (p, r, failed) => (failed ? "Tried to put you through to staff" : "Put you through to staff"),
};

// The agent's events are passed on as the agent publishes them (docs/events.md): a flat
// {type, name, arguments, status} or the seed's {type, data: {tool, params, result}}.
// Returns the tool's name, what it did in words, and a refusal's sentence (what the caller
// was told).
function toolCall(event) {
  const data = event && event.data && typeof event.data === "object" ? event.data : event || {};
  const name = String(data.tool || data.name || "tool");
  const params = data.params || data.arguments;
  const result = data.result && typeof data.result === "object" ? data.result : {};
  const failed = event.status === "error" || data.status === "error" || data.is_error === true || Boolean(result.error);
  const words = Object.hasOwn(TOOL_WORDS, name) ? TOOL_WORDS[name] : null;
  const text = words
    ? words(params && typeof params === "object" ? params : {}, result, failed)
    : name.replaceAll("_", " ").replace(/^./, (c) => c.toUpperCase());
  const reason = failed && typeof result.message === "string" ? result.message : "";
  return { name, text, failed, reason };
}

function addToolCall(event) {
  const { name, text, failed, reason } = toolCall(event);
  const list = $("tools");
  clearEmpty(list);
  list.append(el("li", { class: "tool", "data-tool": name }, text, " · ",
    el("span", { class: failed ? "status-error" : "status-ok", text: failed ? "refused" : "done" }),
    reason ? el("span", { class: "reason", text: ` (${reason})` }) : null));
}

function showSummary(record) {
  $("summary").hidden = false;
  $("summary-text").textContent = record.summary || "No summary was written.";
  const facts = $("summary-facts");
  const rows = [];
  if (typeof record.duration_seconds === "number") rows.push(["Duration", `${record.duration_seconds} s`]);
  const changes = (record.appointments_discussed || []).filter((a) => ACTION_WORDS[a.action]);
  for (const a of changes) rows.push([ACTION_WORDS[a.action], `${formatDay(a.date)} at ${a.time}${a.appointment_id ? ` · code ${codeText(a.appointment_id)}` : ""}`]);
  const cost = record.cost_breakdown;
  if (cost && typeof cost === "object") rows.push(["Cost", totalCost(cost.total_cost)]);
  if (record.end_reason) rows.push(["Ended", endWords(record.end_reason)]);
  facts.replaceChildren(...rows.flatMap(([k, v]) => [el("dt", { text: k }), el("dd", { text: v })]));
}

// ---------------------------------------------------------------- messages
const STATE_WORDS = {
  listening: "Listening: speak now.",
  thinking: "The receptionist is thinking…",
  speaking: "The receptionist is speaking.",
  initializing: "Connecting…",
};

function onMessage(raw) {
  let message;
  try { message = JSON.parse(raw.data); } catch { return; }
  if (!message || typeof message !== "object") return;
  switch (message.type) {
    case "call_started":
      setStatus("Connected. The receptionist will greet you.");
      break;
    case "agent_state":
      if (!call.ended && !call.hangingUp && STATE_WORDS[message.state]) setStatus(STATE_WORDS[message.state], message.state);
      break;
    case "transcript":
      if (message.final) { showInterim(""); addTurn(message.role, message.text); }
      else if (message.role === "user") showInterim(message.text);
      break;
    case "appointment":
      addAppointment(message);
      break;
    case "agent_event":
      if (message.event && message.event.type === "tool_call") addToolCall(message.event);
      break;
    case "call_ended":
      finish(message);
      break;
    case "expecting":
      onExpecting(message.kind);
      break;
    case "keypad":
      onKeypad(message);
      break;
    default:
      break;
  }
}

// ---------------------------------------------------------------- the call
function microphoneError(err) {
  const name = err && err.name;
  if (name === "NotAllowedError" || name === "SecurityError" || name === "PermissionDeniedError")
    return "Microphone access was refused. Allow the microphone for this site (the icon next to the address) and press Call again.";
  if (name === "NotFoundError" || name === "OverconstrainedError" || name === "DevicesNotFoundError")
    return "No microphone was found. Connect one and press Call again.";
  if (name === "NotReadableError" || name === "TrackStartError")
    return "The microphone could not be opened: another program may be using it.";
  return `The microphone could not be used (${name || "unknown error"}).`;
}

function waitForIce(pc) {
  if (pc.iceGatheringState === "complete") return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => { pc.removeEventListener("icegatheringstatechange", check); resolve(); };
    const check = () => { if (pc.iceGatheringState === "complete") done(); };
    pc.addEventListener("icegatheringstatechange", check);
    setTimeout(done, ICE_GATHER_TIMEOUT_MS);
  });
}

async function offerError(response) {
  let detail = "";
  try { detail = (await response.json()).detail; } catch { /* not JSON */ }
  if (typeof detail !== "string") detail = "";
  if (response.status === 429) {
    const wait = response.headers.get("Retry-After");
    return `Too many calls from this address. Try again${wait ? ` in ${wait} seconds` : " shortly"}.`;
  }
  if (response.status === 503) return detail || "The receptionist is not taking calls right now. Try again in a minute.";
  return detail ? `The call could not be started: ${detail}` : `The call could not be started (HTTP ${response.status}).`;
}

function later(fn, ms) {
  call.timers.push(setTimeout(fn, ms));
}

async function startCall() {
  showError("");
  resetPage();
  $("call").disabled = true;
  if (!window.isSecureContext || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.RTCPeerConnection) {
    showError("This browser cannot call from this address: the microphone needs https, or http://localhost / http://127.0.0.1, in a browser with WebRTC.");
    setPhase("idle");
    return;
  }
  setStatus("Asking for your microphone…");
  try {
    call.stream = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
      video: false,
    });
  } catch (err) {
    showError(microphoneError(err));
    setStatus("Press Call to try again.");
    setPhase("idle");
    return;
  }
  setPhase("connecting");
  setStatus("Connecting…");
  try {
    await connect();
  } catch (err) {
    fail(err && err.userMessage ? err.userMessage : "Could not connect to the receptionist. Check your connection and press Call again.");
  }
}

async function connect() {
  let iceServers = [];
  try { iceServers = JSON.parse(document.body.dataset.iceServers || "[]"); } catch { iceServers = []; }
  const pc = new RTCPeerConnection({ iceServers });
  call.pc = pc;
  for (const track of call.stream.getAudioTracks()) pc.addTrack(track, call.stream);
  const channel = pc.createDataChannel("call");
  call.channel = channel;
  channel.onmessage = onMessage;
  pc.ontrack = (ev) => {
    const audio = $("agent-audio");
    audio.srcObject = ev.streams && ev.streams[0] ? ev.streams[0] : new MediaStream([ev.track]);
    audio.play().catch(() => { /* autoplay refused: the Call click usually allows it */ });
  };
  pc.onconnectionstatechange = () => {
    const state = pc.connectionState;
    if (state === "connected") {
      call.connected = true;
      document.body.dataset.connected = "true";
      if (!call.ended) setPhase("live");
    } else if (state === "failed") {
      // a call that was live has a record (what was booked stands): fetch its summary
      if (call.connected) { if (!call.ended) connectionLost(); }
      else if (!call.ended) fail("The connection to the receptionist failed. Press Call to try again.");
    } else if (state === "disconnected") {
      if (!call.ended) setStatus("The connection is interrupted; trying to recover…");
    } else if (state === "closed") {
      if (!call.ended) connectionLost();
    }
  };
  await pc.setLocalDescription(await pc.createOffer());
  await waitForIce(pc);
  let response;
  try {
    response = await fetch("/call/offer", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ sdp: pc.localDescription.sdp, type: "offer" }),
    });
  } catch {
    throw Object.assign(new Error("network"), { userMessage: "The server could not be reached. Check that it is running and press Call again." });
  }
  if (!response.ok) throw Object.assign(new Error("refused"), { userMessage: await offerError(response) });
  const answer = await response.json();
  call.roomName = answer.room_name;
  call.summaryToken = answer.summary_token;
  document.body.dataset.room = answer.room_name;
  await pc.setRemoteDescription({ type: "answer", sdp: answer.sdp });
  later(() => {
    if (!call.connected && !call.ended) fail("Could not connect to the receptionist: the connection was blocked (a firewall or network setting). Press Call to try again.");
  }, CONNECT_TIMEOUT_MS);
}

function hangUp() {
  if (call.ended || call.hangingUp) return;
  call.hangingUp = true;
  setPhase("ending");
  setStatus("Hanging up…");
  if (call.channel && call.channel.readyState === "open") {
    call.channel.send(JSON.stringify({ type: "hangup" }));
    later(() => { if (!call.ended) connectionLost(); }, END_WAIT_MS);
  } else {
    connectionLost();
  }
}

function stopMedia() {
  for (const timer of call.timers) clearTimeout(timer);
  call.timers = [];
  if (call.stream) for (const track of call.stream.getTracks()) track.stop();
  call.stream = null;
  if (call.pc) {
    const pc = call.pc;
    call.pc = null;
    pc.onconnectionstatechange = null;
    setTimeout(() => pc.close(), 500);
  }
}

function finish(record) {
  if (call.ended) return;
  call.ended = true;
  showInterim("");
  for (const a of record.appointments_discussed || []) {
    const known = [...$("appointments").children].some((li) => li.dataset.code === codeText(a.appointment_id) && li.dataset.action === a.action);
    if (!known) addAppointment(a);
  }
  showSummary(record);
  setStatus("The call has ended.");
  setPhase("ended");
  document.body.dataset.ended = "true";
  stopMedia();
}

function fail(message) {
  if (call.ended) return;
  call.ended = true;
  showError(message);
  setStatus("Not connected.");
  setPhase("ended");
  stopMedia();
}

// The connection went away before the final record came: read it from /summary.
async function connectionLost() {
  if (call.ended) return;
  const room = call.roomName;
  const token = call.summaryToken;
  stopMedia();
  if (!room || !token) { fail("The call was disconnected."); return; }
  setStatus("The call was disconnected; fetching its summary…");
  for (let attempt = 0; attempt < 8; attempt++) {
    try {
      const response = await fetch(`/summary/${encodeURIComponent(room)}`, { headers: { Authorization: `Bearer ${token}`, Accept: "application/json" } });
      if (response.ok) {
        const record = await response.json();
        if (record.summary) { finish(record); return; }
      }
    } catch { /* retry */ }
    await new Promise((r) => setTimeout(r, 1000));
  }
  fail("The call was disconnected, and its summary is not ready yet. Staff can find it on the staff page.");
}

function resetPage() {
  call.ended = false;
  call.hangingUp = false;
  call.connected = false;
  call.roomName = null;
  call.summaryToken = null;
  delete document.body.dataset.ended;
  delete document.body.dataset.connected;
  $("transcript").replaceChildren(el("li", { class: "muted empty", text: "Nothing said yet." }));
  $("tools").replaceChildren(el("li", { class: "muted empty", text: "No actions yet." }));
  $("appointments").replaceChildren();
  $("booking").hidden = true;
  $("summary").hidden = true;
  showInterim("");
  $("keypad-typed").textContent = "";
  call.typed = "";
  call.lastKey = null;
  delete document.body.dataset.expecting;
}

document.addEventListener("DOMContentLoaded", () => {
  $("call").addEventListener("click", startCall);
  $("hangup").addEventListener("click", hangUp);
  $("keypad-toggle").addEventListener("click", () => showKeypad(!call.keypadOpen));
  for (const button of $("keypad").querySelectorAll(".key")) {
    button.addEventListener("click", () => pressKey(button.dataset.key));
  }
  document.addEventListener("keydown", onKeyDown);
  window.addEventListener("pagehide", () => {
    if (call.channel && call.channel.readyState === "open" && !call.ended) call.channel.send(JSON.stringify({ type: "hangup" }));
  });
  setPhase("idle");
  document.body.dataset.ready = "true";
});
