#!/usr/bin/env node
// A stand-alone simulator of the WeChat Official Account platform, for checking a running bot by hand.
// Written apart from the bot's code, from WeChat's documented algorithms: the SHA-1 request signatures and the
// WXBizMsgCrypt message encryption (AES-256-CBC, key = Base64(EncodingAESKey + "="), IV = its first 16 bytes,
// plaintext random(16) + length(4, big-endian) + message + AppId, padded PKCS#7-style to 32 bytes).
//
// It plays both sides of WeChat: it pushes messages to the bot's server URL (/api/wechat) as WeChat does, and it
// serves WeChat's API (token, customer-service messages, custom menu) for the bot to call, counting the tokens asked
// for. Start it first, then the bot with WeChat:ApiBaseUrl pointing at it (see docs/wechat.md):
//
//   node bench/wechat-sim.mjs --bot http://127.0.0.1:3978 --token citywarmth2026 --appid wx5823bf96d3bd56c7 \
//        --secret sim-secret [--aeskey <43 characters>] [--api-port 18080] [--wait-bot 120]
//
// Without --aeskey the pushes are plain; with it they are in safe mode (and one in compatible mode). Node 18+.

import crypto from 'node:crypto';
import http from 'node:http';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const bot = (args.bot ?? 'http://127.0.0.1:3978').replace(/\/$/, '');
const token = args.token ?? 'citywarmth2026';
const appId = args.appid ?? 'wx5823bf96d3bd56c7';
const secret = args.secret ?? 'sim-secret';
const aesKey = args.aeskey;
const apiPort = Number(args['api-port'] ?? 18080);
const account = 'gh_simulator001';

// ---- WeChat's algorithms -------------------------------------------------------------------------------------
const sha1 = (...parts) => crypto.createHash('sha1').update([...parts].sort().join('')).digest('hex');

function keyOf(encodingAesKey) {
  const key = Buffer.from(encodingAesKey + '=', 'base64');
  if (key.length !== 32) throw new Error('EncodingAESKey must decode to 32 bytes');
  return key;
}

function encrypt(message) {
  const key = keyOf(aesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  let plain = Buffer.concat([crypto.randomBytes(16), length, body, Buffer.from(appId, 'utf8')]);
  const pad = 32 - (plain.length % 32);
  plain = Buffer.concat([plain, Buffer.alloc(pad, pad)]);
  const cipher = crypto.createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

function decrypt(text) {
  const key = keyOf(aesKey);
  const decipher = crypto.createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(Buffer.from(text, 'base64')), decipher.final()]);
  const pad = plain[plain.length - 1];
  if (pad < 1 || pad > 32) throw new Error('bad padding');
  const content = plain.subarray(16, plain.length - pad);
  const length = content.readUInt32BE(0);
  const from = content.subarray(4 + length).toString('utf8');
  if (from !== appId) throw new Error(`reply encrypted for ${from}, not ${appId}`);
  return content.subarray(4, 4 + length).toString('utf8');
}

const field = (xml, name) => {
  const match = new RegExp(`<${name}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${name}>`).exec(xml);
  return match ? (match[1] ?? match[2]) : undefined;
};

// ---- the API side: what the bot calls ------------------------------------------------------------------------
const api = { tokenRequests: 0, tokens: new Map(), current: null, sent: [], menus: [], invalidateAfter: 0 };

