import sys

from doc_agent.cli import main

sys.exit(main())
