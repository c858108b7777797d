"""Installer and desktop-integration files: well-formed, consistent with each other and with the
package format, and validated by the platform tools when they are installed."""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from dvcq_desktop.package.model import MIMETYPE

ROOT = Path(__file__).resolve().parents[1]
LINUX = ROOT / "packaging" / "linux"
MIME = MIMETYPE.decode()
NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def desktop_entry() -> configparser.SectionProxy:
    cp = configparser.ConfigParser(interpolation=None)
    cp.optionxform = str  # type: ignore[assignment,method-assign]
    cp.read(LINUX / "vn.dvcq.Desktop.desktop", encoding="utf-8")
    return cp["Desktop Entry"]


def test_desktop_file() -> None:
    e = desktop_entry()
    assert e["Type"] == "Application" and e["Exec"] == "dvcq-desktop %f"
    assert e["MimeType"].rstrip(";").split(";") == [MIME, "application/vnd.dvcq.plan+zip"]
    assert e["Icon"] == "vn.dvcq.Desktop" and e["Name"] == "Dân vận chính quyền"


def test_metainfo_has_vietnamese_and_english_summary() -> None:
    root = ET.parse(LINUX / "vn.dvcq.Desktop.metainfo.xml").getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == "vn.dvcq.Desktop"
    assert root.findtext("project_license") == "MIT"
    summaries = {s.get(XML_LANG, "vi"): s.text for s in root.findall("summary")}
    assert set(summaries) == {"vi", "en"} and all(summaries.values())
    assert root.find("launchable").text == "vn.dvcq.Desktop.desktop"  # type: ignore[union-attr]
    assert root.findtext("provides/mediatype") == MIME


def test_mime_xml_glob_and_magic_match_the_package_format() -> None:
    root = ET.parse(LINUX / "vn.dvcq.mime.xml").getroot()
    mt = root.find("m:mime-type", NS)
    assert mt is not None and mt.get("type") == MIME
    assert [g.get("pattern") for g in mt.findall("m:glob", NS)] == ["*.dvcq"]
    outer = mt.find("m:magic/m:match", NS)
    assert outer is not None and (outer.get("offset"), outer.get("value")) == ("0", "PK\\003\\004")
    inner = outer.find("m:match", NS)
    assert inner is not None and inner.get("offset") == "30"
    assert inner.get("value") == "mimetype" + MIME


def test_freedesktop_mime_database_recognises_a_package_by_content(tmp_path: Path) -> None:
    """Qt reads the XML from $XDG_DATA_DIRS/mime/packages: a real package renamed .bin is still ours."""
    from support.package_helpers import built

    (tmp_path / "mime" / "packages").mkdir(parents=True)
    shutil.copy(LINUX / "vn.dvcq.mime.xml", tmp_path / "mime" / "packages")
    pkg = tmp_path / "goi.bin"
    pkg.write_bytes(built(1))
    other = tmp_path / "other.bin"
    other.write_bytes(b"PK\x03\x04" + b"\0" * 26 + b"mimetypeapplication/epub+zip")
    code = (
        "import sys; from PySide6.QtCore import QMimeDatabase as D; db = D()\n"
        "for p in sys.argv[1:]: print(db.mimeTypeForFile(p, D.MatchMode.MatchContent).name())"
    )
    env = dict(os.environ, XDG_DATA_DIRS=f"{tmp_path}:/usr/share")
    out = subprocess.run(
        [sys.executable, "-c", code, str(pkg), str(other)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert out.stdout.split()[0] == MIME, out.stderr
    assert out.stdout.split()[1] != MIME


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_file_validate() -> None:
    out = subprocess.run(
        ["desktop-file-validate", str(LINUX / "vn.dvcq.Desktop.desktop")], capture_output=True, text=True
    )
    assert out.returncode == 0 and "error" not in out.stdout, out.stdout


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream not installed")
def test_appstreamcli_validate() -> None:
    out = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(LINUX / "vn.dvcq.Desktop.metainfo.xml")],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_inno_setup_script() -> None:
    raw = (ROOT / "packaging" / "windows" / "dvcq.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Inno Setup reads the Vietnamese right
    iss = raw.decode("utf-8-sig")
    for line in (
        "PrivilegesRequired=lowest",
        "DefaultDirName={userpf}\\dvcq-desktop",
        'MessagesFile: "Vietnamese.isl"',  # in the repository, beside the script
        "MinVersion=10.0.17763",
        "AppMutex={#AppMutexName}",
        'Type: filesandordirs; Name: "{app}\\_internal"',  # [InstallDelete]: no stale files after an upgrade
        "ChangesAssociations=yes",
        'Subkey: "Software\\Classes\\.dvcq"',
        'ValueData: """{app}\\{#AppExe}"" ""%1"""',
        "{autodesktop}",
        "{autoprograms}",
    ):
        assert line in iss, line
    assert "HKLM" not in iss and "HKCR" not in iss  # per user only
    # Uninstall must never delete the user's data folder.
    assert "[UninstallDelete]" not in iss.replace("No [UninstallDelete]", "")
    assert "localappdata}\\dvcq-desktop" not in iss.lower()
    isl = (ROOT / "packaging" / "windows" / "Vietnamese.isl").read_bytes()
    assert isl.startswith(b"\xef\xbb\xbf")
    assert "LanguageName=Tiếng Việt" in isl.decode("utf-8-sig")


def test_make_icons_writes_pngs_and_a_valid_ico(tmp_path: Path) -> None:
    # In a subprocess, as the build runs it: it creates a QGuiApplication, which must not become
    # the test session's Qt application (widgets need a QApplication).
    out = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "make_icons.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    assert out.returncode == 0, out.stderr
    written = {Path(line).name for line in out.stdout.split()}
    SIZES = (16, 32, 48, 64, 128, 256)
    for size in SIZES:
        assert {f"app-{size}.png", f"dvcq-file-{size}.png"} <= written
    data = (tmp_path / "dvcq.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(SIZES))
    for i, size in enumerate(SIZES):
        w, h, _c, _r, planes, bpp, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert (w or 256, h or 256, planes, bpp) == (size, size, 1, 32)
        png = data[offset : offset + length]
        assert png.startswith(b"\x89PNG") and struct.unpack(">II", png[16:24]) == (size, size)
