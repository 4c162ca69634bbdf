"""`python -m verifier …` runs the same command line as the `verifier` script."""

from verifier.cli import main

main()
