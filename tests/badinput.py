"""The bad-input corpus: hostile and broken files generated at test time (nothing large is committed).

``build_corpus(folder)`` writes every case and returns them, each with the outcome it must have: an
error whose one-line message names the file and says why (``Case.error``), or a parsed result with
stated properties (``Case.parsed``). ``python tests/badinput.py MANIFEST`` parses each case in its own
forked child of a process that imports only ``msgcheck.ingest`` and prints, per case, the outcome, the
time and the child's peak memory (``wait4``'s ru_maxrss); a child that runs past ``TIME_LIMIT_S`` is
killed and reported as a hang. tests/test_bad_inputs.py checks the outcomes and runs the same files
through ``Checker.check`` and the CLI.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import random
import signal
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

TIME_LIMIT_S = 30
MEMORY_LIMIT_MB = 1536

GOOD_CALL = (
    "Dana Okafor (Account Executive): Hi Lee, thanks for the time today.\n"
    "Lee Park: Sure. How much does it cost?\n"
    "Dana Okafor (Account Executive): It's $49 a month and the trial is fourteen days.\n"
    "Lee Park: Okay, and is there a contract?\n"
    "Dana Okafor (Account Executive): No contract, you can cancel any time.\n"
)
PAYLOADS = (
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[Sign in again](http://evil.example/login)",
    "javascript:alert(1)",
    "[/red][bold]",
    '=HYPERLINK("http://evil.example","click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\x1b]0;pwned\x07\x1b[2J\x1b]8;;http://evil.example\x1b\\osc8\x1b]8;;\x1b\\",
)


# markdown and HTML that would fetch from another host or fake a sign-in link, were it rendered
MD_PAYLOADS = (
    "![pixel](http://evil.example/pixel.png)",
    "[Session expired, sign in](http://evil.example/login)",
    "<img src=http://evil.example/x onerror=alert(1)>",
    "javascript:alert(1)",
    "\x1b]8;;http://evil.example\x1b\\osc8\x1b]8;;\x1b\\",
)


@dataclass
class Case:
    """One file and the outcome it must have."""

    name: str  # the file name (also the case's id)
    kind: str  # "call" or "asset"
    data: bytes = b""
    error: str | None = None  # the message must contain this (and the file name)
    parsed: dict = field(default_factory=dict)  # utterances / speakers / min_utterances / blocks / contains
    path: Path | None = None
    big: bool = False  # written by a streaming writer, not from ``data``
    heavy: bool = False  # parsed, but minutes to check: left out of the Checker and CLI batches


def _pdf(pages: int = 1, text: str = "Try it free for 30 days. No credit card needed.", **encrypt) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for _ in range(pages):
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    if encrypt:
        pdf.set_encryption(**encrypt)
    return bytes(pdf.output())


def _docx(text: str = "Try it free for 30 days. No credit card needed.") -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Spring offer", level=1)
    document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def _speaker_call(names: list[str]) -> bytes:
    lines = [f"{n}: Hello, this is line {i}." for i, n in enumerate(names)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def cases() -> list[Case]:
    rng = random.Random(13)
    garbage = bytes(rng.randrange(256) for _ in range(4096))
    png = b"\x89PNG\r\n\x1a\n" + garbage[:512]
    pdf, docx_bytes = _pdf(), _docx()
    flipped = bytearray(docx_bytes)
    for i in range(len(flipped) // 3, len(flipped) // 3 + 400):
        flipped[i] ^= 0xFF
    out: list[Case] = []
    empty_msg = "file is empty"
    for ext in (".txt", ".vtt", ".srt", ".json"):
        out.append(Case(f"empty-call{ext}", "call", b"", error=empty_msg))
        out.append(Case(f"garbage-call{ext}", "call", garbage, error="binary file"))
    for ext in (".md", ".markdown", ".txt", ".html", ".htm", ".csv", ".pdf", ".docx"):
        out.append(Case(f"empty-asset{ext}", "asset", b"", error=empty_msg))
    for ext in (".md", ".html", ".csv"):
        out.append(Case(f"garbage-asset{ext}", "asset", garbage, error="binary file"))
    out += [
        Case("garbage-asset.pdf", "asset", garbage, error="not a readable PDF"),
        Case("garbage-asset.docx", "asset", garbage, error="not a zip archive"),
        Case("whitespace-call.txt", "call", b" \n\t\n  ", error="only whitespace"),
        # renamed types
        Case("pdf-renamed.docx", "asset", pdf, error="not a zip archive"),
        Case("docx-renamed.pdf", "asset", docx_bytes, error="not a readable PDF"),
        Case("png-renamed.txt", "call", png, error="binary file"),
        Case("docx-renamed.json", "call", docx_bytes, error="binary file"),
        Case(
            "zip-without-document.docx",
            "asset",
            _zip({"hello.txt": b"hi"}),
            error="a part Word needs is missing",
        ),
        # types msgcheck does not read
        Case("brochure.doc", "asset", b"\xd0\xcf\x11\xe0" + garbage, error="save it as .docx"),
        Case("sheet.xlsx", "asset", _zip({"xl/workbook.xml": b"<x/>"}), error="does not read .xlsx"),
        Case("recording.mp3", "call", garbage, error="does not read .mp3"),
        Case("README", "asset", b"Try it free.", error="files without an extension"),
        # corrupt and encrypted PDF and .docx
        Case("truncated.pdf", "asset", pdf[: len(pdf) // 3], error="not a readable PDF"),
        Case(
            "encrypted.pdf",
            "asset",
            _pdf(owner_password="owner", user_password="user"),
            error="password-protected",
        ),
        Case("owner-only.pdf", "asset", _pdf(owner_password="owner"), parsed={"contains": "30 days"}),
        Case("scanned.pdf", "asset", _pdf(text=" "), error="no text layer"),
        Case("many-pages.pdf", "asset", _pdf(pages=310, text="Page."), error="MSGCHECK_MAX_PDF_PAGES"),
        Case("flipped-bytes.docx", "asset", bytes(flipped), error="not a readable .docx"),
        Case(
            "ole-encrypted.docx",
            "asset",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + garbage,
            error="password-protected",
        ),
        Case("bomb-total.docx", "asset", error="MSGCHECK_MAX_UNZIPPED_MB", big=True),
        Case(
            "bomb-ratio.docx",
            "asset",
            _zip({"word/document.xml": b"\0" * (20 << 20)}),
            error="compression ratio",
        ),
        # malformed captions
        Case("bad-timing.vtt", "call", b"WEBVTT\n\n00:00:01.000 --> soon\n<v Dana>Hi</v>\n", error="line 3"),
        Case("no-cues.vtt", "call", b"WEBVTT\n\nNOTE nothing here\n", error="no cues"),
        Case(
            "no-speaker.vtt",
            "call",
            b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhello there\n",
            error="no cue names its speaker",
        ),
        Case(
            "index-not-number.srt",
            "call",
            b"one\n00:00:01,000 --> 00:00:02,000\nDana: Hi\n\n",
            error="line 1: a cue starts with its number",
        ),
        Case("bad-time.srt", "call", b"1\n00:00:99,000 --> 00:00:02,000\nDana: Hi\n\n", error="line 2"),
        # malformed JSON and wrong shapes
        Case("truncated.json", "call", b'{"utterances": [{"speaker": "Dana", "te', error="invalid JSON"),
        Case("deep.json", "call", b"[" * 100_000 + b"]" * 100_000, error="nesting depth is 100,000"),
        Case("numbers.json", "call", b"[1, 2, 3]", error="found a JSON list"),
        Case(
            "utterances-string.json",
            "call",
            _json({"utterances": "hello"}),
            error='"utterances" is not a list',
        ),
        Case(
            "null-text.json",
            "call",
            _json({"utterances": [{"speaker": "Dana", "text": None}]}),
            error='has no "text" string',
        ),
        Case(
            "numeric-text.json",
            "call",
            _json([{"speaker": "Dana", "text": 42}]),
            parsed={"utterances": 1, "contains": "42"},
        ),
        Case(
            "null-speaker.json",
            "call",
            _json([{"speaker": None, "text": "hi"}]),
            error='has no "speaker" string',
        ),
        Case(
            "object-text.json",
            "call",
            _json([{"speaker": "Dana", "text": {"a": 1}}]),
            error='has no "text" string',
        ),
        Case(
            "bad-start.json",
            "call",
            _json([{"speaker": "D", "text": "hi", "start": "soon"}]),
            error="malformed timestamp",
        ),
        Case("many-keys.json", "call", _json({f"key{i}": i for i in range(10_000)}), error="and 9990 more"),
        Case(
            "many-utterances.json",
            "call",
            _json([{"speaker": "A", "text": "ok"}] * 60_000),
            error="MSGCHECK_MAX_UTTERANCES",
        ),
        Case(
            "gong-no-sentences.json",
            "call",
            _json({"transcript": [{"speakerId": "1"}]}),
            error='has no "sentences" list',
        ),
        Case(
            "markup-keys.json",
            "call",
            _json(dict.fromkeys(PAYLOADS, 1)),
            error="unrecognised JSON transcript",
        ),
        # encodings
        Case(
            "utf16-no-bom.txt", "call", GOOD_CALL.encode("utf-16-le"), parsed={"utterances": 5, "speakers": 2}
        ),
        Case(
            "utf16be-bom.txt",
            "call",
            codecs.BOM_UTF16_BE + GOOD_CALL.encode("utf-16-be"),
            parsed={"utterances": 5},
        ),
        Case("utf32-no-bom.txt", "call", GOOD_CALL.encode("utf-32-le"), parsed={"utterances": 5}),
        Case(
            "latin1.txt",
            "call",
            "Dana: Le café coûte 49 € par mois, très simple.\nLee: ça va\n".encode("latin-1", "replace"),
            parsed={"contains": "café"},
        ),
        Case(
            "cp1252.txt",
            "call",
            "Dana: We don’t charge setup — it’s free.\nLee: “Great”\n".encode("cp1252"),
            parsed={"contains": "don’t"},
        ),
        Case(
            "mixed-utf8-cp1252.txt",
            "call",
            "Dana: café ".encode() + "don’t\n".encode("cp1252") + b"Lee: ok\n",
            parsed={"utterances": 2},
        ),
        # sizes and shapes
        Case("one-speaker.txt", "call", _speaker_call(["Dana"] * 5), parsed={"utterances": 5, "speakers": 1}),
        Case(
            "500-speakers.txt",
            "call",
            _speaker_call([f"Speaker {i}" for i in range(500)]),
            parsed={"utterances": 500, "speakers": 500},
        ),
        Case("huge-file.txt", "call", error="MSGCHECK_MAX_FILE_MB", big=True),
        Case(
            "one-long-line.txt",
            "call",
            ("Dana: " + "We offer a thirty day trial. " * 50_000 + "\n").encode(),
            parsed={"min_utterances": 250, "speakers": 1},
            heavy=True,
        ),
        Case(
            "call-too-long.txt",
            "call",
            ("Dana: " + "word " * 100 + "\n").encode() * 5_000,
            error="MSGCHECK_MAX_CALL_CHARS",
        ),
        Case(
            "10000-columns.csv",
            "asset",
            (",".join(f"col{i}" for i in range(10_000)) + "\n" + ",".join("x" * 10_000) + "\n").encode(),
            error="and 9990 more",
        ),
        Case("only-header.csv", "asset", b"headline,description\n", error="no ad text under it"),
        Case(
            "no-text.html",
            "asset",
            b"<html><script>var a=1;</script><style>p{}</style></html>",
            error="no visible text",
        ),
    ]
    # payloads in speaker names and text: parsed, the payload kept as data
    for i, payload in enumerate(PAYLOADS):
        speaker = payload.replace(":", "").strip() or f"P{i}"
        body = [
            {"speaker": speaker, "text": f"{payload} Our plan is $49 a month.", "role": "rep"},
            {"speaker": "Lee", "text": "Fine."},
        ]
        out.append(Case(f"payload-{i}.json", "call", _json(body), parsed={"utterances": 2, "speakers": 2}))
    out.append(
        Case(
            "payload-text.txt",
            "call",
            "\n".join(f"Dana: {p} is fine" for p in PAYLOADS).encode(),
            parsed={"speakers": 1},
        )
    )
    out.append(
        Case(
            "payload-ads.csv",
            "asset",
            (
                "headline,description\n"
                + "\n".join(f'"{p.replace(chr(34), chr(39))}",Try it free for 30 days' for p in PAYLOADS)
            ).encode(),
            parsed={"contains": "30 days"},
        )
    )
    # file names
    out += [
        Case("name with spaces.txt", "call", GOOD_CALL.encode(), parsed={"utterances": 5}),
        Case("appel-été-通話.txt", "call", GOOD_CALL.encode(), parsed={"utterances": 5}),
        Case("-rf --help.txt", "call", GOOD_CALL.encode(), parsed={"utterances": 5}),
        Case(
            "[red]name[bold] x.vtt",
            "call",
            b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Dana>Our plan is $49 a month.</v>\n",
            parsed={"utterances": 1},
        ),
    ]
    return out


def _write_big(case: Case, path: Path) -> None:
    if case.name == "bomb-total.docx":  # 1.5 GB of zeros, about 1.5 MB compressed: the bomb
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", b"<Types/>")
            with z.open("word/document.xml", "w", force_zip64=True) as member:
                chunk = b"<w:p/>" * (1 << 18)
                for _ in range(1536 * 1024 * 1024 // len(chunk)):
                    member.write(chunk)
    elif case.name == "huge-file.txt":  # 50 MB on one line
        with path.open("wb") as fh:
            fh.write(b"Dana: ")
            chunk = b"We offer a thirty day trial. " * 35_000
            for _ in range(50 * 1024 * 1024 // len(chunk)):
                fh.write(chunk)


def build_corpus(folder: Path) -> list[Case]:
    """Write every case into ``folder`` (calls in calls/, assets in assets/); the cases, paths set."""
    all_cases = cases()
    for case in all_cases:
        sub = folder / ("calls" if case.kind == "call" else "assets")
        sub.mkdir(parents=True, exist_ok=True)
        case.path = sub / case.name
        if case.big:
            _write_big(case, case.path)
        else:
            case.path.write_bytes(case.data)
        case.data = b""  # the file holds it; keep the list light
    return all_cases


def _parse_one(kind: str, path: str) -> dict:
    from msgcheck.errors import MsgcheckError
    from msgcheck.ingest import load_asset, load_transcript

    try:
        if kind == "call":
            t = load_transcript(path)
            text = "\n".join(u.text for u in t.utterances)
            return {
                "outcome": "parsed",
                "utterances": len(t.utterances),
                "speakers": len({u.speaker for u in t.utterances}),
                "text": text[:20_000],
            }
        doc = load_asset(path)
        return {"outcome": "parsed", "blocks": len(doc.blocks), "text": doc.text[:20_000]}
    except MsgcheckError as exc:
        return {"outcome": "error", "message": str(exc)}
    except BaseException as exc:  # what the corpus exists to catch
        import traceback

        return {
            "outcome": "crash",
            "message": f"{type(exc).__name__}: {exc}",
            "traceback": traceback.format_exc(),
        }


def run_manifest(manifest: list[dict]) -> list[dict]:
    """Parse each case in a forked child; outcome, seconds and the child's peak memory (MB) per case."""
    import msgcheck.ingest  # noqa: F401  (imported once, before forking)

    results = []
    for item in manifest:
        read, write = os.pipe()
        started = time.perf_counter()
        pid = os.fork()
        if pid == 0:  # the child: parse, report, leave
            os.close(read)
            signal.alarm(TIME_LIMIT_S)
            payload = json.dumps(_parse_one(item["kind"], item["path"])).encode()
            with os.fdopen(write, "wb") as fh:
                fh.write(payload)
            os._exit(0)
        os.close(write)
        with os.fdopen(read, "rb") as fh:
            raw = fh.read()
        _, status, usage = os.wait4(pid, 0)
        seconds = time.perf_counter() - started
        if os.WIFSIGNALED(status):
            signum = os.WTERMSIG(status)
            result = {
                "outcome": "hang" if signum == signal.SIGALRM else "crash",
                "message": f"killed by signal {signum}",
            }
        else:
            result = json.loads(raw or b'{"outcome": "crash", "message": "no output"}')
        result.update(name=item["name"], seconds=round(seconds, 3), peak_mb=round(usage.ru_maxrss / 1024, 1))
        results.append(result)
    return results


if __name__ == "__main__":
    print(json.dumps(run_manifest(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))))
