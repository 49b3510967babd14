#!/usr/bin/env python3
"""The HTML report in a real browser: headless Chromium renders a report whose results include a
backend named like an attack (a conversion backend, an INT8 GEMM backend, a distribution drawn in
an SVG chart), and the rendered DOM must show every backend's row and verdict, the INT8 sections,
the attack as text, and no sign that a script ran. Saves a 1280x800 screenshot.

usage: browser_test.py FPCONFORM OUT_DIR       exit 77 (skipped) when chromium is absent
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ATTACK = ("<script>document.title='pwned';document.documentElement.setAttribute('data-pwned','1')"
          "</script><img src=x onerror=\"document.title='pwned'\">")


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def chromium(args, out_dir):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    with tempfile.TemporaryDirectory(prefix="fpconform-chromium-") as profile:
        cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--user-data-dir=" + profile] + args
        print("$ " + " ".join(cmd))
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if r.returncode != 0:
            fail("chromium exited %d: %s" % (r.returncode, r.stderr[-2000:]))
        return r.stdout


def main():
    # OUT_DIR, then the command that runs fpconform (an emulator and its options first, if any).
    out_dir, fpconform = sys.argv[1], sys.argv[2:]
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        print("skipped: chromium is not installed (apt-get install chromium)")
        sys.exit(77)
    os.makedirs(out_dir, exist_ok=True)
    results = os.path.join(out_dir, "browser_results.json")
    report = os.path.join(out_dir, "browser_report.html")
    subprocess.run([*fpconform, "check", "--backend", "bitfield,portable,f16c,avx512,libfp16",
                    "--op", "f32_to_f16,f16_to_f32", "--rounding", "rne,rtz", "--inputs", "edge",
                    "--json", results], check=False, capture_output=True)
    doc = json.load(open(results))
    # A plug-in could call itself anything: one more backend, named like an attack.
    evil = dict(doc["runs"][0])
    evil["backend"] = ATTACK
    evil["reason"] = ATTACK
    doc["runs"].append(evil)
    doc["command"] += " " + ATTACK
    json.dump(doc, open(results, "w"))
    # INT8 results beside them (exactness, end-to-end error): the attack as a GEMM backend's name
    # and as a distribution's (which the SQNR chart draws as SVG text).
    int8_results = os.path.join(out_dir, "browser_int8.json")
    # A GEMM backend that declares its deviation (CMake sets it: avx2 on x86, neon-smlal16 on Arm).
    declaring = os.environ.get("FPCONFORM_INT8_DECLARING", "avx2")
    subprocess.run([*fpconform, "matmul", "--backend", "reference," + declaring, "--shape", "3x17:17x255",
                    "--check", "exact,e2e", "--scheme", "per-tensor,fp16", "--json", int8_results],
                   check=False, capture_output=True)
    int8_doc = json.load(open(int8_results))
    int8_doc["int8"]["gemm"][0]["backend"] = ATTACK
    int8_doc["int8"]["end_to_end"][0]["dist"] = ATTACK
    # A GEMM backend this machine cannot run: its reason must be said once, not once per case.
    for case in [c for c in int8_doc["int8"]["gemm"] if c["backend"] == "reference"]:
        int8_doc["int8"]["gemm"].append(dict(case, backend="absent-gpu", status="skipped",
                                             reason="no CUDA device (browser test)"))
    json.dump(int8_doc, open(int8_results, "w"))
    subprocess.run([*fpconform, "report", results, int8_results, "-o", report], check=True)
    # The INT8 results alone: the exactness matrix at the top of the page, for the screenshot.
    int8_report = os.path.join(out_dir, "browser_int8.html")
    subprocess.run([*fpconform, "report", int8_results, "-o", int8_report], check=True)

    url = "file://" + os.path.abspath(report)
    dom = chromium(["--dump-dom", url], out_dir)
    open(os.path.join(out_dir, "browser_dom.html"), "w").write(dom)
    png = os.path.join(out_dir, "browser_report.png")
    chromium(["--window-size=1280,800", "--screenshot=" + png, url], out_dir)
    if not os.path.getsize(png):
        fail("no screenshot written")
    int8_png = os.path.join(out_dir, "browser_int8.png")
    chromium(["--window-size=1280,800", "--screenshot=" + int8_png, "file://" + os.path.abspath(int8_report)],
             out_dir)
    if not os.path.getsize(int8_png):
        fail("no INT8 screenshot written")

    backends = []
    for r in doc["runs"]:
        if r["backend"] not in backends:
            backends.append(r["backend"])
    title = re.search(r"<title>([^<]*)</title>", dom)
    if not title or "pwned" in title.group(1) or re.search(r"<html[^>]*data-pwned", dom):
        fail("a script from the attack's name ran")
    if re.search(r"<script|<img", dom, re.I):
        fail("the attack's name became an element")
    if "&lt;script&gt;document.title" not in dom:
        fail("the attack's name is not shown as text")
    rows = re.findall(r'<tbody data-backend="([^"]*)"', dom)
    if len(rows) != len(backends):
        fail("matrix has %d backend row groups, the results %d backends" % (len(rows), len(backends)))
    for b in backends:
        statuses = [r["status"] for r in doc["runs"] if r["backend"] == b]
        want = ("deviates" if "failed" in statuses else "conforms" if "passed" in statuses
                else "skipped" if "skipped" in statuses else "unimplemented")
        attr = b.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
        if not re.search(r'class="card %s" data-backend="%s" data-verdict="%s"' %
                         (want, re.escape(attr), want), dom):
            fail("no %s card for backend %r" % (want, b))
        print("  %-20s %s" % (b if b != ATTACK else "<attack>", want))
    for section in ("int8-exactness", "int8-error"):
        if not re.search(r'<section id="%s">' % section, dom):
            fail("no INT8 section %s" % section)
    int8 = dom[dom.index('<section id="int8-exactness">'):]
    int8 = int8[:int8.index("</section>")]
    gemm = int8_doc["int8"]["gemm"]
    cases = len(gemm)
    # A row per backend that ran, a column per (A type, inputs); each cell the worst of its cases.
    ran = []
    for c in gemm:
        if c["status"] != "skipped" and c["backend"] not in ran:
            ran.append(c["backend"])
    rows = re.findall(r'<tr data-row="([^"]*)">(.*?)</tr>', int8, re.S)
    if [html.unescape(k) for k, _ in rows] != ran:
        fail("INT8 matrix rows %r, the results' backends that ran %r" % ([k for k, _ in rows], ran))
    columns = []
    for c in gemm:
        if (c["a_type"], c["inputs"]) not in columns:
            columns.append((c["a_type"], c["inputs"]))
    rank = {"skipped": 1, "exact": 2, "declared": 3, "failed": 4}
    for backend, row in zip(ran, rows):
        cells = re.findall(r'<td class="matrixcell (\w+)">', row[1])[1:]  # after the backend's name
        if len(cells) != len(columns):
            fail("INT8 row %r has %d cells, %d columns" % (backend, len(cells), len(columns)))
        for k, col in enumerate(columns):
            states = ["skipped" if c["status"] == "skipped" else "exact" if c["status"] == "passed"
                      else "declared" if c.get("declared") and not c.get("model_mismatches") else "failed"
                      for c in gemm if c["backend"] == backend and (c["a_type"], c["inputs"]) == col
                      and c["status"] != "unimplemented"]
            want = max(states, key=rank.get) if states else "none"
            if cells[k] != want:
                fail("INT8 cell %r %r is %s, its cases say %s" % (backend, col, cells[k], want))
    if '<td class="matrixcell declared">' not in int8:
        fail(declaring + "'s declared deviation is not shown")
    if "absent-gpu" in [k for k, _ in rows] or int8.count("no CUDA device (browser test)") != 1:
        fail("the skipped GEMM backend is not said exactly once with its reason")
    cases = "%d cases in a %dx%d matrix" % (cases, len(rows), len(columns))
    error = dom[dom.index('<section id="int8-error">'):]
    error = error[:error.index("</section>")]
    if "<svg" not in error or error.count("<rect") < 3:
        fail("no SQNR chart with bars in the INT8 error section")
    print("  INT8: %s, SQNR chart with %d bars" % (cases, error.count("<rect") - 1))
    verdict = re.search(r'id="verdict">([^<]*)<', dom)
    if not verdict or not verdict.group(1).startswith(("DEVIATES", "CONFORMS")):
        fail("no verdict in the header")
    print("verdict: " + verdict.group(1))
    print("report %s (%d bytes), screenshots %s %s" % (report, os.path.getsize(report), png, int8_png))


main()
