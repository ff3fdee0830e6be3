import sys

from debt_radar.cli import main

sys.exit(main())
