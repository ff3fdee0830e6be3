from research_desk.cli import main

raise SystemExit(main())
