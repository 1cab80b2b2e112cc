"""`python -m govlint` runs the command line."""
from .cli import main

main()
