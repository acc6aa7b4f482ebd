"""Render the borehole log of the example in tests/export/borelog_site.py to a PNG for the README.

    .venv/bin/python tools/borelog_example.py docs/borehole-log.png

B03 of that project: described layers, five samples of which three overlap, their analysis samples,
two apparatus down the hole, a NAP axis; B04 dry ("niet aangetroffen") and B05 "niet gemeten" below it.
With ``--well``: PB01 of tests/export/well_site.py, a monitoring well drawn beside its layers
(pipe, filter, filter gravel, bentonite seal), for docs/well-log.png.
Needs pdftoppm (poppler-utils).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="PNG file to write")
    parser.add_argument("--well", action="store_true",
                        help="the monitoring well PB01 of tests/export/well_site.py instead")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "tests" / "export"))
    import borelog_site
    import well_site

    site = well_site if args.well else borelog_site

    from fieldapp.codelists import CodeLists
    from fieldapp.export import export
    from fieldapp.session import Session
    from fieldapp.settings import Settings

    with tempfile.TemporaryDirectory(prefix="fieldapp-borelog-") as tmp_name:
        tmp = Path(tmp_name)
        site.build(tmp / "field.sqlite")
        with Session.open(tmp / "field.sqlite", settings=Settings(user="J. de Vries"),
                          lists=CodeLists.load()) as session:
            export(session, site.PROJECT, "borelogs", tmp / "logs")
        # page 1 at 150 dpi: the page header and the first two logs, then the legend
        if args.well:  # its one log, and the legend from the foot of the page under it
            subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(tmp / "logs" / "logs.pdf"),
                            str(tmp / "log")], check=True)
        else:
            subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", "-x", "0", "-y", "0", "-W", "1240",
                            "-H", "1180", str(tmp / "logs" / "logs.pdf"), str(tmp / "log")], check=True)
        from PIL import Image

        image = Image.open(tmp / "log.png")
        if args.well:
            log, legend = image.crop((0, 0, 1240, 740)), image.crop((0, image.height - 230, 1240, image.height - 40))
            image = Image.new("RGB", (1240, 740 + 190), "white")
            image.paste(log, (0, 0))
            image.paste(legend, (0, 740))
        image.save(args.out, optimize=True)
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
