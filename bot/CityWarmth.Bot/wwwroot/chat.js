// The bot's Web Chat page: gets a Direct Line token from this server and keeps the conversation across reloads.
(function () {
  'use strict';

  var STORAGE_KEY = 'citywarmth.webchat';
  var domain = window.location.origin + '/v3/directline';
  var container = document.getElementById('webchat');

  function load() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || 'null');
      return saved && saved.userID ? saved : null;
    } catch (e) {
      return null;
    }
  }

  function save(state) {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch (e) {
      // Private mode or full storage: the chat still works, it just won't survive a reload.
    }
  }

  function forget() {
    try {
      window.localStorage.removeItem(STORAGE_KEY);
    } catch (e) { /* nothing to forget */ }
  }

  function randomUserId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    // Ids starting with "dl_" are reserved for the server, so ours start with "u_".
    return 'u_' + Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function showNotice(text) {
    container.innerHTML = '';
    var notice = document.createElement('p');
    notice.className = 'notice';
    notice.textContent = text;
    container.appendChild(notice);
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
        showNotice('正在连接城暖助手，请稍等……');
        await delay(Math.min(30, Math.max(e.retryAfter || 0, Math.pow(2, attempt))) * 1000);
      }
    }
  }

  async function start() {
    if (!window.WebChat) {
      showNotice('聊天组件没有加载成功，请刷新页面再试。');
      return;
    }
    var session;
    try {
      session = await connectPatiently();
      container.innerHTML = '';
    } catch (e) {
      showNotice('暂时连不上城暖助手，请稍后再试。着急的话可以拨打 12333。');
      return;
    }

    var options = { domain: domain, token: session.token, webSocket: false, pollingInterval: 1000 };
    if (session.resumed) {
      options.conversationId = session.conversationId;
    }
    var directLine = window.WebChat.createDirectLine(options);

    // Remember the conversation once it is online, and keep the refreshed token DirectLineJS holds.
    directLine.connectionStatus$.subscribe(function (status) {
      if (status === 2) {
        save({ userID: session.userID, token: directLine.token || session.token, conversationId: session.conversationId });
      } else if (status === 4 && session.resumed) {
        // The saved conversation is gone on the server: start a new one.
        forget();
        window.location.reload();
      } else if (status === 4) {
        // Starting the conversation failed (the server was busy): try again shortly with a fresh page.
        window.setTimeout(function () { window.location.reload(); }, 10 * 1000);
      }
    });
    window.setInterval(function () {
      if (directLine.token) {
        save({ userID: session.userID, token: directLine.token, conversationId: session.conversationId });
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
    container.querySelector('input, textarea') && container.querySelector('input, textarea').focus();
  }

  document.getElementById('new-chat').addEventListener('click', function () {
    forget();
    window.location.reload();
  });

  start();
})();
