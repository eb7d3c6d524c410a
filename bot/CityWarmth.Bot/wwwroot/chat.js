// The bot's Web Chat page: loads the Web Chat bundle while the page already says what it is, gets a Direct Line token
// from this server, streams over WebSocket (polling only where WebSocket is blocked) and keeps the conversation across
// reloads.
(function () {
  'use strict';

  var STORAGE_KEY = 'citywarmth.webchat';
  // Until when this browser polls because its WebSocket did not get through (a day; then streaming is tried again).
  var POLLING_KEY = 'citywarmth.polling-until';
  var POLLING_DAYS_MS = 24 * 60 * 60 * 1000;
  var SLOW_BUNDLE_MS = 15 * 1000;
  var STREAM_SILENT_MS = 10 * 1000;
  var HOTLINE = '着急的话可以拨打人社服务热线 12333。';
  var domain = window.location.origin + '/v3/directline';
  var container = document.getElementById('webchat');
  var intro = document.getElementById('intro');
  var status = document.getElementById('status');

  function read(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key) || 'null');
    } catch (e) {
      return null;
    }
  }

  function write(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (e) {
      // Private mode or full storage: the chat still works, it just won't survive a reload.
    }
  }

  function forget(key) {
    try {
      window.localStorage.removeItem(key);
    } catch (e) { /* nothing to forget */ }
  }

  function load() {
    var saved = read(STORAGE_KEY);
    return saved && saved.userID ? saved : null;
  }

  function randomUserId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    // Ids starting with "dl_" are reserved for the server, so ours start with "u_".
    return 'u_' + Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function setStatus(text, failed) {
    if (status) {
      status.textContent = text;
      status.className = failed ? 'status status--failed' : 'status';
    }
  }

  // The greeting (or the saved history) is on screen: the introduction has done its job.
  function showChat() {
    if (intro && intro.parentNode) {
      intro.parentNode.removeChild(intro);
    }
  }

  async function post(path, token, body) {
    var headers = {};
    if (token) {
      headers.Authorization = 'Bearer ' + token;
    }
    if (body) {
      headers['Content-Type'] = 'application/json';
    }
    var response = await fetch(domain + path, { method: 'POST', headers: headers, body: body ? JSON.stringify(body) : undefined });
    if (!response.ok) {
      var error = new Error('HTTP ' + response.status);
      error.status = response.status;
      error.retryAfter = Number(response.headers.get('Retry-After')) || 0;
      throw error;
    }
    return response.json();
  }

  // A saved conversation is continued with a refreshed token; otherwise a new one starts.
  async function connect() {
    var saved = load();
    if (saved && saved.token && saved.conversationId) {
      try {
        var refreshed = await post('/tokens/refresh', saved.token);
        return { userID: saved.userID, token: refreshed.token, conversationId: refreshed.conversationId, resumed: true };
      } catch (e) {
        if (!e.status || e.status === 429 || e.status >= 500) {
          // Busy or offline: keep the saved conversation and let the caller try again.
          throw e;
        }
        // Expired or unknown: start afresh below, keeping the same user id.
      }
    }
    var userID = saved ? saved.userID : randomUserId();
    var issued = await post('/tokens/generate', null, { user: { id: userID } });
    return { userID: userID, token: issued.token, conversationId: issued.conversationId, resumed: false };
  }

  function delay(ms) {
    return new Promise(function (resolve) { window.setTimeout(resolve, ms); });
  }

  // A busy server (429, 503) or a dropped network is waited out: the page keeps trying, with growing pauses,
  // and honours Retry-After, so a worker never has to find the reload button.
  async function connectPatiently() {
    for (var attempt = 0; ; attempt++) {
      try {
        return await connect();
      } catch (e) {
        if (attempt >= 8 || (e.status && e.status !== 429 && e.status < 500)) {
          throw e;
        }
        setStatus('正在连接城暖助手，请稍等……');
        await delay(Math.min(30, Math.max(e.retryAfter || 0, Math.pow(2, attempt))) * 1000);
      }
    }
  }

  function streamingAllowed() {
    return typeof window.WebSocket === 'function' && !((read(POLLING_KEY) || 0) > Date.now());
  }

  async function start(connecting) {
    if (!window.WebChat) {
      setStatus('聊天组件没有加载成功，请刷新页面再试。' + HOTLINE, true);
      return;
    }
    var session;
    try {
      session = await connecting;
    } catch (e) {
      setStatus('暂时连不上城暖助手，请稍后再试。' + HOTLINE, true);
      return;
    }

    var streaming = streamingAllowed();
    var options = { domain: domain, token: session.token, webSocket: streaming };
    if (session.resumed) {
      options.conversationId = session.conversationId;
    }
    var directLine = window.WebChat.createDirectLine(options);
    var heard = false;
    var silence = null;

    directLine.activity$.subscribe(function () {
      if (!heard) {
        heard = true;
        window.clearTimeout(silence);
        showChat();
      }
    });
    // Remember the conversation once it is online, and keep the refreshed token DirectLineJS holds.
    directLine.connectionStatus$.subscribe(function (connection) {
      if (connection === 2) {
        write(STORAGE_KEY, { userID: session.userID, token: directLine.token || session.token, conversationId: session.conversationId });
        if (streaming && !heard && silence === null) {
          // Every conversation starts with the greeting or its history; a stream that brings nothing is blocked on
          // the way (a proxy that drops WebSocket), so this browser polls instead for a while.
          silence = window.setTimeout(function () {
            write(POLLING_KEY, Date.now() + POLLING_DAYS_MS);
            window.location.reload();
          }, STREAM_SILENT_MS);
        }
      } else if (connection === 4) {
        if (session.resumed) {
          // The saved conversation is gone on the server: start a new one.
          forget(STORAGE_KEY);
          window.location.reload();
        } else {
          // Starting the conversation failed (the server was busy): try again shortly with a fresh page.
          setStatus('暂时连不上城暖助手，请稍后再试。' + HOTLINE, true);
          window.setTimeout(function () { window.location.reload(); }, 10 * 1000);
        }
      }
    });
    window.setInterval(function () {
      if (directLine.token) {
        write(STORAGE_KEY, { userID: session.userID, token: directLine.token, conversationId: session.conversationId });
      }
    }, 60 * 1000);

    window.WebChat.renderWebChat({
      directLine: directLine,
      userID: session.userID,
      username: '工友',
      locale: 'zh-CN',
      styleOptions: {
        hideUploadButton: true,
        primaryFont: '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif',
        fontSizeSmall: '80%',
        bubbleBackground: '#f1f1f1',
        bubbleBorderRadius: 10,
        bubbleFromUserBackground: '#fde9e7',
        bubbleFromUserBorderRadius: 10,
        bubbleMaxWidth: 600,
        accent: '#c0392b',
        suggestedActionLayout: 'flow',
        suggestedActionBorderRadius: 16,
        sendBoxHeight: 48,
        // Only the bot has an avatar, so a phone keeps more width for text.
        botAvatarInitials: '暖'
      }
    }, container);
  }

  // The bundle was preloaded by the page; running it here lets a phone that cannot fetch it get a message, not a blank page.
  function loadBundle(connecting) {
    var link = document.getElementById('webchat-bundle');
    var script = document.createElement('script');
    var slow = window.setTimeout(function () {
      setStatus('网络较慢，正在加载聊天功能，请稍等…' + HOTLINE);
    }, SLOW_BUNDLE_MS);
    script.src = link ? link.href : '/lib/webchat.js';
    script.onload = function () {
      window.clearTimeout(slow);
      start(connecting);
    };
    script.onerror = function () {
      window.clearTimeout(slow);
      setStatus('聊天功能没有加载成功，请检查网络后刷新页面。' + HOTLINE, true);
    };
    document.body.appendChild(script);
  }

  document.getElementById('new-chat').addEventListener('click', function () {
    forget(STORAGE_KEY);
    window.location.reload();
  });

  // The token is fetched while the bundle downloads; a failure is reported once the bundle is here to say so.
  var connecting = connectPatiently();
  connecting.catch(function () { /* handled in start */ });
  loadBundle(connecting);
})();
