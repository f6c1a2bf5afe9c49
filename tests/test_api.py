"""The public API re-exported by ``import analysis`` resolves, and importing stays offline."""
from __future__ import annotations

import subprocess
import sys

import analysis


def test_every_export_resolves():
    for name in analysis.__all__:
        assert callable(getattr(analysis, name)), name


def test_import_does_not_touch_the_network():
    code = (
        "import socket\n"
        "def no(*a, **k): raise RuntimeError('network used at import')\n"
        "socket.socket.connect = no\n"
        "socket.create_connection = no\n"
        "import analysis, analysis.pipeline, analysis.attribution, analysis.sources, "
        "analysis.hedging, analysis.claims, analysis.sentiment, analysis.view\n"
        "res = analysis.analyze(['Officials said the bridge was allegedly damaged.'])\n"
        "print(len(res.attributions))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "1"
