"""`python -m wethrive_desktop` does what the `wethrive` command does."""

import sys

from wethrive_desktop.cli import main

sys.exit(main())
