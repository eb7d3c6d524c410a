#!/usr/bin/env python3
"""Works out fixed WeChat test vectors from the published algorithm, apart from the project's C# code.

Signatures: hashlib (SHA-1 of the sorted strings joined). Encryption (WXBizMsgCrypt): the plaintext
random(16) + length(4, big-endian) + message + AppId, padded PKCS#7-style to a multiple of 32 bytes here, then
AES-256-CBC by the openssl command line (-nopad), key = Base64(EncodingAESKey + "="), IV = its first 16 bytes.

Run from this folder: python3 make_vectors.py > vectors.json
"""
import base64, hashlib, json, struct, subprocess


def signature(*parts):
    return hashlib.sha1("".join(sorted(parts)).encode("utf-8")).hexdigest()


def encrypt(encoding_aes_key, app_id, random16, message):
    key = base64.b64decode(encoding_aes_key + "=")
    assert len(key) == 32 and len(random16) == 16
    body = message.encode("utf-8")
    plain = random16 + struct.pack(">I", len(body)) + body + app_id.encode("utf-8")
    pad = 32 - len(plain) % 32
    plain += bytes([pad]) * pad
    out = subprocess.run(
        ["openssl", "enc", "-aes-256-cbc", "-nopad", "-K", key.hex(), "-iv", key[:16].hex()],
        input=plain, capture_output=True, check=True).stdout
    return base64.b64encode(out).decode("ascii"), pad


KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
APP_ID = "wx5823bf96d3bd56c7"
TOKEN = "citywarmth2026"

messages = [
    # A worker's text message as WeChat pushes it.
    "<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[oWorker0001]]></FromUserName>"
    "<CreateTime>1796688000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[老板拖欠工资三个月了怎么办]]></Content>"
    "<MsgId>23998877665544332</MsgId></xml>",
    # A passive text reply.
    "<xml><ToUserName><![CDATA[oWorker0001]]></ToUserName><FromUserName><![CDATA[gh_0123456789ab]]></FromUserName>"
    "<CreateTime>1796688001</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[您好，我是城暖助手。]]></Content></xml>",
    # Lengths that make the padding a whole block of 32 and a single byte.
    "x" * (64 - 16 - 4 - len(APP_ID)),
    "y" * (64 - 16 - 4 - len(APP_ID) - 1),
    "",
]

vectors = {
    "token": TOKEN,
    "encodingAesKey": KEY,
    "appId": APP_ID,
    "urlSignatures": [
        {"timestamp": "1796688000", "nonce": "1357924680", "signature": signature(TOKEN, "1796688000", "1357924680")},
        {"timestamp": "1409304348", "nonce": "xxxxxx", "signature": signature(TOKEN, "1409304348", "xxxxxx")},
    ],
    "encryptions": [],
}
for i, message in enumerate(messages):
    random16 = bytes(((i * 16 + j) * 37 + 11) % 256 for j in range(16))
    encrypted, pad = encrypt(KEY, APP_ID, random16, message)
    timestamp, nonce = str(1796688000 + i), f"nonce{i:04d}"
    vectors["encryptions"].append({
        "message": message,
        "randomHex": random16.hex(),
        "padding": pad,
        "encrypt": encrypted,
        "timestamp": timestamp,
        "nonce": nonce,
        "msgSignature": signature(TOKEN, timestamp, nonce, encrypted),
    })


def decrypt(encoding_aes_key, encrypted):
    key = base64.b64decode(encoding_aes_key + "=")
    plain = subprocess.run(
        ["openssl", "enc", "-d", "-aes-256-cbc", "-nopad", "-K", key.hex(), "-iv", key[:16].hex()],
        input=base64.b64decode(encrypted), capture_output=True, check=True).stdout
    content = plain[16:len(plain) - plain[-1]]
    length = struct.unpack(">I", content[:4])[0]
    return content[4:4 + length].decode("utf-8"), content[4 + length:].decode("utf-8")


# The sample message of WeChat's own WXBizMsgCrypt examples (token "spamtest"), decrypted here to check the reading
# above against the platform's published data.
SAMPLE_ENCRYPT = (
    "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXp"
    "bUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlp"
    "Kn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1"
    "DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=")
sample_message, sample_app_id = decrypt(KEY, SAMPLE_ENCRYPT)
sample_signature = signature("spamtest", "1409735669", "1320562132", SAMPLE_ENCRYPT)
assert sample_signature == "5d197aaffba7e9b25a30732f161a50dee96bd5fa"
vectors["publishedSample"] = {
    "token": "spamtest",
    "encodingAesKey": KEY,
    "appId": sample_app_id,
    "timestamp": "1409735669",
    "nonce": "1320562132",
    "msgSignature": sample_signature,
    "encrypt": SAMPLE_ENCRYPT,
    "message": sample_message,
}

print(json.dumps(vectors, ensure_ascii=False, indent=2))
