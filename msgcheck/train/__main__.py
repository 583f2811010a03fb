"""`python -m msgcheck.train`: the one training command (msgcheck.train.recipe)."""

from .recipe import main

raise SystemExit(main())
