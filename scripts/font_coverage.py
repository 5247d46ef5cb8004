"""Write wethrive_desktop/resources/fonts/coverage.txt, the code points the bundled fonts draw, from the fonts.

    python scripts/font_coverage.py

Run it after adding or updating a font in resources/fonts (tests/test_report_pdf.py fails until it is run).
"""

from wethrive_desktop.reports.pdf.coverage import write_coverage

if __name__ == "__main__":
    print(f"wrote {write_coverage()}")
