#!/usr/bin/python3
"""Saves SOURCE as a password-protected .ods at TARGET through LibreOffice's own API
(Python-UNO; run with the system python3, which has the uno module): store the document
with the Password property, as File > Save As with "Save with password" does.
Usage: protect_ods.py SOURCE TARGET PASSWORD (make.py runs it)."""
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


source, target, password = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), sys.argv[3]
office = subprocess.Popen(["soffice", "--headless", "--norestore", "--accept=socket,host=127.0.0.1,port=2202;urp;"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", uno.getComponentContext())
    for _ in range(60):
        try:
            context = resolver.resolve("uno:socket,host=127.0.0.1,port=2202;urp;StarOffice.ComponentContext")
            break
        except Exception:
            time.sleep(0.5)
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, (prop("Hidden", True),))
    document.storeToURL(uno.systemPathToFileUrl(target), (prop("FilterName", "calc8"), prop("Password", password)))
    document.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass
finally:
    try:
        office.wait(timeout=30)
    except subprocess.TimeoutExpired:
        office.kill()
