// The phone's page of the room. No framework: it joins, shows what the facilitator has
// opened, and sends one answer per tap. Every text from the session is set with
// textContent, never parsed as HTML.
"use strict";

const POLL_MS = 3000;
const TOKEN_KEY = "partnership-workshop-phone";
const main = document.getElementById("main");
const statusLine = document.getElementById("status");
const joinToken = (location.pathname.match(/^\/j\/([A-Za-z0-9_-]+)$/) || [])[1] || "";
let phoneToken = localStorage.getItem(TOKEN_KEY) || "";
let shape = "";      // what the page is built for: rebuilt only when this changes
let buttons = {};    // answer key -> buttons, to show what is chosen
let state = null;
let pollTimer = 0;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (name === "onclick") node.addEventListener("click", value);
    else if (name === "text") node.textContent = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function say(text, bad) {
  statusLine.textContent = text;
  statusLine.className = bad ? "bad" : "";
}

function show(...nodes) {
  main.replaceChildren(...nodes);
  shape = "";
}

async function call(method, path, body, headers) {
  const options = { method, headers: Object.assign({}, headers) };
  if (phoneToken) options.headers.Authorization = "Bearer " + phoneToken;
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, options);
  } catch (e) {
    const error = new Error("The room is closed, or this phone has lost the laptop's " +
                            "network. Your saved answers are kept.");
    error.offline = true;
    throw error;
  }
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(data.error || "The laptop refused that (" + response.status + ").");
    error.status = response.status;
    throw error;
  }
  return data;
}

// --- joining ------------------------------------------------------------------------

function askForCode(message) {
  const input = el("input", { id: "code", autocomplete: "off", autocapitalize: "characters",
                              inputmode: "text", maxlength: "9" });
  const form = el("form", {},
    el("label", { for: "code", text: "The room's code, as shown on the screen" }), input,
    el("p", {}, el("button", { type: "submit", text: "Join" })));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const data = await call("POST", "/api/code", { code: input.value });
      location.replace("/j/" + data.join);
    } catch (e) { say(e.message, true); }
  });
  show(...(message ? [el("p", { class: "notice bad", text: message })] : []), form);
  input.focus();
}

async function offerJoin() {
  const welcome = await call("GET", "/api/welcome", undefined, { "X-Room-Join": joinToken });
  document.getElementById("title").textContent = welcome.title;
  const join = async (choice) => {
    try {
      const data = await call("POST", "/api/join", choice, { "X-Room-Join": joinToken });
      phoneToken = data.token;
      localStorage.setItem(TOKEN_KEY, phoneToken);
      say("You have joined. Thank you.");
      await refresh();
    } catch (e) { say(e.message, true); }
  };
  const nodes = [el("h2", { text: "Join the room" })];
  if (welcome.groups.length) {
    nodes.push(el("p", { text: "Answer anonymously, as a member of your group: nobody " +
                                "sees your own answers, only your group's." }));
    for (const group of welcome.groups)
      nodes.push(el("button", { class: "wide", onclick: () => join({ group: group.id }),
                                text: "A member of " + group.name }));
  }
  if (welcome.participants.length) {
    nodes.push(el("h3", { text: "Or by name" }));
    for (const person of welcome.participants) {
      const button = el("button", { class: "wide", onclick: () => join({ participant: person.id }),
                                    text: person.name + (person.taken ? " (already joined)" : "") });
      if (person.taken) button.disabled = true;
      nodes.push(button);
    }
  }
  if (nodes.length === 1)
    nodes.push(el("p", { class: "notice", text: "The facilitator has not set up any groups yet." }));
  show(...nodes);
}

// --- answering ----------------------------------------------------------------------

async function answer(exercise, item, value) {
  try {
    await call("POST", "/api/answer", { exercise, item: String(item), value });
    say(value === null ? "Taken back." : "Saved.");
    await refresh();
  } catch (e) {
    say(e.message, true);
    if (e.status === 403) await start();
  }
}

function choice(key, label, chosen, onclick, extra) {
  const button = el("button", Object.assign({ "aria-pressed": String(chosen), onclick,
                                              text: label }, extra || {}));
  (buttons[key] = buttons[key] || []).push(button);
  return button;
}

function perceptionPart(part) {
  const nodes = [el("h2", { text: "Score the grid: how things are for your group" }),
                 el("p", { text: "Tap 1 to 5 (this app reads 1 as poor, 5 as very good; the " +
                                  "facilitator may explain the scale). Tap a score again to take it back." })];
  let section = "";
  for (const row of part.rows) {
    if (row.section !== section) nodes.push(el("h3", { text: (section = row.section) }));
    const chosen = part.answers[row.id];
    const scores = el("div", { class: "choices scores", role: "group",
                               "aria-label": row.label });
    for (let score = 1; score <= 5; score++)
      scores.append(choice("perception:" + row.id, String(score), chosen === score,
        () => answer("perception", row.id, chosen === score ? null : String(score)),
        { "aria-label": row.label + ": " + score }));
    nodes.push(el("div", { class: "item" }, el("p", { text: row.label }), scores));
  }
  return nodes;
}

