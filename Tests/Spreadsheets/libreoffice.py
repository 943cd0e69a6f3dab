#!/usr/bin/env python3
"""Opens files in LibreOffice headless, as a user double-clicking them would, and reports
what LibreOffice made of them. Each run uses its own LibreOffice profile, so runs at the same
time do not collide.

    libreoffice.py formulas FILE.csv   # import the CSV (UTF-8, comma), save as .xlsx, and list
                                       # every cell LibreOffice turned into a formula
    libreoffice.py csv FILE.xlsx       # open the workbook and print it as CSV (as shown)
"""
import os
import re
import subprocess
import sys
import tempfile
import zipfile


def convert(path, target, infilter=None):
    out = tempfile.mkdtemp(prefix="reviewql-lo-")
    profile = tempfile.mkdtemp(prefix="reviewql-lo-profile-")
    command = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", target, "--outdir", out, path]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
    stem = os.path.splitext(os.path.basename(path))[0]
    extension = target.split(":")[0]
    return os.path.join(out, f"{stem}.{extension}")


def main():
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "formulas":
        # 44 = comma, 34 = double quote, 76 = UTF-8, 1 = start at row 1
        workbook = convert(path, "xlsx", infilter="CSV:44,34,76,1")
        with zipfile.ZipFile(workbook) as archive:
            for name in sorted(archive.namelist()):
                if name.startswith("xl/worksheets/sheet"):
                    xml = archive.read(name).decode("utf-8")
                    for cell, formula in re.findall(r'<c r="([A-Z]+[0-9]+)"[^>]*><f[^>]*>([^<]*)</f>', xml):
                        print(f"{cell}\t{formula}")
    else:
        # "as shown": the text a reader sees; UTF-8; comma; quote
        result = convert(path, 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true')
        with open(result, encoding="utf-8") as f:
            sys.stdout.write(f.read())


main()
