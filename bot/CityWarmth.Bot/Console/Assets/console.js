// Caseworker console: live queue and chat. Worker text is only ever set with textContent.
(() => {
  'use strict';
  const body = document.body;
  const token = document.querySelector('meta[name="csrf-token"]')?.content ?? '';

  const el = (tag, text, className) => {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  };

  const post = (url, data) => fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': token },
    body: JSON.stringify(data ?? {}),
  });

  const waited = (createdAt) => {
    const minutes = Math.max(0, Math.floor((Date.now() - Date.parse(createdAt)) / 60000));
    return minutes < 60 ? `${minutes}分钟` : `${Math.floor(minutes / 60)}小时${minutes % 60}分钟`;
  };

  const time = (at) => new Date(at).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' });

  const signedOut = (response) => {
    if (response.status === 401) { location.href = '/console/login?ReturnUrl=' + encodeURIComponent(location.pathname); return true; }
    return false;
  };

  const live = (url, handlers) => {
    // EventSource reconnects by itself; 'ready' after a reconnect re-reads state that may have been missed.
    const source = new EventSource(url);
    for (const [name, handler] of Object.entries(handlers)) source.addEventListener(name, handler);
    window.addEventListener('beforeunload', () => source.close());
    return source;
  };

  function queuePage() {
    let pending = null;
    const render = (tableId, rows, kind) => {
      const table = document.getElementById(tableId);
      if (!table) return;
      const tbody = table.querySelector('tbody');
      tbody.replaceChildren();
      for (const row of rows) {
        const tr = el('tr', null, 'priority-' + row.priority);
        tr.dataset.caseId = row.id;
        const badge = el('span', row.priorityLabel, 'badge priority-' + row.priority);
        const first = el('td'); first.append(badge); tr.append(first);
        tr.append(el('td', row.categoryLabel), el('td', row.reasonLabel), el('td', row.summary), el('td', row.channel));
        const wait = el('td', waited(row.createdAt), 'waiting'); wait.dataset.createdAt = row.createdAt; tr.append(wait);
        const action = el('td');
        if (kind === 'queued') {
          const claim = el('button', '接手', 'claim');
          claim.type = 'button';
          claim.addEventListener('click', async () => {
            claim.disabled = true;
            const response = await post(`/console/api/cases/${row.id}/claim`);
            if (signedOut(response)) return;
            if (response.ok) location.href = `/console/cases/${row.id}`;
            else { claim.disabled = false; load(); }
          });
          action.append(claim);
        } else {
          if (kind === 'others' && row.assignedName) action.append(el('span', row.assignedName + ' '));
          const open = el('a', '打开'); open.href = `/console/cases/${row.id}`; action.append(open);
        }
        tr.append(action);
        tbody.append(tr);
      }
      const empty = table.parentElement.querySelector('.empty');
      if (empty) empty.hidden = rows.length > 0;
    };
    const load = async () => {
      const response = await fetch('/console/api/queue', { credentials: 'same-origin' });
      if (signedOut(response) || !response.ok) return;
      const view = await response.json();
      render('queued', view.queued, 'queued');
      render('mine', view.mine, 'mine');
      render('others', view.others, 'others');
      const count = document.getElementById('queued-count');
      if (count) count.textContent = `（${view.queued.length}）`;
    };
    const soon = () => { clearTimeout(pending); pending = setTimeout(load, 150); };
    load();
    live('/console/api/events', { queue: soon, ready: soon });
    setInterval(() => document.querySelectorAll('td.waiting').forEach(td => { td.textContent = waited(td.dataset.createdAt); }), 15000);
  }

  function casePage() {
    const caseId = body.dataset.caseId;
    const chat = document.getElementById('chat');
    const seen = new Set();
    const senderLabel = { worker: '工友', bot: '机器人', agent: '工作人员' };

    const append = (line, failed) => {
      if (line.id && seen.has(line.id)) return;
      if (line.id) seen.add(line.id);
      const item = el('li', null, 'line ' + line.sender);
      const meta = el('div', null, 'meta');
      meta.append(el('span', line.senderName || senderLabel[line.sender] || '', 'name'), el('span', time(line.at), 'time'));
      if (failed) meta.append(el('span', '未送达', 'failed'));
      item.append(meta, el('p', line.text, 'text'));
      chat.append(item);
      chat.scrollTop = chat.scrollHeight;
    };

    const load = async () => {
      const response = await fetch(`/console/api/cases/${caseId}/messages`, { credentials: 'same-origin' });
      if (signedOut(response) || !response.ok) return;
      const lines = await response.json();
      chat.replaceChildren();
      seen.clear();
      lines.forEach(line => append(line));
    };

    load();
    let first = true;
    live(`/console/api/events?caseId=${encodeURIComponent(caseId)}`, {
      ready: () => { if (!first) load(); first = false; },
      message: (e) => append(JSON.parse(e.data)),
      case: () => location.reload(),
    });

    const form = document.getElementById('send');
    if (!form) return;
    const text = document.getElementById('send-text');
    const error = document.getElementById('send-error');
    document.querySelectorAll('button.canned-reply').forEach(button =>
      button.addEventListener('click', () => { text.value = button.dataset.text; text.focus(); }));
    text.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) form.requestSubmit();
    });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const value = text.value.trim();
      if (!value) return;
      const button = form.querySelector('button[type="submit"]');
      button.disabled = true;
      try {
        const response = await post(`/console/api/cases/${caseId}/messages`, { text: value });
        if (signedOut(response)) return;
        if (!response.ok) {
          error.textContent = response.status === 409 ? '这个会话已经结束或转走了。' : '发送失败，请重试。';
          error.hidden = false;
          return;
        }
        const result = await response.json();
        append(result.message, !result.delivered);
        text.value = '';
        error.hidden = true;
      } finally {
        button.disabled = false;
      }
    });
  }

  if (body.dataset.page === 'queue') queuePage();
  if (body.dataset.page === 'case') casePage();
})();