function obstaclesPart(part) {
  const spent = Object.values(part.votes).reduce((a, b) => a + b, 0);
  const nodes = [el("h2", { text: "Obstacles: how much does each stand in the way?" }),
                 el("p", { text: "Dot votes left: " + (part.dot_votes - spent) + " of " +
                                  part.dot_votes + ". Spend them on what matters most." })];
  for (const item of part.items) {
    const rated = part.ratings[item.id];
    const ratings = el("div", { class: "choices", role: "group", "aria-label": item.text });
    for (const level of part.scale)
      ratings.append(choice("rating:" + item.id, level.value + " " + level.label,
        rated === level.value,
        () => answer("obstacles", "rating:" + item.id, rated === level.value ? null : String(level.value)),
        { "aria-label": item.text + ": " + level.label }));
    const votes = part.votes[item.id] || 0;
    const voting = el("div", { class: "choices" },
      el("button", { onclick: () => answer("obstacles", "votes:" + item.id, votes > 1 ? String(votes - 1) : null),
                     "aria-label": "Take a vote back from: " + item.text, text: "− vote" }),
      el("span", { text: " " + votes + (votes === 1 ? " vote " : " votes "), "aria-live": "polite" }),
      el("button", { onclick: () => answer("obstacles", "votes:" + item.id, String(votes + 1)),
                     "aria-label": "Give a vote to: " + item.text, text: "+ vote" }));
    nodes.push(el("div", { class: "item" }, el("p", { text: item.text }), ratings, voting));
  }
  return nodes;
}

function typologyPart(part) {
  const nodes = [el("h2", { text: "Typology: where is the partnership, and where does it need to be?" })];
  for (const [horizon, title] of [["now", "Now"], ["needed", "Where it needs to be"]]) {
    const chosen = part.answers[horizon] || "";
    const grid = el("div", { class: "grid", role: "group", "aria-label": title });
    for (const level of part.collaborations)
      for (const fn of part.functions) {
        const value = level.key + "/" + fn.key;
        grid.append(choice("typology:" + horizon, level.label + " · " + fn.label, chosen === value,
          () => answer("typology", horizon, chosen === value ? null : value),
          { "aria-label": title + ": " + level.label + ", " + fn.label }));
      }
    nodes.push(el("h3", { text: title }),
               el("p", { class: "axis", text: "Rows: level of collaboration. Columns: function." }),
               grid);
  }
  return nodes;
}

const PARTS = { perception: perceptionPart, obstacles: obstaclesPart, typology: typologyPart };

function render() {
  document.getElementById("title").textContent = state.title;
  const me = document.getElementById("me");
  me.hidden = false;
  me.textContent = state.me.name
    ? "You: " + state.me.name + (state.me.group ? " (" + state.me.group + ")" : "")
    : "You: a member of " + (state.me.group || "no group");
  const nodes = [];
  buttons = {};
  for (const exercise of state.open) nodes.push(...PARTS[exercise](state[exercise]));
  if (!state.open.length)
    nodes.push(el("p", { class: "notice", text: "Nothing is open to answer yet. Keep this " +
                                                "page open: it shows the next exercise when the facilitator opens it." }));
  const focused = document.activeElement && document.activeElement.getAttribute("aria-label");
  main.replaceChildren(...nodes);
  if (focused) {  // keep a screen reader's place when the page is rebuilt
    const again = [...main.querySelectorAll("button")].find(b => b.getAttribute("aria-label") === focused);
    if (again) again.focus();
  }
}

async function refresh() {
  const next = await call("GET", "/api/state");
  const text = JSON.stringify(next);
  if (text !== shape) {
    state = next;
    render();
    shape = text;
  }
}

async function poll() {
  clearTimeout(pollTimer);
  try {
    await refresh();
    if (statusLine.className === "bad") say("");
  } catch (e) {
    say(e.message, true);
    if (e.status === 403) { await start(); return; }
  }
  pollTimer = setTimeout(poll, POLL_MS);
}

async function start() {
  try {
    if (phoneToken) {
      try {
        await refresh();
        return poll();
      } catch (e) {
        if (e.status !== 403) throw e;
        phoneToken = "";
        localStorage.removeItem(TOKEN_KEY);
      }
    }
    if (!joinToken) return askForCode("");
    await offerJoin();
  } catch (e) {
    if (e.status === 403 && !phoneToken) return askForCode(e.message);
    show(el("p", { class: "notice bad", text: e.message }));
    setTimeout(start, POLL_MS);
  }
}

start();
