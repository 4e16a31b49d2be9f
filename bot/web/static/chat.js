// Web chat. Replies arrive as HTML already escaped by the server (`html`); the person's
// own words are only ever inserted with textContent, never as HTML.
"use strict";

(function () {
  const UI = {
    zh: {
      title: "反诈咨询", skip: "跳到输入框", language: "语言", large: "大字",
      hotlines: "求助电话", police: "报警", antifraud: "反诈专线",
      assistant: "助手：", you: "我：",
      intro: "把发生的事用自己的话告诉我，或者粘贴收到的短信。我会告诉您是不是诈骗、现在该怎么做。",
      label: "描述您遇到的情况", placeholder: "例如：有人自称公安，让我把钱转到安全账户",
      privacy: "不要发送密码、验证码或完整卡号。", send: "发送", thinking: "正在分析……",
      choices: "可以选择：", call: "拨打",
      error: "抱歉，网络或服务出了问题，请再试一次。紧急情况请直接拨打 110。",
      tooMany: "发送太频繁了，请稍等一会儿再试。", tooLong: "内容太长了，请删短一些再发送。",
      empty: "请先写下发生了什么。",
    },
    "zh-hant": {
      title: "反詐諮詢", skip: "跳到輸入框", language: "語言", large: "大字",
      hotlines: "求助電話", police: "報警", antifraud: "反詐專線",
      assistant: "助手：", you: "我：",
      intro: "把發生的事用自己的話告訴我，或者貼上收到的短信。我會告訴您是不是詐騙、現在該怎麼做。",
      label: "描述您遇到的情況", placeholder: "例如：有人自稱公安，讓我把錢轉到安全帳戶",
      privacy: "不要發送密碼、驗證碼或完整卡號。", send: "發送", thinking: "正在分析……",
      choices: "可以選擇：", call: "撥打",
      error: "抱歉，網絡或服務出了問題，請再試一次。緊急情況請直接撥打 110。",
      tooMany: "發送太頻繁了，請稍等一會兒再試。", tooLong: "內容太長了，請刪短一些再發送。",
      empty: "請先寫下發生了什麼。",
    },
    en: {
      title: "Anti-fraud consultation", skip: "Skip to the message box", language: "Language",
      large: "Large text", hotlines: "Phone numbers", police: "Police", antifraud: "Anti-fraud hotline",
      assistant: "Assistant:", you: "Me:",
      intro: "Tell me what happened in your own words, or paste the message you received. I will tell you whether it is a scam and what to do now.",
      label: "Describe what is happening",
      placeholder: "e.g. Someone says they are the police and wants me to move money to a safe account",
      privacy: "Never send passwords, codes or full card numbers.", send: "Send",
      thinking: "Checking…", choices: "Choose:", call: "Call",
      error: "Sorry, something went wrong. Please try again. In an emergency call 110.",
      tooMany: "Too many messages. Please wait a moment and try again.",
      tooLong: "That is too long. Please shorten it and send again.",
      empty: "Please write what happened first.",
    },
  };
  const HTML_LANG = { zh: "zh-CN", "zh-hant": "zh-Hant", en: "en" };

  const $ = (id) => document.getElementById(id);
  const log = $("log"), form = $("chat"), box = $("message"), sendButton = $("send");
  const langSelect = $("lang"), largeButton = $("large"), status = $("status");
  let lang = pickLanguage();
  let busy = false;

  function stored(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function store(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* private mode */ }
  }
  function pickLanguage() {
    const saved = stored("fraudbot.lang");
    if (saved && UI[saved]) return saved;
    const nav = (navigator.language || "zh").toLowerCase();
    if (nav.startsWith("en")) return "en";
    if (nav === "zh-tw" || nav === "zh-hk" || nav.startsWith("zh-hant")) return "zh-hant";
    return "zh";
  }
  function t(key) { return UI[lang][key] || UI.zh[key]; }

  function applyLanguage() {
    document.documentElement.lang = HTML_LANG[lang];
    document.title = t("title");
    document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll("[data-i18n-placeholder]").forEach((el) => {
      el.placeholder = t(el.dataset.i18nPlaceholder);
    });
    document.querySelectorAll("[data-zh]").forEach((el) => {
      el.textContent = lang === "en" ? el.dataset.en : el.dataset.zh;
    });
    langSelect.value = lang;
  }

  function applyLarge(on) {
    document.documentElement.classList.toggle("large", on);
    largeButton.setAttribute("aria-pressed", on ? "true" : "false");
  }

  function reveal(el) {
    // Show the start of a reply: long advice is read from the top.
    el.scrollIntoView({ block: "start" });
  }

  function bubble(who, extraClass) {
    const div = document.createElement("div");
    div.className = "msg " + who + (extraClass ? " " + extraClass : "");
    const label = document.createElement("p");
    label.className = "who visually-hidden";
    label.textContent = who === "me" ? t("you") : t("assistant");
    div.appendChild(label);
    log.appendChild(div);
    return div;
  }

  function showMine(text) {
    const p = document.createElement("p");
    p.className = "text";
    p.textContent = text;  // never HTML: this is what the person typed
    bubble("me").appendChild(p);
  }

  function showReply(reply) {
    const div = bubble("bot", reply.kind === "urgent" ? "urgent" : "");
    div.dataset.kind = reply.kind;
    const body = document.createElement("div");
    body.className = "reply";
    body.innerHTML = reply.html;  // escaped by the server's templates
    div.appendChild(body);
    if (reply.buttons.length || reply.links.length) div.appendChild(choices(reply));
    reveal(div);
  }

  function choices(reply) {
    const group = document.createElement("div");
    group.className = "choices";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", t("choices"));
    reply.buttons.forEach((b) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "choice " + b.action.replace(/[^a-z_]/g, "");
      button.dataset.action = b.action;
      button.textContent = b.label;
      button.addEventListener("click", () => press(b.action, b.label));
      group.appendChild(button);
    });
    reply.links.forEach((link) => {
      if (!/^tel:[0-9+]+$/.test(link.url)) return;
      const a = document.createElement("a");
      a.className = "tel";
      a.href = link.url;
      a.textContent = t("call") + " " + link.label;
      group.appendChild(a);
    });
    return group;
  }

  function showError(message) {
    const div = bubble("bot", "error");
    const p = document.createElement("p");
    p.textContent = message;
    div.appendChild(p);
    reveal(div);
  }

  function setBusy(on) {
    busy = on;
    sendButton.disabled = on;
    log.setAttribute("aria-busy", on ? "true" : "false");
    status.textContent = on ? t("thinking") : "";
    status.classList.toggle("typing", on);
  }

  async function post(path, payload) {
    if (busy) return;
    setBusy(true);
    try {
      const response = await fetch(path, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        credentials: "same-origin",
        body: JSON.stringify(payload),
      });
      if (response.ok) {
        showReply(await response.json());
      } else if (response.status === 429) {
        showError(t("tooMany"));
      } else if (response.status === 413) {
        showError(t("tooLong"));
      } else {
        showError(t("error"));
      }
    } catch (e) {
      showError(t("error"));
    } finally {
      setBusy(false);
    }
  }

  function press(action, label) {
    if (busy) return;
    showMine(label);
    post("/api/action", { action: action });
  }

  function send() {
    const text = box.value.trim();
    if (!text) {
      status.textContent = t("empty");
      box.focus();
      return;
    }
    if (busy) return;
    showMine(text);
    box.value = "";
    post("/api/chat", { text: text, language: lang });
    box.focus();
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); send(); });
  box.addEventListener("keydown", (event) => {
    // Enter sends; Shift+Enter is a new line; never while an input method is composing.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      send();
    }
  });
  langSelect.addEventListener("change", () => {
    lang = UI[langSelect.value] ? langSelect.value : "zh";
    store("fraudbot.lang", lang);
    applyLanguage();
    post("/api/action", { action: "lang:" + lang });
  });
  largeButton.addEventListener("click", () => {
    const on = !document.documentElement.classList.contains("large");
    store("fraudbot.large", on ? "1" : "0");
    applyLarge(on);
    post("/api/action", { action: on ? "elderly_on" : "elderly_off" });
  });

  applyLanguage();
  applyLarge(stored("fraudbot.large") === "1");
})();
