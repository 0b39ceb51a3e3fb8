"""Developer tools run by the Makefile; not part of the app or the test run."""
