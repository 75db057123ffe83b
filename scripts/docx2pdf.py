#!/usr/bin/python3
"""Render Word files to PDF with LibreOffice, the way Word prints them: fields,
indexes and page references (PAGEREF, NUMPAGES) are updated before export, which
a plain `soffice --convert-to pdf` does not do.

usage: /usr/bin/python3 scripts/docx2pdf.py IN.docx OUT.pdf [IN2.docx OUT2.pdf ...]

Several pairs are rendered by one LibreOffice process (it takes a few seconds to
start). LibreOffice runs headless with a throw-away profile and listens on a
named pipe (no TCP port); it is stopped at the end, also on failure. Exit
status 0 when every file was written, 1 otherwise, 2 on bad usage.

needs (Debian): libreoffice-writer-nogui python3-uno fonts-noto-cjk
(scripts/system-deps.mjs installs them for the tests).
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue

SOFFICE = os.environ.get("SOFFICE", "soffice")
START_TIMEOUT_S = 60


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if time.monotonic() > deadline:
                raise RuntimeError("LibreOffice did not start within %d s" % START_TIMEOUT_S)
            time.sleep(0.1)


def render(desktop, src, dst):
    if not os.path.isfile(src):
        raise RuntimeError("no such file")
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0, (prop("Hidden", True),))
    if doc is None:
        raise RuntimeError(f"LibreOffice could not open {src}")
    try:
        # Lay the document out, then update what depends on the layout: tables of
        # contents/indexes first (they change the page count), then every field
        # (PAGEREF → page of the bookmark, NUMPAGES, PAGE), twice so page
        # references that moved because of updated fields settle.
        indexes = doc.getDocumentIndexes()
        for i in range(indexes.getCount()):
            indexes.getByIndex(i).update()
        fields = doc.getTextFields()
        fields.refresh()
        fields.refresh()
        doc.storeToURL(uno.systemPathToFileUrl(dst), (prop("FilterName", "writer_pdf_Export"),))
    finally:
        doc.close(True)


def main(pairs):
    profile = tempfile.mkdtemp(prefix="docx2pdf-profile-")
    pipe = "docx2pdf-" + uuid.uuid4().hex
    proc = subprocess.Popen(
        [SOFFICE, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
         "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "HOME": profile})
    desktop = None
    failed = 0
    try:
        ctx = connect(pipe)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        for src, dst in pairs:
            try:
                render(desktop, src, dst)
                print(f"{dst}")
            except Exception as e:  # one bad file does not stop the others
                failed += 1
                print(f"{src}: {e}", file=sys.stderr)
    except Exception as e:
        print(f"docx2pdf: {e}", file=sys.stderr)
        failed = len(pairs)
    finally:
        try:
            if desktop is not None:
                desktop.terminate()
        except Exception:
            pass  # the bridge closes as LibreOffice exits
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(profile, ignore_errors=True)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or len(args) % 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    pairs = [(os.path.abspath(args[i]), os.path.abspath(args[i + 1])) for i in range(0, len(args), 2)]
    sys.exit(main(pairs))