function apiAnswer(res, body) {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function tokenError(url) {
  const t = url.searchParams.get('access_token');
  if (!t) return { errcode: 41001, errmsg: 'access_token missing' };
  if (api.tokens.get(t) !== 'valid') return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' };
  return null;
}

const apiServer = http.createServer((req, res) => {
  const url = new URL(req.url, `http://127.0.0.1:${apiPort}`);
  let body = '';
  req.on('data', chunk => { body += chunk; });
  req.on('end', () => {
    if (req.method === 'GET' && url.pathname === '/cgi-bin/token') {
      api.tokenRequests++;
      if (url.searchParams.get('appid') !== appId) return apiAnswer(res, { errcode: 40013, errmsg: 'invalid appid' });
      if (url.searchParams.get('secret') !== secret) return apiAnswer(res, { errcode: 40125, errmsg: 'invalid appsecret' });
      const fresh = 'SIM_' + crypto.randomBytes(16).toString('hex');
      api.tokens.set(fresh, 'valid');
      api.current = fresh;
      return apiAnswer(res, { access_token: fresh, expires_in: 7200 });
    }
    if (req.method === 'POST' && (url.pathname === '/cgi-bin/message/custom/send' || url.pathname === '/cgi-bin/menu/create')) {
      const refused = tokenError(url);
      if (refused) return apiAnswer(res, refused);
      const json = JSON.parse(body);
      if (url.pathname === '/cgi-bin/menu/create') {
        api.menus.push(json);
      } else {
        if (json.msgtype === 'text' && Buffer.byteLength(json.text.content, 'utf8') > 2048) return apiAnswer(res, { errcode: 45002, errmsg: 'content size out of limit' });
        api.sent.push({ ...json, token: url.searchParams.get('access_token') });
        if (api.invalidateAfter > 0 && api.sent.length === api.invalidateAfter) api.tokens.set(api.current, 'invalid');
      }
      return apiAnswer(res, { errcode: 0, errmsg: 'ok' });
    }
    res.writeHead(404).end();
  });
});

// ---- the push side: what WeChat sends the bot ----------------------------------------------------------------
let msgId = BigInt(Date.now()) * 1000n;
const nextMsgId = () => String(++msgId);
const now = () => Math.floor(Date.now() / 1000);

function signedQuery({ wrong = false, at = now() } = {}) {
  const nonce = String(crypto.randomInt(100000, 2 ** 31 - 1));
  return { timestamp: String(at), nonce, signature: sha1(wrong ? 'wrong-token' : token, String(at), nonce) };
}

async function push(openId, msgType, fields, { mode = aesKey ? 'safe' : 'plain', createTime = now() } = {}) {
  const message = `<xml><ToUserName><![CDATA[${account}]]></ToUserName><FromUserName><![CDATA[${openId}]]></FromUserName>`
    + `<CreateTime>${createTime}</CreateTime><MsgType><![CDATA[${msgType}]]></MsgType>${fields}</xml>`;
  const q = signedQuery();
  const query = new URLSearchParams({ ...q, openid: openId });
  let body = message;
  if (mode !== 'plain') {
    const enc = encrypt(message);
    query.set('encrypt_type', 'aes');
    query.set('msg_signature', sha1(token, q.timestamp, q.nonce, enc));
    body = mode === 'safe'
      ? `<xml><ToUserName><![CDATA[${account}]]></ToUserName><Encrypt><![CDATA[${enc}]]></Encrypt></xml>`
      : message.replace('</xml>', `<Encrypt><![CDATA[${enc}]]></Encrypt></xml>`);
  }
  const started = Date.now();
  const response = await fetch(`${bot}/api/wechat?${query}`, { method: 'POST', body, headers: { 'content-type': 'text/xml' } });
  const text = await response.text();
  const took = Date.now() - started;
  if (response.status !== 200) return { status: response.status, text, took };
  if (text === 'success' || text === '') return { status: 200, nothing: true, took };
  let reply = text;
  const enc = field(text, 'Encrypt');
  if (enc !== undefined) {
    const ok = sha1(token, field(text, 'TimeStamp'), field(text, 'Nonce'), enc) === field(text, 'MsgSignature');
    if (!ok) throw new Error('the reply MsgSignature does not verify');
    reply = decrypt(enc);
  } else if (mode === 'safe') {
    throw new Error('a safe-mode message was answered in plain text');
  }
  return { status: 200, encrypted: enc !== undefined, content: field(reply, 'Content'), to: field(reply, 'ToUserName'), took };
}

/**
 * Pushes a message and returns it with what the worker sees: the passive reply, or what came through the
 * customer-service API when the bot answered "success" (a late answer).
 */
async function exchange(openId, msgType, fields, options = {}) {
  const before = api.sent.filter(m => m.touser === openId).length;
  const result = await push(openId, msgType, fields, options);
  result.seen = result.content;
  if (result.nothing && !options.expectNothing) {
    const deadline = Date.now() + 20000;
    while (Date.now() < deadline) {
      const fresh = api.sent.filter(m => m.touser === openId).slice(before);
      if (fresh.length > 0) {
        await new Promise(r => setTimeout(r, 500));
        result.seen = '[客服消息] ' + api.sent.filter(m => m.touser === openId).slice(before)
          .map(m => m.text?.content ?? m.news?.articles?.[0]?.title).join('\n---\n');
        break;
      }
      await new Promise(r => setTimeout(r, 200));
    }
  }
  result.seen ??= '(nothing arrived)';
  return result;
}

// ---- the checks --------------------------------------------------------------------------------------------------
const results = [];
function check(name, ok, detail = '') {
  results.push({ name, ok });
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${detail ? `\n      ${String(detail).replace(/\n/g, '\n      ')}` : ''}`);
}

async function waitForBot(seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${bot}/health`)).ok) return;
    } catch { /* not up yet */ }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`the bot at ${bot} did not answer /health`);
}

async function main() {
  await new Promise(resolve => apiServer.listen(apiPort, '127.0.0.1', resolve));
  console.log(`WeChat API simulated at http://127.0.0.1:${apiPort} (set WeChat:ApiBaseUrl to it); bot at ${bot}; mode ${aesKey ? 'safe' : 'plain'}`);
  await waitForBot(Number(args['wait-bot'] ?? 120));

  // 1. URL verification, and a wrong signature refused.
  const q = signedQuery();
  const echo = 'sim-' + crypto.randomInt(1e9);
  const verified = await fetch(`${bot}/api/wechat?${new URLSearchParams({ ...q, echostr: echo })}`);
  check('URL verification echoes echostr', verified.status === 200 && (await verified.text()) === echo);
  const wrong = await fetch(`${bot}/api/wechat?${new URLSearchParams({ ...signedQuery({ wrong: true }), echostr: echo })}`);
  check('a wrong signature is refused', wrong.status === 401, `status ${wrong.status}`);
  const stale = await fetch(`${bot}/api/wechat?${new URLSearchParams({ ...signedQuery({ at: now() - 3600 }), echostr: echo })}`);
  check('a stale timestamp is refused', stale.status === 401, `status ${stale.status}`);
  const forged = await push('oSimForged', 'text', `<Content><![CDATA[x]]></Content><MsgId>${nextMsgId()}</MsgId>`, { mode: 'plain' })
    .catch(e => ({ status: 'error ' + e.message }));
  if (aesKey) check('a plain message is refused while the account is in safe mode', forged.status === 401, `status ${forged.status}`);

  // 2. An answer in the configured mode (plain, or safe: decrypted and its signature checked).
  const policy = await exchange('oSimWorker1', 'text', `<Content><![CDATA[农民工子女上学有什么政策]]></Content><MsgId>${nextMsgId()}</MsgId>`);
  const policyText = policy.seen;
  check(`a ${aesKey ? 'safe' : 'plain'}-mode question is answered${policy.encrypted ? ' (reply decrypted, MsgSignature verified)' : ''}`,
    policy.status === 200 && /来源/.test(policyText) && (!aesKey || policy.nothing || policy.encrypted), `${policy.took} ms\n${policyText}`);
  if (aesKey) {
    const compat = await exchange('oSimWorker1', 'text', `<Content><![CDATA[你好]]></Content><MsgId>${nextMsgId()}</MsgId>`, { mode: 'compatible' });
    check('a compatible-mode message is answered', compat.status === 200 && /回复 1/.test(compat.seen), compat.seen);
  }

  // 3. Voice read through its recognition text.
  const voice = await exchange('oSimWorker2', 'voice', `<MediaId><![CDATA[m1]]></MediaId><Format><![CDATA[amr]]></Format>`
    + `<Recognition><![CDATA[我想找保安的工作。]]></Recognition><MsgId>${nextMsgId()}</MsgId>`);
  const voiceText = voice.seen;
  check('a voice message is read through its Recognition', /保安/.test(voiceText), voiceText);

  // 4. A retried MsgId answered once: same reply (or nothing), and nothing more sent.
  const id = nextMsgId();
  const first = await exchange('oSimWorker3', 'text', `<Content><![CDATA[转人工]]></Content><MsgId>${id}</MsgId>`);
  const firstText = first.seen;
  const sentBefore = api.sent.length;
  const retry = await push('oSimWorker3', 'text', `<Content><![CDATA[转人工]]></Content><MsgId>${id}</MsgId>`);
  await new Promise(r => setTimeout(r, 1500));
  check('a retried MsgId is answered once', (retry.nothing || retry.content === first.content) && api.sent.length === sentBefore,
    `first: ${firstText.split('\n')[0]}\nretry: ${retry.nothing ? 'success (nothing)' : retry.content.split('\n')[0]}`);

  // 5. subscribe welcomed, with the menu as numbered choices.
  const welcome = await exchange('oSimWorker4', 'event', '<Event><![CDATA[subscribe]]></Event>');
  const welcomeText = welcome.seen;
  check('subscribe is welcomed', /回复 1/.test(welcomeText), welcomeText);

  // 6. A choice by number.
  const picked = await exchange('oSimWorker4', 'text', `<Content><![CDATA[3]]></Content><MsgId>${nextMsgId()}</MsgId>`);
  check('replying 3 picks the third choice (找工作)', /什么活|工种/.test(picked.seen), picked.seen);

  // 7. The API calls use one cached token: answers that do not fit the passive window (or a turn's further messages)
  // go through the customer-service API; after the third such message the simulator retires the token (40001).
  console.log(`customer-service messages so far: ${api.sent.length}, tokens asked for: ${api.tokenRequests}`);
  if (api.sent.length > 0) {
    const distinct = new Set(api.sent.map(m => m.token)).size;
    check('every customer-service message used one cached token', api.tokenRequests === 1 && distinct === 1,
      `${api.sent.length} messages, ${api.tokenRequests} token request(s)`);
  } else {
    console.log('      (every answer was passive; start the bot with WeChat__PassiveReplySeconds=0.001 to send them through the API)');
  }
  if (api.sent.length > 0) {
    api.invalidateAfter = api.sent.length + 1;
    const tokensBefore = api.tokenRequests;
    for (let i = 0; i < 3; i++) {
      await exchange('oSimWorker5', 'text', `<Content><![CDATA[你好]]></Content><MsgId>${nextMsgId()}</MsgId>`);
      await new Promise(res => setTimeout(res, 300));
    }
    check('a rejected token (40001) is renewed once', api.tokenRequests === tokensBefore + 1,
      `token requests ${tokensBefore} -> ${api.tokenRequests}; ${api.sent.filter(m => m.touser === 'oSimWorker5').length} of 3 answers arrived`);
  }

  const failed = results.filter(r => !r.ok).length;
  console.log(`\n${results.length - failed} passed, ${failed} failed`);
  apiServer.close();
  process.exit(failed === 0 ? 0 : 1);
}

main().catch(error => {
  console.error(error);
  apiServer.close();
  process.exit(2);
});
